import type { ActionHandler } from '../types';
import { findUser } from './model';

/** GetUser: `User {UserId, UserName, DisplayName, Comments, CreateDate, …}`. */
export const getUser: ActionHandler = ({ account, params }) => {
  const u = findUser(account, params.required('UserName'));
  return {
    User: {
      UserId: u.UserId,
      UserName: u.UserName,
      DisplayName: u.DisplayName,
      MobilePhone: '',
      Email: '',
      Comments: u.Comments,
      CreateDate: u.CreateDate,
      UpdateDate: u.CreateDate,
      LastLoginDate: '',
    },
  };
};
