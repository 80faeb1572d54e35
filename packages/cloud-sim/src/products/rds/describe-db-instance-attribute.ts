import type { ActionHandler } from '../types';
import { renderDbInstance } from './describe-db-instances';
import { findDbInstance } from './model';

/** DescribeDBInstanceAttribute: `Items.DBInstanceAttribute[]` (one element per id; ids may be comma separated). */
export const describeDbInstanceAttribute: ActionHandler = ({ account, params }) => {
  const ids = params.list('DBInstanceId', 30) ?? [params.required('DBInstanceId')];
  return {
    Items: {
      DBInstanceAttribute: ids.map((id) => {
        const d = findDbInstance(account, id);
        // The list's fields but CreateTime (CreationTime here) and MutriORsignle, as the API has them.
        const { CreateTime, MutriORsignle: _listOnly, ...common } = renderDbInstance(d);
        return {
          ...common,
          CreationTime: CreateTime,
          CurrentKernelVersion: d.CurrentKernelVersion,
          DBInstanceCPU: d.DBInstanceCPU,
          DBInstanceMemory: d.DBInstanceMemory,
          DBInstanceStorage: d.DBInstanceStorage,
          MaxConnections: d.MaxConnections,
          MaxIOPS: 20000,
          Port: d.Port,
          SecurityIPMode: 'normal',
          SecurityIPList: d.WhitelistGroups.map((g) => g.ips).join(','),
          AccountMaxQuantity: 500,
          DBMaxQuantity: 500,
          AvailabilityValue: '100.0%',
          MaintainTime: '18:00Z-22:00Z',
          Extra: { DBInstanceIds: { DBInstanceId: [] } },
        };
      }),
    },
  };
};
