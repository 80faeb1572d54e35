import type { ActionHandler } from '../types';
import { findUser, groupsOf } from './model';

/** ListGroupsForUser: `Groups.Group[] {GroupId, GroupName, Comments, JoinDate}`. */
export const listGroupsForUser: ActionHandler = ({ account, params }) => {
  const u = findUser(account, params.required('UserName'));
  return {
    Groups: {
      Group: groupsOf(account, u.UserName).map((g) => ({
        GroupId: g.GroupId,
        GroupName: g.GroupName,
        Comments: g.Comments,
        JoinDate: g.members.find((m) => m.UserName === u.UserName)?.JoinDate ?? g.CreateDate,
      })),
    },
  };
};
