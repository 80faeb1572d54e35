import type { OrderTemplatePort } from './template';
import type { ClusterRef } from './access';
import type { PreflightRequest } from '@dify-console/shared/api/preflight';
import type { Locale } from '@dify-console/shared/domain/i18n';
import type { CreateServiceInstanceInput } from './deployments';
import type { ClusterRecord, PageOf } from './resources';

/**
 * What the pre-flight checks need from the cloud and the cluster, in the cloud's own field names.
 * The cloud gateways and the ClusterGateway (its `inspect` view) implement these.
 */

export interface CallerRecord {
  AccountId: string;
  IdentityType?: string | undefined;
  Arn?: string | undefined;
  UserId?: string | undefined;
}
export interface CallerPort {
  getCallerIdentity(): Promise<CallerRecord>;
}

export interface RamPort {
  listPoliciesForUser(userName: string): Promise<{ PolicyName: string }[]>;
  listGroupsForUser(userName: string): Promise<{ GroupName: string }[]>;
  listPoliciesForGroup(groupName: string): Promise<{ PolicyName: string }[]>;
}

export interface ComputeNestPreflightPort {
  /** Balance and Quota for the amounts of the order's price estimate (`Value` "true" when it passes). */
  checkServiceDeployable(input: { serviceId: string; serviceVersion?: string | undefined; prePaidAmount: number; postPaidAmount: number }): Promise<{ Type: string; Value: string; Message: string }[]>;
  generateServicePolicy(input: { serviceId: string; serviceVersion?: string | undefined; templateName: string; parameters: Record<string, unknown> }): Promise<{ ServiceName: string; Action: string[] }[]>;
  /** Compute Nest's dry run of the order: resolves when it would be accepted, throws its refusal. */
  dryRunServiceInstance(input: CreateServiceInstanceInput): Promise<void>;
}

/** What the order costs, by way of payment (the quote's sums), for CheckServiceDeployable. */
export interface OrderAmountsPort {
  orderAmounts(request: PreflightRequest, locale: Locale): Promise<{ prePaid: number; postPaid: number }>;
}

export interface ClusterDetailRecord extends Omit<ClusterRecord, 'size'> {
  vswitch_ids: string[];
  container_cidr: string;
  meta_data: Record<string, unknown>;
  parameters: Record<string, unknown>;
}
export interface ClusterNodeRecord {
  instance_id: string;
  node_name: string;
  instance_type: string;
  instance_type_family: string;
  instance_role: string;
  state: string;
  node_status: string;
  ip_address: string[];
}
export interface ClusterInfoPort {
  describeClusterDetail(regionId: string, clusterId: string): Promise<ClusterDetailRecord>;
  describeClusterNodes(regionId: string, clusterId: string, pageNumber: number, pageSize?: number): Promise<PageOf<ClusterNodeRecord>>;
  listClusterAddonInstances(regionId: string, clusterId: string): Promise<{ name: string }[]>;
}

export interface VSwitchPort {
  describeVSwitches(regionId: string, vpcId: string, pageNumber: number, pageSize?: number): Promise<PageOf<{ VSwitchId: string; CidrBlock: string; VpcId: string }>>;
}

export interface WhitelistGroupRecord {
  name: string;
  attribute: string;
  ips: string;
}

export interface RdsPreflightPort {
  describeDBInstanceAttribute(
    regionId: string,
    id: string,
  ): Promise<{ DBInstanceId: string; Engine: string; EngineVersion: string; DBInstanceStatus: string; DBInstanceType: string; VpcId: string } | null>;
  describeAccounts(regionId: string, id: string): Promise<{ AccountName: string; AccountType: string; AccountStatus: string }[]>;
  describeDatabases(regionId: string, id: string): Promise<{ DBName: string; DBStatus: string }[]>;
  describeDBInstanceIPArrayList(
    regionId: string,
    id: string,
  ): Promise<{ DBInstanceIPArrayName: string; DBInstanceIPArrayAttribute: string; SecurityIPList: string }[]>;
  appendSecurityIps(regionId: string, id: string, groupName: string, ips: string[]): Promise<void>;
}

export interface RedisPreflightPort {
  describeInstanceAttribute(
    regionId: string,
    id: string,
  ): Promise<{ InstanceId: string; InstanceStatus: string; EngineVersion: string; ArchitectureType: string; VpcId: string } | null>;
  describeSecurityIps(regionId: string, id: string): Promise<{ SecurityIpGroupName: string; SecurityIpGroupAttribute: string; SecurityIpList: string }[]>;
  appendSecurityIps(regionId: string, id: string, groupName: string, ips: string[]): Promise<void>;
}

export interface MilvusPreflightPort {
  listInstances(
    regionId: string,
    pageNumber: number,
    pageSize: number,
  ): Promise<
    PageOf<{
      InstanceId: string;
      ClusterName: string;
      InstanceStatus: string;
      VpcId: string;
      Version: string;
      ClusterInfo?: { IntranetUrl?: string | null | undefined } | null | undefined;
    }>
  >;
}

export interface KubeNodeInfo {
  name: string;
  arch: string;
  instanceType: string;
  internalIp: string;
  ready: boolean;
  schedulable: boolean;
  allocatableCpuM: number;
  allocatableMemoryMiB: number;
}
export interface ClusterInspection {
  listNodes(): Promise<KubeNodeInfo[]>;
  listStorageClasses(): Promise<{ name: string; provisioner: string }[]>;
  namespaceExists(name: string): Promise<boolean>;
  readConfigMap(namespace: string, name: string): Promise<Record<string, string> | null>;
  releaseExists(namespace: string, release: string): Promise<boolean>;
}
/** Read-only looks into a cluster; the ClusterGateway implements it next to the access entry's ClusterPort. */
export interface ClusterInspectPort {
  inspect(ref: ClusterRef): ClusterInspection;
}

export interface PreflightPorts {
  caller: CallerPort;
  ram: RamPort;
  computeNest: ComputeNestPreflightPort;
  clusters: ClusterInfoPort;
  vswitches: VSwitchPort;
  rds: RdsPreflightPort;
  redis: RedisPreflightPort;
  milvus: MilvusPreflightPort;
  kube: ClusterInspectPort;
  /** The order's Parameters under the template's names (the dry run and policy check send them). */
  template: Pick<OrderTemplatePort, 'orderParameters'>;
  /** The order's price estimate, summed by payment (CheckServiceDeployable sends it). */
  amounts: OrderAmountsPort;
}
