import type { ActionHandler } from '../types';
import { findKvInstance } from './model';

/** DescribeSecurityIps: `SecurityIpGroups.SecurityIpGroup[]`. */
export const describeSecurityIps: ActionHandler = ({ account, params }) => {
  const k = findKvInstance(account, params.required('InstanceId'));
  return {
    SecurityIpGroups: {
      SecurityIpGroup: k.WhitelistGroups.map((g) => ({
        SecurityIpGroupName: g.name,
        SecurityIpGroupAttribute: g.attribute,
        SecurityIpList: g.ips,
      })),
    },
  };
};
