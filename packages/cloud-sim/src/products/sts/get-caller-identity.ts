import type { ActionHandler } from '../types';

/**
 * GetCallerIdentity: root keys answer IdentityType Account (Arn `acs:ram::<uid>:root`); a RAM
 * user's keys answer RAMUser with its UserId and Arn `acs:ram::<uid>:user/<UserName>`; a role
 * session's temporary keys answer AssumedRoleUser with RoleId, PrincipalId `<RoleId>:<session>`
 * and Arn `acs:ram::<uid>:assumed-role/<RoleName>/<session>`.
 */
export const getCallerIdentity: ActionHandler = ({ account, caller }) => {
  if (caller?.type === 'RAMUser')
    return {
      IdentityType: 'RAMUser',
      AccountId: account.accountId,
      UserId: caller.userId,
      PrincipalId: caller.userId,
      Arn: `acs:ram::${account.accountId}:user/${caller.userName}`,
    };
  if (caller?.type === 'AssumedRoleUser')
    return {
      IdentityType: 'AssumedRoleUser',
      AccountId: account.accountId,
      RoleId: caller.roleId,
      PrincipalId: `${caller.roleId}:${caller.sessionName}`,
      Arn: `acs:ram::${account.accountId}:assumed-role/${caller.roleName}/${caller.sessionName}`,
    };
  return {
    IdentityType: 'Account',
    AccountId: account.accountId,
    UserId: account.accountId,
    PrincipalId: account.accountId,
    Arn: `acs:ram::${account.accountId}:root`,
  };
};
