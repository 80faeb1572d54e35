import { SimError } from '../../protocol/errors';
import { storeKey, type AccountState } from '../../state/registry';

export interface KvWhitelistGroup {
  name: string;
  attribute: '' | 'hidden';
  ips: string;
}

export interface KvInstanceRecord {
  InstanceId: string;
  InstanceName: string;
  RegionId: string;
  ZoneId: string;
  SecondaryZoneId: string;
  InstanceStatus: string;
  InstanceType: 'Redis' | 'Tair' | 'Memcache';
  EditionType: 'Community' | 'Enterprise';
  ArchitectureType: 'standard' | 'cluster' | 'rwsplit';
  EngineVersion: string;
  InstanceClass: string;
  /** MB */
  Capacity: number;
  Bandwidth: number;
  Connections: number;
  QPS: number;
  ShardCount: number;
  NodeType: string;
  ChargeType: 'PrePaid' | 'PostPaid';
  VpcId: string;
  VSwitchId: string;
  ConnectionDomain: string;
  Port: number;
  PrivateIp: string;
  CreateTime: string;
  EndTime: string;
  ResourceGroupId: string;
  /** The default account's password (later features check what the user typed). */
  Password: string;
  WhitelistGroups: KvWhitelistGroup[];
}

export interface KvStore {
  instances: Map<string, KvInstanceRecord>;
}

export const KVSTORE_STORE = storeKey<KvStore>('r-kvstore', () => ({ instances: new Map() }));

export function findKvInstance(account: AccountState, id: string): KvInstanceRecord {
  for (const [, s] of account.stores(KVSTORE_STORE)) {
    const found = s.instances.get(id);
    if (found) return found;
  }
  // Not-found code used by Alibaba's Terraform provider; HTTP status UNCONFIRMED (404 chosen).
  throw new SimError(
    'InvalidInstanceId.NotFound',
    404,
    `The specified instance ${id} is not found.`,
  );
}
