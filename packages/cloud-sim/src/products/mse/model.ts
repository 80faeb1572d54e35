import { createHash } from 'node:crypto';
import { SimError } from '../../protocol/errors';
import { storeKey, type AccountState } from '../../state/registry';
import type { NacosServerState } from '../../nacos/model';

/** One MSE registry instance (2019-05-31 field names); Nacos ones carry their server's state. */
export interface MseRecord {
  InstanceId: string;
  ClusterName: string;
  ClusterAliasName: string;
  /** `Nacos-Ans`, `ZooKeeper`, `Eureka`. */
  ClusterType: string;
  /** Engine version, e.g. `3.0.3`. */
  AppVersion: string;
  /** e.g. `NACOS_3_0_3` (format UNCONFIRMED). */
  VersionCode: string;
  /** Edition: `mse_dev`, `mse_pro`, `mse_serverless`. */
  MseVersion: string;
  RegionId: string;
  VpcId: string;
  VSwitchId: string;
  /** `RESTART_SUCCESS` when running; `INIT_ING`, `CREATING`… otherwise. */
  InitStatus: string;
  ChargeType: string;
  CreateTime: string;
  EndDate: string;
  InstanceCount: number;
  Cpu: number;
  MemoryCapacity: number;
  ResourceGroupId: string;
  IntranetDomain: string;
  InternetDomain: string;
  IntranetAddress: string;
  InternetAddress: string;
  IntranetPort: string;
  InternetPort: string;
  /** Comma-separated whitelist (UpdateAcl); empty admits every address (UNCONFIRMED default). */
  AclEntryList: string;
  Tags: Record<string, string>;
  /** The Nacos server behind the addresses (Nacos-Ans only). */
  nacos?: NacosServerState;
}

export interface MseStore {
  clusters: Map<string, MseRecord>;
}

export const MSE_STORE = storeKey<MseStore>('mse', () => ({ clusters: new Map() }));

/** MSE answers its own envelope (Success, Code, Message, ErrorCode) besides the gateway fields. */
export function mseError(code: string, message: string, status: number): SimError {
  return new SimError(code, status, message, {
    Success: false,
    HttpCode: String(status),
    ErrorCode: code,
    Code: status,
  });
}

export function findMse(account: AccountState, id: string): MseRecord {
  for (const [, s] of account.stores(MSE_STORE)) {
    const m = s.clusters.get(id);
    if (m) return m;
  }
  // Code and message of an unknown instance: UNCONFIRMED.
  throw mseError('mse-100-001', `The instance ${id} does not exist.`, 404);
}

/** The short per-account code MSE puts in host names (`mse-7413abcd-nacos-ans…`). */
export function hostCode(accountId: string, instanceId: string): string {
  return createHash('sha256').update(`${accountId}/${instanceId}`).digest('hex').slice(0, 8);
}

export function successEnvelope(rest: Record<string, unknown>): Record<string, unknown> {
  return { Success: true, Code: 200, HttpCode: '200', Message: 'success', ErrorCode: '', ...rest };
}
