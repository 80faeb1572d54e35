import {
  AppsV1Api,
  AutoscalingV2Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  PatchStrategy,
  StorageV1Api,
  setHeaderMiddleware,
  setHeaderOptions,
  type ConfigurationOptions,
  type CoreV1Event,
  type V1Ingress,
  type V1LoadBalancerIngress,
  type V1ObjectMeta,
  type V1Pod,
  type V1Secret,
  type V1Service,
} from '@kubernetes/client-node';
import { CloudError } from '../errors/cloud-error';
import type {
  ClusterApi,
  ClusterPort,
  ClusterRef,
  EventRecord,
  IngressObject,
  KubeMeta,
  LoadBalancerIngress,
  MergePatch,
  SecretObject,
  ServiceObject,
} from '../ports/access';
import type { ClusterInspectPort, ClusterInspection, KubeNodeInfo } from '../ports/preflight';
import { SingleFlight } from '../lib/utils';
import type { PodInfo, WorkloadsApi, WorkloadsPort } from '../ports/workloads';
import { NO_PUBLIC_ENDPOINT } from '../errors/cloud-error-kind';
import { isKubeCode, toKubeError } from './kube-error';

/**
 * The Kubernetes API of the deployments' clusters: the ONLY importer of @kubernetes/client-node.
 * Two views of a cluster share one kubeconfig cache: `cluster()` for the access entry (Services,
 * Ingresses, Secrets, Events…) and `inspect()`, read-only, for the pre-flight checks (Nodes,
 * StorageClasses, a Namespace, a ConfigMap, the Helm release of Dify).
 * A temporary kubeconfig per account and cluster comes from CS DescribeClusterUserKubeconfig, is
 * kept until shortly before its expiration and fetched again when the cluster answers 401. It is
 * a credential: it stays inside this file (never logged, never returned).
 */

export interface KubeconfigSource {
  describeClusterUserKubeconfig(regionId: string, clusterId: string, minutes: number, privateIpAddress?: boolean): Promise<{ config: string; expiration: string }>;
  apiServerEndpoints(regionId: string, clusterId: string): Promise<{ public: string; intranet: string }>;
}

export interface ClusterGatewayOptions {
  /** Per Kubernetes call. */
  timeoutMs: number;
  /** Lifetime asked for (TemporaryDurationMinutes, 15…4320). */
  kubeconfigMinutes?: number;
  /**
   * The API server endpoint the console reaches: `public` (default) or `intranet` (the console runs
   * inside the cluster's VPC; PrivateIpAddress=true).
   */
  apiAccess?: 'public' | 'intranet';
  /** Fetched again this long before the expiration. */
  refreshMarginMs?: number;
  now?: () => number;
  onCall?: (e: { action: string; durationMs: number; errorCode?: string }) => void;
}

interface Clients {
  core: CoreV1Api;
  net: NetworkingV1Api;
  storage: StorageV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  autoscaling: AutoscalingV2Api;
  expiresAt: number;
}

/** `500m` → 500, `4` → 4000, `1.5` → 1500. */
export function cpuMillis(q: string | undefined): number {
  if (!q) return 0;
  if (q.endsWith('m')) return Number(q.slice(0, -1)) || 0;
  return Math.round((Number(q) || 0) * 1000);
}

const MEM_UNITS: Record<string, number> = {
  Ki: 1 / 1024,
  Mi: 1,
  Gi: 1024,
  Ti: 1024 * 1024,
  k: 1000 / 1024 / 1024,
  M: 1000 ** 2 / 1024 ** 2,
  G: 1000 ** 3 / 1024 ** 2,
};

/** A memory quantity in MiB (`13621Mi`, `15000000Ki`, `16Gi`, plain bytes). */
export function memoryMiB(q: string | undefined): number {
  if (!q) return 0;
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(q.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const unit = m[2] ?? '';
  if (!unit) return Math.floor(n / 1024 / 1024);
  return Math.floor(n * (MEM_UNITS[unit] ?? 0));
}

const plainMeta = (m: V1ObjectMeta | undefined): KubeMeta => ({
  name: m?.name ?? '',
  namespace: m?.namespace,
  resourceVersion: m?.resourceVersion,
  annotations: m?.annotations ? { ...m.annotations } : undefined,
  labels: m?.labels ? { ...m.labels } : undefined,
});
const lbIngress = (list: V1LoadBalancerIngress[] | undefined): LoadBalancerIngress[] =>
  (list ?? []).map((i) => ({ ...(i.ip ? { ip: i.ip } : {}), ...(i.hostname ? { hostname: i.hostname } : {}) }));

function toService(s: V1Service): ServiceObject {
  return {
    metadata: plainMeta(s.metadata),
    spec: {
      type: s.spec?.type ?? 'ClusterIP',
      ports: (s.spec?.ports ?? []).map((p) => ({
        name: p.name,
        port: p.port,
        protocol: p.protocol,
        targetPort: p.targetPort,
        nodePort: p.nodePort,
      })),
      loadBalancerClass: s.spec?.loadBalancerClass,
    },
    status: { loadBalancer: { ingress: lbIngress(s.status?.loadBalancer?.ingress) } },
  };
}

function toIngress(i: V1Ingress): IngressObject {
  return {
    metadata: plainMeta(i.metadata),
    spec: {
      ingressClassName: i.spec?.ingressClassName,
      rules: (i.spec?.rules ?? []).map((r) => ({
        host: r.host,
        http: r.http
          ? {
              paths: r.http.paths.map((p) => ({
                path: p.path ?? '',
                pathType: p.pathType,
                backend: {
                  service: { name: p.backend.service?.name ?? '', port: { number: p.backend.service?.port?.number, name: p.backend.service?.port?.name } },
                },
              })),
            }
          : undefined,
      })),
      tls: (i.spec?.tls ?? []).map((t) => ({ hosts: t.hosts ?? [], secretName: t.secretName })),
    },
    status: { loadBalancer: { ingress: lbIngress(i.status?.loadBalancer?.ingress) } },
  };
}

const toSecret = (s: V1Secret): SecretObject => ({ metadata: plainMeta(s.metadata), type: s.type ?? 'Opaque', data: { ...(s.data ?? {}) } });

const time = (d: Date | string | undefined | null): number => {
  if (!d) return 0;
  const t = d instanceof Date ? d.getTime() : Date.parse(d);
  return Number.isFinite(t) ? t : 0;
};
/** When the API server created an object, on the cluster's clock (it always sets it). */
function createdAtOf(o: { metadata?: V1ObjectMeta }): string {
  const at = time(o.metadata?.creationTimestamp);
  if (!at) throw new Error(`the API server answered ${o.metadata?.name ?? 'an object'} without its creationTimestamp`);
  return new Date(at).toISOString();
}
const toEvent = (e: CoreV1Event): EventRecord => ({
  reason: e.reason ?? '',
  message: e.message ?? '',
  type: e.type ?? 'Normal',
  kind: e.involvedObject.kind ?? '',
  at: time(e.lastTimestamp) || time(e.eventTime) || time(e.firstTimestamp) || time(e.metadata.creationTimestamp),
});

/** Drops undefined fields (client-node's serializer keeps them as explicit nulls otherwise). */
const clean = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const conditionsOf = (list: { type: string; status: string; reason?: string; message?: string }[] | undefined) =>
  (list ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? '', message: c.message ?? '' }));

function toPod(p: V1Pod): PodInfo {
  return {
    name: p.metadata?.name ?? '',
    labels: { ...(p.metadata?.labels ?? {}) },
    phase: p.status?.phase ?? '',
    nodeName: p.spec?.nodeName ?? '',
    conditions: conditionsOf(p.status?.conditions),
    containers: (p.status?.containerStatuses ?? []).map((c) => ({
      name: c.name,
      ready: c.ready,
      restartCount: c.restartCount,
      waiting: c.state?.waiting ? { reason: c.state.waiting.reason ?? '', message: c.state.waiting.message ?? '' } : undefined,
      terminated: c.state?.terminated
        ? { reason: c.state.terminated.reason ?? '', exitCode: c.state.terminated.exitCode, message: c.state.terminated.message ?? '' }
        : undefined,
      lastTerminated: c.lastState?.terminated ? { reason: c.lastState.terminated.reason ?? '', exitCode: c.lastState.terminated.exitCode } : undefined,
    })),
  };
}

export class ClusterGateway implements ClusterPort, ClusterInspectPort, WorkloadsPort {
  private readonly cache = new Map<string, Clients>();
  private readonly flights = new SingleFlight<Clients>();
  private readonly minutes: number;
  private readonly marginMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: KubeconfigSource,
    private readonly options: ClusterGatewayOptions,
  ) {
    this.minutes = options.kubeconfigMinutes ?? 60;
    this.marginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  private key(ref: ClusterRef): string {
    return `${ref.accountId}|${ref.regionId}|${ref.clusterId}`;
  }

  private async clients(ref: ClusterRef): Promise<Clients> {
    const key = this.key(ref);
    const cached = this.cache.get(key);
    if (cached && this.now() < cached.expiresAt - this.marginMs) return cached;
    return this.flights.run(key, async () => {
      const intranet = this.options.apiAccess === 'intranet';
      // Without a public endpoint ACK hands out the intranet one, which only answers inside the
      // VPC: say so (and what to do) instead of letting every call run into its timeout.
      if (!intranet && (await this.source.apiServerEndpoints(ref.regionId, ref.clusterId)).public === '') {
        const e = new CloudError({
          code: NO_PUBLIC_ENDPOINT,
          message: `The API server of cluster ${ref.clusterId} has no public endpoint: run the console inside the cluster's VPC (CLUSTER_API_ACCESS=intranet), or give the API server a public endpoint`,
          httpStatus: 409,
          action: 'DescribeClusterUserKubeconfig',
        });
        e.product = 'cs';
        throw e;
      }
      const { config, expiration } = await this.source.describeClusterUserKubeconfig(ref.regionId, ref.clusterId, this.minutes, intranet);
      const kc = new KubeConfig();
      try {
        kc.loadFromString(config);
      } catch {
        // Never echo the text: it holds the credentials.
        throw toKubeError(new Error('the kubeconfig of the cluster could not be read'), 'DescribeClusterUserKubeconfig');
      }
      const parsed = Date.parse(expiration);
      const clients: Clients = {
        core: kc.makeApiClient(CoreV1Api),
        net: kc.makeApiClient(NetworkingV1Api),
        storage: kc.makeApiClient(StorageV1Api),
        apps: kc.makeApiClient(AppsV1Api),
        batch: kc.makeApiClient(BatchV1Api),
        autoscaling: kc.makeApiClient(AutoscalingV2Api),
        expiresAt: Number.isFinite(parsed) ? parsed : this.now() + this.minutes * 60_000,
      };
      this.cache.set(key, clients);
      return clients;
    });
  }

  /** Options of every call: a deadline (client-node has none of its own). */
  private callOptions(extra?: ConfigurationOptions): ConfigurationOptions {
    const base = setHeaderMiddleware('User-Agent', 'dify-console');
    const timeoutMs = this.options.timeoutMs;
    const deadline = {
      pre: (ctx: Parameters<typeof base.pre>[0]) => {
        ctx.setSignal(AbortSignal.timeout(timeoutMs));
        return base.pre(ctx);
      },
      post: (ctx: Parameters<typeof base.post>[0]) => base.post(ctx),
    };
    return { ...extra, middleware: [deadline, ...(extra?.middleware ?? [])], middlewareMergeStrategy: 'append' };
  }

  /** One call: the cached clients, once more with a fresh kubeconfig after a 401, errors as CloudError. */
  private async call<T>(ref: ClusterRef, action: string, run: (c: Clients, options: ConfigurationOptions) => Promise<T>, extra?: ConfigurationOptions): Promise<T> {
    const started = performance.now();
    const observe = (errorCode?: string) =>
      this.options.onCall?.({ action, durationMs: performance.now() - started, ...(errorCode ? { errorCode } : {}) });
    try {
      for (let attempt = 1; ; attempt += 1) {
        const wasCached = this.cache.has(this.key(ref));
        const clients = await this.clients(ref);
        try {
          const result = await run(clients, this.callOptions(extra));
          observe();
          return result;
        } catch (raw) {
          const err = toKubeError(raw, action);
          // A cached kubeconfig whose certificates the cluster no longer accepts fails the TLS
          // handshake (a network error, no request made): fetch a fresh one once, as after a 401.
          if ((err.code === 'Kubernetes.Unauthorized' || (err.code === 'Cloud.NetworkError' && wasCached)) && attempt === 1) {
            this.cache.delete(this.key(ref));
            continue;
          }
          throw err;
        }
      }
    } catch (raw) {
      const err = toKubeError(raw, action);
      observe(err.code);
      throw err;
    }
  }

  private async orNull<T>(p: Promise<T>): Promise<T | null> {
    try {
      return await p;
    } catch (err) {
      if (isKubeCode(err, 'NotFound')) return null;
      throw err;
    }
  }

  cluster(ref: ClusterRef): ClusterApi {
    return {
      readService: (namespace, name) =>
        this.orNull(this.call(ref, 'ReadService', async (c, o) => toService(await c.core.readNamespacedService({ name, namespace }, o)))),
      patchService: (namespace, name, patch: MergePatch) =>
        this.call(
          ref,
          'PatchService',
          async (c, o) => toService(await c.core.patchNamespacedService({ name, namespace, body: patch }, o)),
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        ),
      readIngress: (namespace, name) =>
        this.orNull(this.call(ref, 'ReadIngress', async (c, o) => toIngress(await c.net.readNamespacedIngress({ name, namespace }, o)))),
      createIngress: (namespace, body) =>
        this.call(ref, 'CreateIngress', async (c, o) =>
          toIngress(await c.net.createNamespacedIngress({ namespace, body: clean({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', ...body }) }, o)),
        ),
      replaceIngress: (namespace, name, body) =>
        this.call(ref, 'ReplaceIngress', async (c, o) =>
          toIngress(
            await c.net.replaceNamespacedIngress({ name, namespace, body: clean({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', ...body }) }, o),
          ),
        ),
      deleteIngress: async (namespace, name) => {
        await this.orNull(this.call(ref, 'DeleteIngress', (c, o) => c.net.deleteNamespacedIngress({ name, namespace }, o)));
      },
      readSecret: (namespace, name) =>
        this.orNull(this.call(ref, 'ReadSecret', async (c, o) => toSecret(await c.core.readNamespacedSecret({ name, namespace }, o)))),
      createSecret: (namespace, body) =>
        this.call(ref, 'CreateSecret', async (c, o) =>
          toSecret(await c.core.createNamespacedSecret({ namespace, body: clean({ apiVersion: 'v1', kind: 'Secret', ...body }) }, o)),
        ),
      replaceSecret: (namespace, name, body) =>
        this.call(ref, 'ReplaceSecret', async (c, o) =>
          toSecret(await c.core.replaceNamespacedSecret({ name, namespace, body: clean({ apiVersion: 'v1', kind: 'Secret', ...body }) }, o)),
        ),
      deleteSecret: async (namespace, name) => {
        await this.orNull(this.call(ref, 'DeleteSecret', (c, o) => c.core.deleteNamespacedSecret({ name, namespace }, o)));
      },
      listEvents: (namespace, involvedName, involvedKind) =>
        this.call(ref, 'ListEvents', async (c, o) => {
          const list = await c.core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${involvedName}` }, o);
          return list.items
            .map(toEvent)
            .filter((e) => !involvedKind || !e.kind || e.kind === involvedKind)
            .sort((a, b) => a.at - b.at);
        }),
      readIngressClass: (name) =>
        this.orNull(
          this.call(ref, 'ReadIngressClass', async (c, o) => {
            const ic = await c.net.readIngressClass({ name }, o);
            return { name: ic.metadata?.name ?? name, controller: ic.spec?.controller ?? '' };
          }),
        ),
    };
  }

  /** Jobs, Pods, logs and Events: the live probe and the smoke test. */
  workloads(ref: ClusterRef): WorkloadsApi {
    const ignoreConflict = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        if (!isKubeCode(err, 'AlreadyExists')) throw err;
      }
    };
    return {
      ensureNamespace: (name, labels) =>
        ignoreConflict(this.call(ref, 'CreateNamespace', (c, o) => c.core.createNamespace({ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } } }, o))),
      createSecret: async (namespace, name, values, labels) => {
        const data = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
        await this.call(ref, 'CreateSecret', (c, o) =>
          c.core.createNamespacedSecret({ namespace, body: { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name, labels }, data } }, o),
        );
      },
      createConfigMap: async (namespace, name, data, labels) => {
        const cm = await this.call(ref, 'CreateConfigMap', (c, o) =>
          c.core.createNamespacedConfigMap({ namespace, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data } }, o),
        );
        return { createdAt: createdAtOf(cm) };
      },
      readConfigMap: async (namespace, name) => {
        const cm = await this.orNull(this.call(ref, 'ReadConfigMap', (c, o) => c.core.readNamespacedConfigMap({ name, namespace }, o)));
        return cm ? { data: { ...(cm.data ?? {}) }, createdAt: createdAtOf(cm) } : null;
      },
      createJob: async (namespace, job) => {
        await this.call(ref, 'CreateJob', (c, o) => c.batch.createNamespacedJob({ namespace, body: clean({ apiVersion: 'batch/v1', kind: 'Job', ...job }) }, o));
      },
      readJob: async (namespace, name) => {
        const j = await this.orNull(this.call(ref, 'ReadJob', (c, o) => c.batch.readNamespacedJob({ name, namespace }, o)));
        if (!j) return null;
        return { active: j.status?.active ?? 0, succeeded: j.status?.succeeded ?? 0, failed: j.status?.failed ?? 0, conditions: conditionsOf(j.status?.conditions) };
      },
      deleteJob: async (namespace, name) => {
        await this.orNull(this.call(ref, 'DeleteJob', (c, o) => c.batch.deleteNamespacedJob({ name, namespace, propagationPolicy: 'Background' }, o)));
      },
      deleteSecret: async (namespace, name) => {
        await this.orNull(this.call(ref, 'DeleteSecret', (c, o) => c.core.deleteNamespacedSecret({ name, namespace }, o)));
      },
      deleteConfigMap: async (namespace, name) => {
        await this.orNull(this.call(ref, 'DeleteConfigMap', (c, o) => c.core.deleteNamespacedConfigMap({ name, namespace }, o)));
      },
      listPods: (namespace, labelSelector) =>
        this.call(ref, 'ListPods', async (c, o) =>
          (await c.core.listNamespacedPod({ namespace, ...(labelSelector ? { labelSelector } : {}) }, o)).items.map(toPod),
        ),
      readPodLog: async (namespace, pod, container, options = {}) => {
        try {
          return await this.call(ref, 'ReadPodLog', (c, o) =>
            c.core.readNamespacedPodLog(
              { name: pod, namespace, container, ...(options.previous ? { previous: true } : {}), ...(options.tailLines !== undefined ? { tailLines: options.tailLines } : {}) },
              o,
            ),
          );
        } catch (err) {
          // 400: the container is waiting to start (no log yet); 404: the pod is gone.
          if (isKubeCode(err, 'BadRequest') || isKubeCode(err, 'NotFound')) return null;
          throw err;
        }
      },
      listEvents: (namespace) =>
        this.call(ref, 'ListEvents', async (c, o) =>
          (await c.core.listNamespacedEvent({ namespace }, o)).items
            .map((e) => ({ ...toEvent(e), involvedKind: e.involvedObject.kind ?? '', involvedName: e.involvedObject.name ?? '' }))
            .map(({ kind: _kind, ...e }) => e)
            .sort((a, b) => a.at - b.at),
        ),
      listDeployments: (namespace, labelSelector) =>
        this.call(ref, 'ListDeployments', async (c, o) =>
          (await c.apps.listNamespacedDeployment({ namespace, ...(labelSelector ? { labelSelector } : {}) }, o)).items.map((d) => ({
            name: d.metadata?.name ?? '',
            labels: { ...(d.metadata?.labels ?? {}) },
            replicas: d.spec?.replicas ?? 0,
            readyReplicas: d.status?.readyReplicas ?? 0,
          })),
        ),
      serviceProxyGet: async (namespace, service, port, path) => {
        try {
          const body = await this.call(ref, 'ProxyServiceGet', (c, o) =>
            c.core.connectGetNamespacedServiceProxyWithPath({ name: `${service}:${port}`, namespace, path: path.replace(/^\//, '') }, o),
          );
          return { status: 200, body: typeof body === 'string' ? body : JSON.stringify(body) };
        } catch (err) {
          // The API server's refusal (no endpoints, unknown Service) or the pod's own error status.
          if (err instanceof CloudError && err.httpStatus > 0) return { status: err.httpStatus, body: err.message };
          throw err;
        }
      },
      listHpaNames: (namespace) =>
        this.call(ref, 'ListHorizontalPodAutoscalers', async (c, o) =>
          (await c.autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace }, o)).items.map((h) => h.metadata?.name ?? ''),
        ),
    };
  }

  inspect(ref: ClusterRef): ClusterInspection {
    return {
      listNodes: () =>
        this.call(ref, 'ListNodes', async (c, o) => {
          const list = await c.core.listNode({}, o);
          return list.items.map(
            (n): KubeNodeInfo => ({
              name: n.metadata?.name ?? '',
              arch: n.status?.nodeInfo?.architecture || n.metadata?.labels?.['kubernetes.io/arch'] || '',
              instanceType: n.metadata?.labels?.['node.kubernetes.io/instance-type'] ?? '',
              internalIp: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
              ready: (n.status?.conditions ?? []).some((cond) => cond.type === 'Ready' && cond.status === 'True'),
              schedulable:
                !n.spec?.unschedulable && !(n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
              allocatableCpuM: cpuMillis(n.status?.allocatable?.cpu),
              allocatableMemoryMiB: memoryMiB(n.status?.allocatable?.memory),
            }),
          );
        }),
      listStorageClasses: () =>
        this.call(ref, 'ListStorageClasses', async (c, o) => {
          const list = await c.storage.listStorageClass({}, o);
          return list.items.map((s) => ({ name: s.metadata?.name ?? '', provisioner: s.provisioner }));
        }),
      namespaceExists: async (name) =>
        (await this.orNull(this.call(ref, 'ReadNamespace', (c, o) => c.core.readNamespace({ name }, o)))) !== null,
      readConfigMap: async (namespace, name) => {
        const cm = await this.orNull(this.call(ref, 'ReadConfigMap', (c, o) => c.core.readNamespacedConfigMap({ name, namespace }, o)));
        return cm ? { ...(cm.data ?? {}) } : null;
      },
      releaseExists: async (namespace, release) => {
        // Helm 3 keeps a release as Secrets labelled owner=helm,name=<release>; its workloads carry
        // app.kubernetes.io/instance=<release>.
        const secrets = await this.call(ref, 'ListSecrets', (c, o) =>
          c.core.listNamespacedSecret({ namespace, labelSelector: `owner=helm,name=${release}` }, o),
        );
        if (secrets.items.length > 0) return true;
        const deployments = await this.call(ref, 'ListDeployments', (c, o) =>
          c.apps.listNamespacedDeployment({ namespace, labelSelector: `app.kubernetes.io/instance=${release}` }, o),
        );
        return deployments.items.length > 0;
      },
    };
  }
}
