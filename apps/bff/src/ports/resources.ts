/**
 * What the resource service needs from the cloud, in the cloud's own field names (PascalCase or
 * snake_case as on the wire). The cloud gateways implement these; tests use in-memory fakes.
 */

/** The paged listing APIs, each with its own bound on calls in flight (`CLOUD_LIST_CONCURRENCY`). */
export type ListedApi = 'vpcs' | 'clusters' | 'rds' | 'redis' | 'milvus';

export interface PageOf<T> {
  items: T[];
  totalCount: number;
}

export interface IdentityPort {
  getCallerIdentity(): Promise<{ AccountId: string }>;
}

export interface RegionRecord {
  RegionId: string;
  LocalName: string;
}
export interface RegionsPort {
  describeRegions(acceptLanguage: 'zh-CN' | 'en-US'): Promise<RegionRecord[]>;
}

export interface VpcRecord {
  VpcId: string;
  VpcName: string;
  Status: string;
  CidrBlock: string;
  IsDefault: boolean;
  VSwitchIds?: { VSwitchId: string[] } | undefined;
}
export interface VpcPort {
  describeVpcs(regionId: string, pageNumber: number, pageSize: number): Promise<PageOf<VpcRecord>>;
}

export interface ClusterRecord {
  cluster_id: string;
  name: string;
  cluster_type: string;
  profile: string;
  cluster_spec: string;
  state: string;
  current_version: string;
  vpc_id: string;
  size: number;
}
export interface ClusterPort {
  describeClustersV1(regionId: string, pageNumber: number, pageSize: number): Promise<PageOf<ClusterRecord>>;
}

export interface DBInstanceRecord {
  DBInstanceId: string;
  DBInstanceDescription: string;
  Engine: string;
  EngineVersion: string;
  DBInstanceStatus: string;
  DBInstanceType: string;
  DBInstanceClass: string;
  InstanceNetworkType: string;
  ConnectionString: string;
  VpcId: string;
}
export interface RdsPort {
  describeDBInstances(regionId: string, pageNumber: number, pageSize: number): Promise<PageOf<DBInstanceRecord>>;
}

export interface KVStoreRecord {
  InstanceId: string;
  InstanceName: string;
  InstanceStatus: string;
  ConnectionDomain: string;
  Port: number | null;
  EngineVersion: string;
  ArchitectureType: string;
  InstanceType: string;
  NetworkType: string;
  VpcId: string;
}
export interface RedisPort {
  describeInstances(regionId: string, pageNumber: number, pageSize: number): Promise<PageOf<KVStoreRecord>>;
}

export interface MilvusRecord {
  InstanceId: string;
  ClusterName: string;
  InstanceStatus: string;
  VpcId: string;
  Version: string;
  ClusterInfo?: { IntranetUrl?: string | null | undefined; ProxyPort?: number | null | undefined } | null | undefined;
}
export interface MilvusPort {
  listInstances(regionId: string, pageNumber: number, pageSize: number): Promise<PageOf<MilvusRecord>>;
}

export interface ResourcePorts {
  identity: IdentityPort;
  regions: RegionsPort;
  vpcs: VpcPort;
  clusters: ClusterPort;
  rds: RdsPort;
  redis: RedisPort;
  milvus: MilvusPort;
}
