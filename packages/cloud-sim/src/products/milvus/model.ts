import { SimError } from '../../protocol/errors';
import { storeKey, type AccountState } from '../../state/registry';

export interface MilvusComponent {
  ComponentType: 'proxy' | 'mix_coordinator' | 'data' | 'query' | 'index' | 'standalone';
  CuNum: number;
  Replica: number;
  DiskSize: number;
  DiskType: string;
}

export interface MilvusRecord {
  InstanceId: string;
  ClusterName: string;
  InstanceStatus: 'creating' | 'running' | 'updating' | 'disable' | 'deleting' | 'deleted';
  RegionId: string;
  ZoneId: string;
  VpcId: string;
  VswId: string;
  SgId: string;
  Version: string;
  TemplateVersion: string;
  PackageType: 'trial' | 'standard';
  /** 0 = pay-as-you-go, 1 = subscription. */
  PayType: 0 | 1;
  NodeType: string;
  OpenPublicNet: boolean;
  /** Epoch milliseconds. */
  BeginTime: number;
  ExpireTime: number;
  ResourceGroupId: string;
  /** The `root` user's password (later features check what the user typed). */
  RootPassword: string;
  Components: MilvusComponent[];
  Tags: { Key: string; Value: string }[];
}

export interface MilvusStore {
  instances: Map<string, MilvusRecord>;
}

export const MILVUS_STORE = storeKey<MilvusStore>('milvus', () => ({ instances: new Map() }));

/**
 * Milvus application errors carry its envelope. Whether they come as HTTP 200 + Success:false or
 * as a 4xx is UNCONFIRMED; we answer the 4xx with both the gateway fields and the envelope, so a
 * client reading either form sees the error.
 */
export function milvusError(code: string, message: string, status: number): SimError {
  return new SimError(code, status, message, {
    Success: false,
    HttpStatusCode: status,
    ErrCode: code,
    ErrMessage: message,
  });
}

export function findMilvus(account: AccountState, id: string): MilvusRecord {
  for (const [, s] of account.stores(MILVUS_STORE)) {
    const m = s.instances.get(id);
    if (m) return m;
  }
  throw milvusError('Instance.NotFound', `Failed to find instance ${id}`, 404);
}

export function envelope(
  requestId: string,
  rest: Record<string, unknown>,
): Record<string, unknown> {
  return {
    RequestId: requestId,
    Success: true,
    HttpStatusCode: 200,
    ErrCode: '',
    ErrMessage: '',
    ...rest,
  };
}

export function renderMilvus(m: MilvusRecord, now: number): Record<string, unknown> {
  const totalCu = m.Components.reduce((a, c) => a + c.CuNum * c.Replica, 0);
  return {
    InstanceId: m.InstanceId,
    ClusterName: m.ClusterName,
    InstanceStatus: m.InstanceStatus,
    RegionId: m.RegionId,
    ZoneId: m.ZoneId,
    VpcId: m.VpcId,
    VswId: m.VswId,
    SgId: m.SgId,
    Version: m.Version,
    TemplateVersion: m.TemplateVersion,
    PackageType: m.PackageType,
    PayType: m.PayType,
    NodeType: m.NodeType,
    OpenPublicNet: m.OpenPublicNet,
    BeginTime: m.BeginTime,
    ExpireTime: m.ExpireTime,
    RunningTime: Math.max(0, Math.floor((now - m.BeginTime) / 1000)),
    ResourceGroupId: m.ResourceGroupId,
    ProductCode: 'milvus',
    AutoBackup: false,
    Tags: m.Tags,
    ClusterInfo: {
      IntranetUrl: `${m.InstanceId}-internal.milvus.aliyuncs.com`,
      InternetUrl: m.OpenPublicNet ? `${m.InstanceId}.milvus.aliyuncs.com` : '',
      ProxyPort: 19530,
      AttuPort: 3000,
      TotalCuNum: totalCu,
      TotalDiskSize: m.Components.reduce((a, c) => a + c.DiskSize, 0),
      MilvusResourceInfoList: m.Components,
    },
  };
}
