import type { AccountState, Registry } from '../../state/registry';
import { STS_STORE, type StsSession } from '../sts/model';
import { groupsOf, RAM_ROLE_STORE, RAM_STORE, type RamUser } from './model';

/** Who signed the request: the account itself (root keys), one of its RAM users, or a role session. */
export type Caller =
  | { type: 'Account' }
  | { type: 'RAMUser'; userName: string; userId: string }
  | { type: 'AssumedRoleUser'; roleName: string; roleId: string; sessionName: string };

export interface Principal {
  account: AccountState;
  secret: string;
  caller: Caller;
  /** Temporary credentials: the session the key belongs to (its token must come along). */
  session?: StsSession;
}

/** The account and identity behind an AccessKeyId (root keys first, then RAM users' keys). */
export function findPrincipal(registry: Registry, accessKeyId: string): Principal | undefined {
  const root = registry.byAccessKey(accessKeyId);
  if (root) return { account: root, secret: root.accessKeySecret, caller: { type: 'Account' } };
  for (const account of registry.accounts()) {
    for (const u of account.accountStore(RAM_STORE).users.values()) {
      const key = u.accessKeys.find((k) => k.AccessKeyId === accessKeyId && k.Status === 'Active');
      if (key)
        return {
          account,
          secret: key.AccessKeySecret,
          caller: { type: 'RAMUser', userName: u.UserName, userId: u.UserId },
        };
    }
    const session = account.accountStore(STS_STORE).sessions.get(accessKeyId);
    if (session)
      return {
        account,
        secret: session.accessKeySecret,
        caller: {
          type: 'AssumedRoleUser',
          roleName: session.roleName,
          roleId: session.roleId,
          sessionName: session.sessionName,
        },
        session,
      };
  }
  return undefined;
}

/** The policy names a RAM user holds: attached directly and through its groups. */
export function effectivePolicies(account: AccountState, user: RamUser): string[] {
  const names = new Set(user.policies.map((p) => p.PolicyName));
  for (const g of groupsOf(account, user.UserName))
    for (const p of g.policies) names.add(p.PolicyName);
  return [...names];
}

/** The policy names a caller other than the account holds (a user's, or its role's). */
export function callerPolicies(
  account: AccountState,
  caller: Exclude<Caller, { type: 'Account' }>,
): string[] | undefined {
  if (caller.type === 'AssumedRoleUser')
    return account
      .accountStore(RAM_ROLE_STORE)
      .roles.get(caller.roleName)
      ?.policies.map((p) => p.PolicyName);
  const user = account.accountStore(RAM_STORE).users.get(caller.userName);
  return user ? effectivePolicies(account, user) : undefined;
}
