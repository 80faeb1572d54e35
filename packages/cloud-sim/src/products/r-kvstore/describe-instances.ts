import { Errors } from '../../protocol/errors';
import { paginate } from '../paging';
import type { ActionHandler } from '../types';
import { KVSTORE_STORE, type KvInstanceRecord } from './model';

export function renderKvInstance(k: KvInstanceRecord): Record<string, unknown> {
  return {
    InstanceId: k.InstanceId,
    InstanceName: k.InstanceName,
    InstanceStatus: k.InstanceStatus,
    InstanceType: k.InstanceType,
    EditionType: k.EditionType,
    ArchitectureType: k.ArchitectureType,
    EngineVersion: k.EngineVersion,
    InstanceClass: k.InstanceClass,
    Capacity: k.Capacity,
    Bandwidth: k.Bandwidth,
    Connections: k.Connections,
    QPS: k.QPS,
    ShardCount: k.ShardCount,
    NodeType: k.NodeType,
    ChargeType: k.ChargeType,
    NetworkType: 'VPC',
    VpcId: k.VpcId,
    VSwitchId: k.VSwitchId,
    ZoneId: k.ZoneId,
    SecondaryZoneId: k.SecondaryZoneId,
    RegionId: k.RegionId,
    ConnectionDomain: k.ConnectionDomain,
    Port: k.Port,
    PrivateIp: k.PrivateIp,
    UserName: k.InstanceId,
    CreateTime: k.CreateTime,
    EndTime: k.EndTime,
    ResourceGroupId: k.ResourceGroupId,
    IsRds: true,
    GlobalInstanceId: '',
    Tags: { Tag: [] },
  };
}

/**
 * DescribeInstances: `Instances.KVStoreInstance[]`, TotalCount, PageSize default 30 max 50.
 * RegionId is optional (required only with Tag, the SDK model says): one endpoint serves every
 * region here, so without it the instances of every region are listed.
 */
export const describeInstances: ActionHandler = ({ account, params }) => {
  const regionId = params.get('RegionId');
  if (regionId === undefined && params.get('Tag.1.Key') !== undefined)
    throw Errors.missingParameter('RegionId');
  const f = {
    vpcId: params.get('VpcId'),
    vswitchId: params.get('VSwitchId'),
    zoneId: params.get('ZoneId'),
    ids: params.list('InstanceIds', 30),
    status: params.get('InstanceStatus'),
    type: params.get('InstanceType'),
    edition: params.get('EditionType'),
    arch: params.get('ArchitectureType'),
    version: params.get('EngineVersion'),
    cls: params.get('InstanceClass'),
    charge: params.get('ChargeType'),
    privateIp: params.get('PrivateIp'),
    search: params.get('SearchKey'),
    rg: params.get('ResourceGroupId'),
  };
  const stores =
    regionId !== undefined
      ? [account.store(regionId, KVSTORE_STORE)]
      : account.stores(KVSTORE_STORE).map(([, store]) => store);
  const all = stores
    .flatMap((store) => [...store.instances.values()])
    .filter(
      (k) =>
        (f.vpcId === undefined || k.VpcId === f.vpcId) &&
        (f.vswitchId === undefined || k.VSwitchId === f.vswitchId) &&
        (f.zoneId === undefined || k.ZoneId === f.zoneId) &&
        (f.ids === undefined || f.ids.includes(k.InstanceId)) &&
        (f.status === undefined || k.InstanceStatus === f.status) &&
        (f.type === undefined || k.InstanceType === f.type) &&
        (f.edition === undefined || k.EditionType === f.edition) &&
        (f.arch === undefined || k.ArchitectureType === f.arch) &&
        (f.version === undefined || k.EngineVersion === f.version) &&
        (f.cls === undefined || k.InstanceClass === f.cls) &&
        (f.charge === undefined || k.ChargeType === f.charge) &&
        (f.privateIp === undefined || k.PrivateIp === f.privateIp) &&
        (f.rg === undefined || k.ResourceGroupId === f.rg) &&
        (f.search === undefined ||
          k.InstanceId.includes(f.search) ||
          k.InstanceName.includes(f.search)),
    );
  const pageNumber = params.int('PageNumber', { default: 1, min: 1 });
  const pageSize = params.int('PageSize', { default: 30, min: 1, max: 50 });
  const page = paginate(all, pageNumber, pageSize);
  return {
    TotalCount: page.total,
    PageNumber: pageNumber,
    PageSize: pageSize,
    Instances: { KVStoreInstance: page.items.map(renderKvInstance) },
  };
};
