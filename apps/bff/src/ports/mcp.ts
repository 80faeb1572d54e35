import type { McpDetailWire, McpSummaryWire, NacosAuth } from '../nacos/nacos.gateway';
import type { MseCluster, MseClusterDetail } from '../cloud/mse.gateway';
import type { ClusterInfoPort, VSwitchPort } from './preflight';
import type { ServiceInstanceRecord } from './deployments';

/**
 * What the MCP registry services need: MSE (the account's registry instances), a Nacos client per
 * registry, and, for the reachability check, Compute Nest, CS and VPC. The MSE and Nacos gateways,
 * the CS, VPC and Compute Nest gateways implement them.
 */

export interface MsePort {
  listClusters(regionId: string, pageNum: number, pageSize?: number): Promise<{ items: MseCluster[]; totalCount: number }>;
  queryClusterDetail(regionId: string, instanceId: string): Promise<MseClusterDetail>;
}

export interface NacosRegistryClient {
  readonly address: string;
  serverVersion(): Promise<string>;
  login(): Promise<void>;
  namespaces(): Promise<{ namespace: string; namespaceShowName?: string | null | undefined; namespaceDesc?: string | null | undefined }[]>;
  listMcp(q: { namespaceId: string; mcpName?: string; search: 'accurate' | 'blur'; pageNo: number; pageSize: number }): Promise<{
    totalCount: number;
    pageNumber: number;
    pageItems: McpSummaryWire[];
  }>;
  getMcp(q: { namespaceId: string; mcpId?: string; mcpName?: string; version?: string }): Promise<McpDetailWire>;
  updateMcp(form: {
    namespaceId: string;
    mcpName: string;
    serverSpecification: string;
    toolSpecification?: string;
    endpointSpecification?: string;
    latest: boolean;
  }): Promise<void>;
}

export interface NacosPort {
  client(address: string, auth: NacosAuth): NacosRegistryClient;
}

export interface McpReachabilityPorts {
  computeNest: { getServiceInstance(id: string): Promise<ServiceInstanceRecord> };
  clusters: Pick<ClusterInfoPort, 'describeClusterDetail'>;
  vswitches: VSwitchPort;
}

export type { McpDetailWire, McpSummaryWire, NacosAuth };
