import { RDS_ACTIONS } from '../catalog';
import { hosts } from '../hosts';
import type { ProductDef } from '../types';
import { describeAccounts } from './describe-accounts';
import { describeDbInstanceAttribute } from './describe-db-instance-attribute';
import { describeDbInstanceIpArrayList } from './describe-db-instance-ip-array-list';
import { describeDbInstanceNetInfo } from './describe-db-instance-net-info';
import { describeDatabases } from './describe-databases';
import { describeDbInstances } from './describe-db-instances';
import { modifySecurityIps } from './modify-security-ips';
import { RDS_STORE } from './model';

export const rds: ProductDef = {
  code: 'Rds',
  version: '2014-08-15',
  style: 'RPC',
  host: hosts.rds,
  catalog: RDS_ACTIONS,
  actions: {
    DescribeDBInstances: describeDbInstances,
    DescribeDBInstanceAttribute: describeDbInstanceAttribute,
    DescribeDBInstanceNetInfo: describeDbInstanceNetInfo,
    DescribeAccounts: describeAccounts,
    DescribeDBInstanceIPArrayList: describeDbInstanceIpArrayList,
    DescribeDatabases: describeDatabases,
    ModifySecurityIps: modifySecurityIps,
  },
  seed(account, scenario) {
    for (const d of scenario.dbInstances)
      account.store(d.RegionId, RDS_STORE).instances.set(d.DBInstanceId, structuredClone(d));
  },
};
