import { KVSTORE_ACTIONS } from '../catalog';
import { hosts } from '../hosts';
import type { ProductDef } from '../types';
import { describeInstanceAttribute } from './describe-instance-attribute';
import { describeInstances } from './describe-instances';
import { describeSecurityIps } from './describe-security-ips';
import { modifySecurityIps } from './modify-security-ips';
import { KVSTORE_STORE } from './model';

export const rKvstore: ProductDef = {
  code: 'R-kvstore',
  version: '2015-01-01',
  style: 'RPC',
  host: hosts.kvstore,
  catalog: KVSTORE_ACTIONS,
  actions: {
    DescribeInstances: describeInstances,
    DescribeInstanceAttribute: describeInstanceAttribute,
    DescribeSecurityIps: describeSecurityIps,
    ModifySecurityIps: modifySecurityIps,
  },
  seed(account, scenario) {
    for (const k of scenario.kvInstances)
      account.store(k.RegionId, KVSTORE_STORE).instances.set(k.InstanceId, structuredClone(k));
  },
};
