import type { ActionHandler } from '../types';
import { findGroup } from './model';
import { renderPolicy } from './render';

/** ListPoliciesForGroup: the policies attached to the group. */
export const listPoliciesForGroup: ActionHandler = ({ account, params }) => {
  const g = findGroup(account, params.required('GroupName'));
  return { Policies: { Policy: g.policies.map(renderPolicy) } };
};
