import type { ActionHandler } from '../types';

/**
 * GetCallerIdentity: root keys answer IdentityType Account (Arn `acs:ram::<uid>:root`); a RAM
 * user's keys answer RAMUser with its UserId and Arn `acs:ram::<uid>:user/<UserName>`.
 */
export const getCallerIdentity: ActionHandler = ({ account, caller }) =>
  caller?.type === 'RAMUser'
    ? {
        IdentityType: 'RAMUser',
        AccountId: account.accountId,
        UserId: caller.userId,
        PrincipalId: caller.userId,
        Arn: `acs:ram::${account.accountId}:user/${caller.userName}`,
      }
    : {
        IdentityType: 'Account',
        AccountId: account.accountId,
        UserId: account.accountId,
        PrincipalId: account.accountId,
        Arn: `acs:ram::${account.accountId}:root`,
      };
