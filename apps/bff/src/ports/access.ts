/**
 * What the access service needs from the cluster, the CS add-on API and the network, as plain
 * records (Kubernetes field names). The cluster gateway (`src/cluster/`), the CS gateway and the
 * edge client (`src/edge/`) implement them; unit tests use in-memory fakes.
 */

export interface ClusterRef {
  accountId: string;
  regionId: string;
  clusterId: string;
}

export interface KubeMeta {
  name: string;
  namespace?: string | undefined;
  resourceVersion?: string | undefined;
  annotations?: Record<string, string> | undefined;
  labels?: Record<string, string> | undefined;
}

export interface LoadBalancerIngress {
  ip?: string | undefined;
  hostname?: string | undefined;
}

export interface ServicePort {
  name?: string | undefined;
  port: number;
  protocol?: string | undefined;
  targetPort?: number | string | undefined;
  nodePort?: number | undefined;
}

export interface ServiceObject {
  metadata: KubeMeta;
  spec: { type: string; ports: ServicePort[]; loadBalancerClass?: string | undefined };
  status: { loadBalancer: { ingress: LoadBalancerIngress[] } };
}

export interface IngressPath {
  path: string;
  pathType: string;
  backend: { service: { name: string; port: { number?: number | undefined; name?: string | undefined } } };
}
export interface IngressRule {
  host?: string | undefined;
  http?: { paths: IngressPath[] } | undefined;
}
export interface IngressObject {
  metadata: KubeMeta;
  spec: {
    ingressClassName?: string | undefined;
    rules: IngressRule[];
    tls: { hosts: string[]; secretName?: string | undefined }[];
  };
  status: { loadBalancer: { ingress: LoadBalancerIngress[] } };
}

export interface SecretObject {
  metadata: KubeMeta;
  type: string;
  /** base64 values, as in the API. */
  data: Record<string, string>;
}

export interface EventRecord {
  reason: string;
  message: string;
  type: string;
  /** Of the involved object. */
  kind: string;
  /** ms since the epoch (lastTimestamp, eventTime or creation). */
  at: number;
}

/** A JSON merge patch (RFC 7386): `null` removes a key. */
export type MergePatch = { [key: string]: MergePatch | string | number | boolean | null };

/** The Kubernetes API of one cluster (through a kubeconfig the gateway fetches and caches). Reads answer null for 404. */
export interface ClusterApi {
  readService(namespace: string, name: string): Promise<ServiceObject | null>;
  patchService(namespace: string, name: string, patch: MergePatch): Promise<ServiceObject>;
  readIngress(namespace: string, name: string): Promise<IngressObject | null>;
  createIngress(namespace: string, body: IngressObject): Promise<IngressObject>;
  replaceIngress(namespace: string, name: string, body: IngressObject): Promise<IngressObject>;
  /** No error when it is already gone. */
  deleteIngress(namespace: string, name: string): Promise<void>;
  readSecret(namespace: string, name: string): Promise<SecretObject | null>;
  createSecret(namespace: string, body: SecretObject): Promise<SecretObject>;
  replaceSecret(namespace: string, name: string, body: SecretObject): Promise<SecretObject>;
  /** No error when it is already gone. */
  deleteSecret(namespace: string, name: string): Promise<void>;
  /** Events about one object (by name, optionally kind), oldest first. */
  listEvents(namespace: string, involvedName: string, involvedKind?: string): Promise<EventRecord[]>;
  readIngressClass(name: string): Promise<{ name: string; controller: string } | null>;
}

export interface ClusterPort {
  cluster(ref: ClusterRef): ClusterApi;
}

export interface AddonInstanceRecord {
  name: string;
  version: string;
  state: string;
}

export interface TaskRecord {
  task_id: string;
  state: string;
  error?: { code?: string | null | undefined; message?: string | null | undefined } | null | undefined;
}

/** CS add-on actions, in the cloud's own field names. */
export interface AddonsPort {
  getClusterAddonInstance(regionId: string, clusterId: string, name: string): Promise<AddonInstanceRecord | null>;
  listAddons(regionId: string, clusterId: string): Promise<{ name: string; version: string }[]>;
  installClusterAddons(
    regionId: string,
    clusterId: string,
    addons: { name: string; version: string; config: string }[],
  ): Promise<{ taskId: string | null }>;
  describeTaskInfo(regionId: string, taskId: string): Promise<TaskRecord>;
}

/** Where to send a probe: connect to `connectTo` (an IP) on `port`, with `host` as Host header and TLS server name. */
export interface EdgeTarget {
  scheme: 'http' | 'https';
  connectTo: string;
  port: number;
  host: string;
}

export interface EdgeResponse {
  status: number;
  /** The body as text, cut at a few kilobytes. */
  body: string;
  /** When each body chunk arrived, ms after the request was sent. */
  chunkTimes: number[];
}

/** Requests through an entry's address, and name resolution with the configured DNS servers. */
export interface EdgePort {
  /** The IPv4 addresses of a host name (empty when it does not resolve). */
  resolve(hostname: string): Promise<string[]>;
  request(
    target: EdgeTarget,
    req: { method: 'GET' | 'POST'; path: string; body?: Buffer; contentType?: string; timeoutMs: number },
  ): Promise<EdgeResponse>;
}
