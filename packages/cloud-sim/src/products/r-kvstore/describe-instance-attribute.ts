import type { ActionHandler } from '../types';
import { renderKvInstance } from './describe-instances';
import { findKvInstance } from './model';

/** DescribeInstanceAttribute: `Instances.DBInstanceAttribute[]` (wrapper name confirmed in the SDK model). */
export const describeInstanceAttribute: ActionHandler = ({ account, params }) => {
  const k = findKvInstance(account, params.required('InstanceId'));
  // The list's fields but EditionType and UserName, which this answer does not have.
  const { EditionType: _edition, UserName: _user, ...common } = renderKvInstance(k);
  return {
    Instances: {
      DBInstanceAttribute: [
        {
          ...common,
          Engine: 'Redis',
          SecurityIPList: k.WhitelistGroups.map((g) => g.ips).join(','),
          VpcAuthMode: 'Open',
          MaintainStartTime: '18:00Z',
          MaintainEndTime: '22:00Z',
          Storage: '',
          ReplicationMode: 'master-slave',
          ReadOnlyCount: 0,
          AvailabilityValue: '100%',
          InstanceReleaseProtection: false,
          VpcCloudInstanceId: `${k.InstanceId}-vpc`,
        },
      ],
    },
  };
};
