import type { AccountState, Registry } from '../../state/registry';
import { groupsOf, RAM_STORE, type RamUser } from './model';

/** Who signed the request: the account itself (root keys) or one of its RAM users. */
export type Caller = { type: 'Account' } | { type: 'RAMUser'; userName: string; userId: string };

export interface Principal {
  account: AccountState;
  secret: string;
  caller: Caller;
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
