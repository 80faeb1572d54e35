import { paginate } from '../paging';
import type { ActionHandler } from '../types';
import { MSE_STORE, successEnvelope, type MseRecord } from './model';

export function renderSummary(m: MseRecord): Record<string, unknown> {
  return {
    InstanceId: m.InstanceId,
    ClusterName: m.ClusterName,
    ClusterAliasName: m.ClusterAliasName,
    ClusterType: m.ClusterType,
    AppVersion: m.AppVersion,
    VersionCode: m.VersionCode,
    MseVersion: m.MseVersion,
    InitStatus: m.InitStatus,
    ChargeType: m.ChargeType,
    CreateTime: m.CreateTime,
    EndDate: m.EndDate,
    InstanceCount: m.InstanceCount,
    IntranetAddress: m.IntranetAddress,
    IntranetDomain: m.IntranetDomain,
    InternetAddress: m.InternetAddress,
    InternetDomain: m.InternetDomain,
    ResourceGroupId: m.ResourceGroupId,
    VpcId: m.VpcId,
    CanUpdate: false,
    Tags: m.Tags,
    MaintenancePeriod: { StartTime: '00:00', EndTime: '06:00' },
  };
}

/** ListClusters: RegionId, PageNum and PageSize are required; ClusterAliasName matches fuzzily. */
export const listClusters: ActionHandler = ({ account, params }) => {
  const regionId = params.required('RegionId');
  const pageNum = params.int('PageNum', { default: 0, min: 1 });
  const pageSize = params.int('PageSize', { default: 0, min: 1, max: 100 });
  if (pageNum === 0) params.required('PageNum');
  if (pageSize === 0) params.required('PageSize');
  const alias = params.get('ClusterAliasName');
  const rg = params.get('ResourceGroupId');
  const all = [...account.store(regionId, MSE_STORE).clusters.values()].filter(
    (m) =>
      (alias === undefined || m.ClusterAliasName.includes(alias)) &&
      (rg === undefined || m.ResourceGroupId === rg),
  );
  const page = paginate(all, pageNum, pageSize);
  return successEnvelope({
    PageNumber: pageNum,
    PageSize: pageSize,
    TotalCount: page.total,
    Data: page.items.map(renderSummary),
  });
};
