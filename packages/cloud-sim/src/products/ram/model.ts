import { storeKey, type AccountState } from '../../state/registry';
import { SimError } from '../../protocol/errors';

// RAM identities of an account (account-wide, no region): users with their own AccessKey pairs,
// groups, and the system policies attached to either.

export interface AttachedPolicy {
  PolicyName: string;
  PolicyType: 'System' | 'Custom';
  AttachDate: string;
}

export interface RamAccessKey {
  AccessKeyId: string;
  AccessKeySecret: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
}

export interface RamUser {
  UserName: string;
  /** 16 digits, like the real ones. */
  UserId: string;
  DisplayName: string;
  Comments: string;
  CreateDate: string;
  accessKeys: RamAccessKey[];
  policies: AttachedPolicy[];
}

export interface RamGroup {
  /** `g-` and 16 characters, as RAM gives them. */
  GroupId: string;
  GroupName: string;
  Comments: string;
  CreateDate: string;
  members: { UserName: string; JoinDate: string }[];
  policies: AttachedPolicy[];
}

export interface RamStore {
  users: Map<string, RamUser>;
  groups: Map<string, RamGroup>;
}

export const RAM_STORE = storeKey<RamStore>('ram', () => ({ users: new Map(), groups: new Map() }));

/** A RAM role the account's own identities may assume (trust policy: the account). */
export interface RamRole {
  RoleName: string;
  /** 19 digits, like the real ones. */
  RoleId: string;
  /** `acs:ram::<AccountId>:role/<rolename in lower case>`. */
  Arn: string;
  Description: string;
  /** Seconds, 3600 … 43200; AssumeRole's DurationSeconds may not exceed it. */
  MaxSessionDuration: number;
  CreateDate: string;
  policies: AttachedPolicy[];
}

export interface RamRoleStore {
  roles: Map<string, RamRole>;
}

export const RAM_ROLE_STORE = storeKey<RamRoleStore>('ram-roles', () => ({ roles: new Map() }));

/** Fixture data for a scenario (plain objects; seeded into RAM_STORE). */
export interface RamFixtures {
  users: RamUser[];
  groups: RamGroup[];
  /** `Arn` is filled in at seeding (it carries the account id). */
  roles?: Omit<RamRole, 'Arn'>[];
}

export const roleArn = (accountId: string, roleName: string) =>
  `acs:ram::${accountId}:role/${roleName.toLowerCase()}`;

// RAM entity-not-found answers: code EntityNotExist.<Kind>, HTTP 404; message
// wording follows RAM's "The role not exists: x." form (UNCONFIRMED for users/groups).
export function findUser(account: AccountState, name: string): RamUser {
  const u = account.accountStore(RAM_STORE).users.get(name);
  if (!u) throw new SimError('EntityNotExist.User', 404, `The user not exists: ${name}.`);
  return u;
}

export function findGroup(account: AccountState, name: string): RamGroup {
  const g = account.accountStore(RAM_STORE).groups.get(name);
  if (!g) throw new SimError('EntityNotExist.Group', 404, `The group not exists: ${name}.`);
  return g;
}

export function groupsOf(account: AccountState, userName: string): RamGroup[] {
  return [...account.accountStore(RAM_STORE).groups.values()].filter((g) =>
    g.members.some((m) => m.UserName === userName),
  );
}
