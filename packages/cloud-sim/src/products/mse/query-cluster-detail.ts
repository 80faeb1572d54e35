import type { ActionHandler } from '../types';
import { findMse, successEnvelope } from './model';

/** QueryClusterDetail: one instance; the whitelist (AclEntryList) only with AclSwitch=true. */
export const queryClusterDetail: ActionHandler = ({ account, params }) => {
  const m = findMse(account, params.required('InstanceId'));
  const withAcl = params.bool('AclSwitch') === true;
  return successEnvelope({
    Data: {
      InstanceId: m.InstanceId,
      ClusterName: m.ClusterName,
      ClusterAliasName: m.ClusterAliasName,
      ClusterType: m.ClusterType,
      AppVersion: m.AppVersion,
      ClusterVersion: m.VersionCode,
      OrderClusterVersion: m.VersionCode,
      MseVersion: m.MseVersion,
      ClusterSpecification: 'MSE_SC_2_4_60_c',
      RegionId: m.RegionId,
      VpcId: m.VpcId,
      VSwitchId: m.VSwitchId,
      NetType: m.InternetDomain !== '' ? 'pubnet' : 'privatenet',
      ConnectionType: 'slb',
      InitStatus: m.InitStatus,
      HealthStatus: m.InitStatus,
      ChargeType: m.ChargeType,
      PayInfo: m.ChargeType,
      CreateTime: m.CreateTime,
      InstanceCount: m.InstanceCount,
      Cpu: m.Cpu,
      MemoryCapacity: m.MemoryCapacity,
      DiskCapacity: 60,
      DiskType: 'alicloud-disk-ssd',
      PubNetworkFlow: m.InternetDomain !== '' ? '1' : '0',
      IntranetAddress: m.IntranetAddress,
      IntranetDomain: m.IntranetDomain,
      IntranetPort: m.IntranetPort,
      InternetAddress: m.InternetAddress,
      InternetDomain: m.InternetDomain,
      InternetPort: m.InternetPort,
      ResourceGroupId: m.ResourceGroupId,
      Tags: m.Tags,
      AclId: '',
      ...(withAcl ? { AclEntryList: m.AclEntryList } : {}),
      InstanceModels: Array.from({ length: m.InstanceCount }, (_, i) => ({
        PodName: `${m.ClusterName}-reg-center-0-${i}`,
        Role: i === 0 ? 'leader' : 'follower',
        HealthStatus: m.InitStatus === 'RESTART_SUCCESS' ? 'Running' : 'Pending',
        Ip: m.IntranetAddress,
        InternetIp: m.InternetAddress,
        SingleTunnelVip: '',
        Zone: 'cn-hangzhou-k',
        CreationTimestamp: '1778552430000',
      })),
    },
  });
};
