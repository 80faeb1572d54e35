import { storeKey } from '../../state/registry';

export interface ClusterNode {
  instance_id: string;
  node_name: string;
  instance_type: string;
  instance_type_family: string;
  instance_role: 'Master' | 'Worker';
  /** vCPUs and memory: read by later features (capacity checks). */
  cpu: number;
  memory_gib: number;
  /** What pods may use after reservations (millicores, MiB); the Kubernetes API's Node allocatable. */
  allocatable_cpu_m?: number;
  allocatable_memory_mib?: number;
  ip_address: string;
  zone_id: string;
  nodepool_id: string;
  state: 'pending' | 'running' | 'starting' | 'stopping' | 'stopped';
  node_status: 'Ready' | 'NotReady' | 'Unknown' | 'Offline';
  creation_time: string;
}

export interface ClusterRecord {
  cluster_id: string;
  name: string;
  region_id: string;
  zone_id: string;
  cluster_type: 'ManagedKubernetes' | 'Kubernetes' | 'ExternalKubernetes';
  profile: 'Default' | 'Serverless' | 'Edge' | 'Lingjun';
  cluster_spec: string;
  state: string;
  current_version: string;
  init_version: string;
  vpc_id: string;
  /** Control-plane vSwitches. */
  vswitch_ids: string[];
  security_group_id: string;
  container_cidr: string;
  service_cidr: string;
  /** Whether the API server has a public endpoint (EIP). */
  api_server_public: boolean;
  created: string;
  updated: string;
  tags: { key: string; value: string }[];
  resource_group_id: string;
  proxy_mode: 'ipvs' | 'iptables';
  deletion_protection: boolean;
  /** Network plugin and, for terway, the pod vSwitches. */
  network_plugin: 'terway' | 'flannel';
  pod_vswitch_ids: string[];
  nodes: ClusterNode[];
  /** Whether nodes reach the internet (a NAT gateway SNAT entry): needed to pull images from outside the VPC. Default true. */
  internet_egress?: boolean;
  /** Whether nodes reach Container Registry's VPC endpoints (a security group denying outbound 443 blocks them). Default true. */
  registry_reachable?: boolean;
  /** Namespaces that exist before anyone deploys, each with a LimitRange giving containers a default memory limit. */
  prepared_namespaces?: { name: string; defaultMemoryLimit: string; defaultMemoryRequest: string }[];
}

export interface CsStore {
  clusters: Map<string, ClusterRecord>;
}

export const CS_STORE = storeKey<CsStore>('cs', () => ({ clusters: new Map() }));
