import type { ClusterRef } from './access';

/**
 * Workloads of a cluster as the live probe and the smoke test see them (plain records, Kubernetes
 * field names). The ClusterGateway implements it; unit tests use in-memory fakes.
 */

export interface ContainerInfo {
  name: string;
  ready: boolean;
  restartCount: number;
  waiting?: { reason: string; message: string } | undefined;
  terminated?: { reason: string; exitCode: number; message: string } | undefined;
  /** The previous attempt's end (CrashLoopBackOff, OOMKilled). */
  lastTerminated?: { reason: string; exitCode: number } | undefined;
}

export interface PodInfo {
  name: string;
  labels: Record<string, string>;
  phase: string;
  nodeName: string;
  conditions: { type: string; status: string; reason: string; message: string }[];
  containers: ContainerInfo[];
}

export interface JobInfo {
  active: number;
  succeeded: number;
  failed: number;
  conditions: { type: string; status: string; reason: string; message: string }[];
}

export interface DeploymentInfo {
  name: string;
  labels: Record<string, string>;
  replicas: number;
  readyReplicas: number;
}

export interface NamespaceEvent {
  reason: string;
  message: string;
  type: string;
  involvedKind: string;
  involvedName: string;
  at: number;
}

export interface WorkloadsApi {
  /** Creates the namespace with these labels unless it exists. */
  ensureNamespace(name: string, labels: Record<string, string>): Promise<void>;
  createSecret(namespace: string, name: string, values: Record<string, string>, labels: Record<string, string>): Promise<void>;
  /** Creates a ConfigMap; answers when the API server recorded it (its `creationTimestamp`, the cluster's clock). */
  createConfigMap(namespace: string, name: string, data: Record<string, string>, labels: Record<string, string>): Promise<{ createdAt: string }>;
  createJob(namespace: string, job: Record<string, unknown>): Promise<void>;
  /** A ConfigMap's data and when the API server created it; null when there is none. */
  readConfigMap(namespace: string, name: string): Promise<{ data: Record<string, string>; createdAt: string } | null>;
  readJob(namespace: string, name: string): Promise<JobInfo | null>;
  /** Deletes a Job with propagationPolicy Background (its Pods go too); absent is fine. */
  deleteJob(namespace: string, name: string): Promise<void>;
  deleteSecret(namespace: string, name: string): Promise<void>;
  deleteConfigMap(namespace: string, name: string): Promise<void>;
  listPods(namespace: string, labelSelector?: string): Promise<PodInfo[]>;
  /** The container's log (or its previous attempt's), null when there is none to read. */
  readPodLog(namespace: string, pod: string, container: string, options?: { previous?: boolean; tailLines?: number }): Promise<string | null>;
  listEvents(namespace: string): Promise<NamespaceEvent[]>;
  listDeployments(namespace: string, labelSelector?: string): Promise<DeploymentInfo[]>;
  listHpaNames(namespace: string): Promise<string[]>;
  /**
   * GET through the API server's service proxy (`services/{service}:{port}/proxy/{path}`): what a
   * ready endpoint of the Service answers, or the API server's own refusal (503 no endpoints).
   */
  serviceProxyGet(namespace: string, service: string, port: string, path: string): Promise<{ status: number; body: string }>;
}

export interface WorkloadsPort {
  workloads(ref: ClusterRef): WorkloadsApi;
}

/** What the live probe reads of the cloud besides the cluster: the instances' internal addresses. */
export interface LiveProbePorts {
  rds: { describeDBInstanceAttribute(regionId: string, id: string): Promise<{ ConnectionString: string; Port?: string | undefined } | null> };
  redis: { describeInstanceAttribute(regionId: string, id: string): Promise<{ ConnectionDomain: string; Port: number | null } | null> };
  clusters: { describeClusterDetail(regionId: string, clusterId: string): Promise<{ state: string }> };
  kube: WorkloadsPort;
}
