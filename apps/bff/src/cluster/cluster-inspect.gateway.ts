import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  StorageV1Api,
  setHeaderMiddleware,
  type ConfigurationOptions,
} from '@kubernetes/client-node';
import type { ClusterInspectPort, ClusterInspection, InspectRef, KubeNodeInfo } from '../services/preflight/ports';
import { SingleFlight } from '../services/utils';
import type { KubeconfigSource } from './cluster.gateway';
import { isKubeCode, toKubeError } from './kube-error';

/**
 * Read-only looks into a cluster for the pre-flight checks: Nodes (allocatable, architecture,
 * schedulability), StorageClasses, a Namespace, a ConfigMap (terway's eni-config) and the Helm
 * release of Dify. Same kubeconfig rule as the ClusterGateway: a temporary kubeconfig from CS, kept
 * until shortly before it expires, never logged or returned.
 * TODO(after the access entry lands): share the kubeconfig cache with ClusterGateway.
 */

interface Clients {
  core: CoreV1Api;
  storage: StorageV1Api;
  apps: AppsV1Api;
  expiresAt: number;
}

export interface ClusterInspectOptions {
  timeoutMs: number;
  kubeconfigMinutes?: number;
  now?: () => number;
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

export class ClusterInspectGateway implements ClusterInspectPort {
  private readonly cache = new Map<string, Clients>();
  private readonly flights = new SingleFlight<Clients>();
  private readonly now: () => number;

  constructor(
    private readonly source: KubeconfigSource,
    private readonly options: ClusterInspectOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  private async clients(ref: InspectRef): Promise<Clients> {
    const key = `${ref.accountId}|${ref.regionId}|${ref.clusterId}`;
    const cached = this.cache.get(key);
    if (cached && this.now() < cached.expiresAt - 5 * 60_000) return cached;
    return this.flights.run(key, async () => {
      const minutes = this.options.kubeconfigMinutes ?? 60;
      const { config, expiration } = await this.source.describeClusterUserKubeconfig(ref.regionId, ref.clusterId, minutes);
      const kc = new KubeConfig();
      try {
        kc.loadFromString(config);
      } catch {
        throw toKubeError(new Error('the kubeconfig of the cluster could not be read'), 'DescribeClusterUserKubeconfig');
      }
      const parsed = Date.parse(expiration);
      const clients: Clients = {
        core: kc.makeApiClient(CoreV1Api),
        storage: kc.makeApiClient(StorageV1Api),
        apps: kc.makeApiClient(AppsV1Api),
        expiresAt: Number.isFinite(parsed) ? parsed : this.now() + minutes * 60_000,
      };
      this.cache.set(key, clients);
      return clients;
    });
  }

  private callOptions(): ConfigurationOptions {
    const base = setHeaderMiddleware('User-Agent', 'dify-console');
    const timeoutMs = this.options.timeoutMs;
    return {
      middleware: [
        {
          pre: (ctx: Parameters<typeof base.pre>[0]) => {
            ctx.setSignal(AbortSignal.timeout(timeoutMs));
            return base.pre(ctx);
          },
          post: (ctx: Parameters<typeof base.post>[0]) => base.post(ctx),
        },
      ],
      middlewareMergeStrategy: 'append',
    };
  }

  private async call<T>(ref: InspectRef, action: string, run: (c: Clients, o: ConfigurationOptions) => Promise<T>): Promise<T> {
    try {
      return await run(await this.clients(ref), this.callOptions());
    } catch (raw) {
      throw toKubeError(raw, action);
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

  inspect(ref: InspectRef): ClusterInspection {
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
