import type { ActionHandler } from '../types';

/** GetCallerIdentity: sandbox keys are root-account keys. */
export const getCallerIdentity: ActionHandler = ({ account }) => ({
  IdentityType: 'Account',
  AccountId: account.accountId,
  UserId: account.accountId,
  PrincipalId: account.accountId,
  Arn: `acs:ram::${account.accountId}:root`,
});
