import { storeKey } from '../../state/registry';

/**
 * A load balancer the cloud controller bought for a Service of type LoadBalancer: a CLB (SLB
 * product) or an NLB. Its address is always reachable from this machine (a 127.0.0.0/8 address;
 * an NLB also gets a DNS name that the local cloud's DNS server resolves to that address).
 */
export interface LoadBalancerRecord {
  LoadBalancerId: string;
  kind: 'clb' | 'nlb';
  LoadBalancerName: string;
  RegionId: string;
  VpcId: string;
  VSwitchId: string;
  /** `internet` / `intranet` (CLB spelling; NLB renders Internet / Intranet). */
  AddressType: 'internet' | 'intranet';
  Address: string;
  /** NLB only. */
  DNSName?: string;
  LoadBalancerSpec: string;
  InstanceChargeType: string;
  InternetChargeType: string;
  Bandwidth: number;
  /** NLB zone mappings `{zone, vswitch}`. */
  ZoneMappings: { ZoneId: string; VSwitchId: string }[];
  MasterZoneId: string;
  SlaveZoneId: string;
  CreateTime: number;
  ResourceGroupId: string;
  DeleteProtection: 'on' | 'off';
  ModificationProtection: 'ConsoleProtection' | 'NonProtection';
  Tags: { Key: string; Value: string }[];
  /** The Service it serves. */
  owner: { clusterId: string; namespace: string; name: string; uid: string };
  /** The last SyncLoadBalancerFailed message (cleared when a sync succeeds again). */
  lastError?: string;
}

export interface LbStore {
  loadBalancers: Map<string, LoadBalancerRecord>;
  /** Services the controller has seen and not yet served: `cluster/ns/name` → since, error. */
  pending: Map<string, { uid: string; since: number; error?: string }>;
}

export const LB_STORE = storeKey<LbStore>('loadbalancers', () => ({
  loadBalancers: new Map(),
  pending: new Map(),
}));
