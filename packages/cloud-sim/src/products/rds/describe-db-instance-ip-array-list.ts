import type { ActionHandler } from '../types';
import { findDbInstance } from './model';

/** DescribeDBInstanceIPArrayList: whitelist groups as `Items.DBInstanceIPArray[]`. */
export const describeDbInstanceIpArrayList: ActionHandler = ({ account, params }) => {
  const d = findDbInstance(account, params.required('DBInstanceId'));
  return {
    Items: {
      DBInstanceIPArray: d.WhitelistGroups.map((g) => ({
        DBInstanceIPArrayName: g.name,
        DBInstanceIPArrayAttribute: g.attribute,
        SecurityIPList: g.ips,
        SecurityIPType: g.ipType ?? 'IPv4',
      })),
    },
  };
};
