import type { ActionHandler } from '../types';
import { findDbInstance } from './model';

/** DescribeDBInstanceNetInfo: `DBInstanceNetInfos.DBInstanceNetInfo[]` (upper-case `VPCId`, `Port` a string). */
export const describeDbInstanceNetInfo: ActionHandler = ({ account, params }) => {
  const d = findDbInstance(account, params.required('DBInstanceId'));
  return {
    InstanceNetworkType: 'VPC',
    SecurityIPMode: 'normal',
    DBInstanceNetInfos: {
      DBInstanceNetInfo: [
        {
          ConnectionString: d.ConnectionString,
          IPAddress: d.IPAddress,
          IPType: 'Private',
          Port: d.Port,
          ConnectionStringType: 'Normal',
          VPCId: d.VpcId,
          VSwitchId: d.VSwitchId,
          Upgradeable: 'Disabled',
          ExpiredTime: '',
          SecurityIPGroups: {
            securityIPGroup: d.WhitelistGroups.map((g) => ({
              SecurityIPGroupName: g.name,
              SecurityIPs: g.ips,
            })),
          },
          DBInstanceWeights: { DBInstanceWeight: [] },
          ...(d.Engine === 'PostgreSQL' ? { PGBouncerPort: '' } : {}),
        },
      ],
    },
  };
};
