import type { ActionHandler } from '../types';
import { LB_STORE, type LoadBalancerRecord } from './model';

// A CLB as the SLB API shows it, and the CLBs of a region.

function clbTime(ms: number): string {
  return new Date(Math.floor(ms / 60_000) * 60_000).toISOString().replace(/:00\.000Z$/, 'Z');
}

export function render(lb: LoadBalancerRecord): Record<string, unknown> {
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

export function clbs(
  account: Parameters<ActionHandler>[0]['account'],
  regionId: string,
): LoadBalancerRecord[] {
  return [...account.store(regionId, LB_STORE).loadBalancers.values()]
    .filter((lb) => lb.kind === 'clb')
    .sort((a, b) => a.CreateTime - b.CreateTime);
}
