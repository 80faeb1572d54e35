import { SLB_ACTIONS } from '../catalog';
import { hosts } from '../hosts';
import { paginate } from '../paging';
import { notFound } from '../params';
import type { ActionHandler, ProductDef } from '../types';
import { LB_STORE, type LoadBalancerRecord } from './model';

// Classic Load Balancer (SLB 2014-05-15, RPC): the CLBs the cloud controller bought for Services
// of type LoadBalancer, so they show among the account's resources.

function clbTime(ms: number): string {
  return new Date(Math.floor(ms / 60_000) * 60_000).toISOString().replace(/:00\.000Z$/, 'Z');
}

function render(lb: LoadBalancerRecord): Record<string, unknown> {
  return {
    LoadBalancerId: lb.LoadBalancerId,
    LoadBalancerName: lb.LoadBalancerName,
    LoadBalancerStatus: 'active',
    Address: lb.Address,
    AddressType: lb.AddressType,
    AddressIPVersion: 'ipv4',
    RegionId: lb.RegionId,
    RegionIdAlias: lb.RegionId,
    VpcId: lb.VpcId,
    VSwitchId: lb.VSwitchId,
    NetworkType: 'vpc',
    MasterZoneId: lb.MasterZoneId,
    SlaveZoneId: lb.SlaveZoneId,
    LoadBalancerSpec: lb.LoadBalancerSpec,
    InstanceChargeType: lb.InstanceChargeType,
    InternetChargeType: lb.InternetChargeType,
    InternetChargeTypeAlias: lb.InternetChargeType,
    PayType: 'PayOnDemand',
    Bandwidth: lb.Bandwidth,
    CreateTime: clbTime(lb.CreateTime),
    CreateTimeStamp: lb.CreateTime,
    ResourceGroupId: lb.ResourceGroupId,
    DeleteProtection: lb.DeleteProtection,
    ModificationProtectionStatus: lb.ModificationProtection,
    Tags: { Tag: lb.Tags.map((t) => ({ TagKey: t.Key, TagValue: t.Value })) },
  };
}

function clbs(
  account: Parameters<ActionHandler>[0]['account'],
  regionId: string,
): LoadBalancerRecord[] {
  return [...account.store(regionId, LB_STORE).loadBalancers.values()]
    .filter((lb) => lb.kind === 'clb')
    .sort((a, b) => a.CreateTime - b.CreateTime);
}

/** DescribeLoadBalancers: `LoadBalancers.LoadBalancer[]`, PageSize default 10, max 100. */
const describeLoadBalancers: ActionHandler = ({ account, params }) => {
  const regionId = params.required('RegionId');
  const ids = params.list('LoadBalancerId', 10);
  const addressType = params.get('AddressType');
  const vpcId = params.get('VpcId');
  const vswId = params.get('VSwitchId');
  const name = params.get('LoadBalancerName');
  const address = params.get('Address');
  const pageNumber = params.int('PageNumber', { default: 1, min: 1 });
  const pageSize = params.int('PageSize', { default: 10, min: 1, max: 100 });
  const all = clbs(account, regionId).filter(
    (lb) =>
      (ids === undefined || ids.includes(lb.LoadBalancerId)) &&
      (addressType === undefined || lb.AddressType === addressType) &&
      (vpcId === undefined || lb.VpcId === vpcId) &&
      (vswId === undefined || lb.VSwitchId === vswId) &&
      (name === undefined || lb.LoadBalancerName === name) &&
      (address === undefined || lb.Address === address),
  );
  const page = paginate(all, pageNumber, pageSize);
  return {
    TotalCount: page.total,
    PageNumber: pageNumber,
    PageSize: pageSize,
    LoadBalancers: { LoadBalancer: page.items.map(render) },
  };
};

/** DescribeLoadBalancerAttribute: one CLB with its listener ports. */
const describeLoadBalancerAttribute: ActionHandler = ({ account, params }) => {
  const id = params.required('LoadBalancerId');
  const regionId = params.get('RegionId');
  for (const [region, s] of account.stores(LB_STORE)) {
    if (regionId !== undefined && region !== regionId) continue;
    const lb = s.loadBalancers.get(id);
    if (lb?.kind === 'clb')
      return {
        ...render(lb),
        ListenerPorts: { ListenerPort: [] },
        BackendServers: { BackendServer: [] },
      };
  }
  throw notFound(
    'InvalidLoadBalancerId.NotFound',
    `The specified LoadBalancerId does not exist: ${id}.`,
    400,
  );
};

export const slb: ProductDef = {
  code: 'Slb',
  version: '2014-05-15',
  style: 'RPC',
  host: hosts.slb,
  catalog: SLB_ACTIONS,
  actions: {
    DescribeLoadBalancers: describeLoadBalancers,
    DescribeLoadBalancerAttribute: describeLoadBalancerAttribute,
  },
};
