import { RAM_ACTIONS } from '../catalog';
import { hosts } from '../hosts';
import type { ProductDef } from '../types';
import { ramKeysFor } from '../../fixtures/ram';
import { getUser } from './get-user';
import { listGroupsForUser } from './list-groups-for-user';
import { listPoliciesForGroup } from './list-policies-for-group';
import { listPoliciesForUser } from './list-policies-for-user';
import { RAM_ROLE_STORE, RAM_STORE, roleArn } from './model';

export const ram: ProductDef = {
  code: 'Ram',
  version: '2015-05-01',
  style: 'RPC',
  host: hosts.ram,
  catalog: RAM_ACTIONS,
  actions: {
    GetUser: getUser,
    ListPoliciesForUser: listPoliciesForUser,
    ListGroupsForUser: listGroupsForUser,
    ListPoliciesForGroup: listPoliciesForGroup,
  },
  seed(account, scenario) {
    const store = account.accountStore(RAM_STORE);
    for (const u of scenario.ram?.users ?? []) {
      const copy = structuredClone(u);
      const keys = ramKeysFor(account.keys, u.UserName);
      copy.accessKeys = copy.accessKeys.map((k) => ({
        ...k,
        AccessKeyId: keys.accessKeyId,
        AccessKeySecret: keys.accessKeySecret,
      }));
      store.users.set(u.UserName, copy);
    }
    for (const g of scenario.ram?.groups ?? []) store.groups.set(g.GroupName, structuredClone(g));
    const roles = account.accountStore(RAM_ROLE_STORE).roles;
    for (const r of scenario.ram?.roles ?? [])
      roles.set(r.RoleName, { ...structuredClone(r), Arn: roleArn(account.accountId, r.RoleName) });
  },
};
