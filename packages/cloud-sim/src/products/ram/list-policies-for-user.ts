import type { ActionHandler } from '../types';
import { findUser } from './model';
import { renderPolicy } from './render';

/** ListPoliciesForUser: the policies attached to the user directly (not through groups). */
export const listPoliciesForUser: ActionHandler = ({ account, params }) => {
  const u = findUser(account, params.required('UserName'));
  return { Policies: { Policy: u.policies.map(renderPolicy) } };
};
