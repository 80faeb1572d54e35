import { createHash } from 'node:crypto';
import {
  allocateClusterIp,
  createObject,
  deleteObject,
  getObject,
  KubeError,
  patchObject,
  type ClusterObjects,
  type KubeObjectInput,
} from '../../kubernetes/store';
import { runKey, runsOf } from '../../kubernetes/pod-runs';
import type { KubeRef } from './model';
import { DIFY_IMAGE_TAGS } from './service';

// What Helm release `ack-dify` puts into namespace `dify-system`: six
// Deployments, the Services in front of them, and with HA the worker's HPA. ConfigMaps, Secrets
// and PVCs of the chart are left out (the PVCs carry `helm.sh/resource-policy: keep`, which would
// leave them behind on delete; the local cloud keeps the release self-contained).

export const NAMESPACE = 'dify-system';
export const RELEASE = 'ack-dify';

interface Component {
  component: 'api' | 'worker' | 'web' | 'sandbox' | 'plugin-daemon' | 'proxy';
  image: string;
  tag: string;
  /** Container port name and number (none for the worker). */
  port?: { name: string; port: number };
  /** Replicas with HA on / off. */
  replicas: [number, number];
  /** Needs the databases: not ready when the deployment fails. */
  needsBackends: boolean;
}

export const COMPONENTS: readonly Component[] = [
  {
    component: 'api',
    image: 'dify-api',
    tag: DIFY_IMAGE_TAGS.api,
    port: { name: 'api', port: 5001 },
    replicas: [2, 1],
    needsBackends: true,
  },
  {
    component: 'worker',
    image: 'dify-api',
    tag: DIFY_IMAGE_TAGS.api,
    replicas: [2, 1],
    needsBackends: true,
  },
  {
    component: 'web',
    image: 'dify-web',
    tag: DIFY_IMAGE_TAGS.web,
    port: { name: 'web', port: 3000 },
    replicas: [2, 1],
    needsBackends: false,
  },
  {
    component: 'sandbox',
    image: 'dify-sandbox',
    tag: DIFY_IMAGE_TAGS.sandbox,
    port: { name: 'sandbox', port: 8194 },
    replicas: [2, 1],
    needsBackends: false,
  },
  {
    component: 'plugin-daemon',
    image: 'dify-plugin-daemon',
    tag: DIFY_IMAGE_TAGS.pluginDaemon,
    port: { name: 'daemon', port: 5002 },
    replicas: [1, 1],
    needsBackends: true,
  },
  {
    component: 'proxy',
    image: 'nginx',
    tag: DIFY_IMAGE_TAGS.proxy,
    port: { name: 'dify', port: 80 },
    replicas: [1, 1],
    needsBackends: false,
  },
];

/** Services: name, port name, port, target port name, selected component. */
const SERVICES = [
  { name: 'ack-dify', portName: 'http-dify', port: 80, target: 'dify', component: 'proxy' },
  { name: 'ack-dify-api', portName: 'http-api', port: 5001, target: 'api', component: 'api' },
  { name: 'ack-dify-web', portName: 'http-web', port: 3000, target: 'web', component: 'web' },
  {
    name: 'ack-dify-sandbox',
    portName: 'http-sandbox',
    port: 8194,
    target: 'sandbox',
    component: 'sandbox',
  },
  {
    name: 'ack-dify-plugin-daemon',
    portName: 'http-daemon',
    port: 5002,
    target: 'daemon',
    component: 'plugin-daemon',
  },
] as const;

const CHART = 'dify-0.1.0';

function selectorLabels(component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'dify',
    'app.kubernetes.io/instance': RELEASE,
    component,
  };
}

function metaLabels(component: string): Record<string, string> {
  return {
    ...selectorLabels(component),
    'helm.sh/chart': CHART,
    'app.kubernetes.io/version': DIFY_IMAGE_TAGS.api,
    'app.kubernetes.io/managed-by': 'Helm',
  };
}

const HELM_ANNOTATIONS = {
  'meta.helm.sh/release-name': RELEASE,
  'meta.helm.sh/release-namespace': NAMESPACE,
};

function deploymentName(component: string): string {
  return `${RELEASE}-${component}`;
}

function antiAffinity(component: string): Record<string, unknown> {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            labelSelector: {
              matchExpressions: [{ key: 'component', operator: 'In', values: [component] }],
            },
            topologyKey: 'kubernetes.io/hostname',
          },
        },
      ],
    },
  };
}

function replicasOf(c: Component, ha: boolean): number {
  return ha ? c.replicas[0] : c.replicas[1];
}

function notReadyStatus(replicas: number, at: string): Record<string, unknown> {
  return {
    observedGeneration: 1,
    replicas,
    updatedReplicas: replicas,
    unavailableReplicas: replicas,
    conditions: [
      {
        type: 'Available',
        status: 'False',
        reason: 'MinimumReplicasUnavailable',
        message: 'Deployment does not have minimum availability.',
        lastUpdateTime: at,
        lastTransitionTime: at,
      },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'ReplicaSetUpdated',
        message: 'ReplicaSet is progressing.',
        lastUpdateTime: at,
        lastTransitionTime: at,
      },
    ],
  };
}

function readyStatus(replicas: number, at: string): Record<string, unknown> {
  return {
    observedGeneration: 1,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    conditions: [
      {
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
        lastUpdateTime: at,
        lastTransitionTime: at,
      },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: 'ReplicaSet has successfully progressed.',
        lastUpdateTime: at,
        lastTransitionTime: at,
      },
    ],
  };
}

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** helm install: the release's objects, Deployments not ready yet. */
export function installDify(
  c: ClusterObjects,
  opts: { ha: boolean; region: string; now: number },
): { refs: KubeRef[]; createdNamespace: boolean } {
  const refs: KubeRef[] = [];
  const at = rfc3339(opts.now);
  const add = (o: KubeObjectInput) => {
    createObject(c, o, opts.now);
    refs.push({
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.metadata.name,
      ...(o.metadata.namespace !== undefined ? { namespace: o.metadata.namespace } : {}),
    });
  };
  let createdNamespace = false;
  if (!getObject(c, { apiVersion: 'v1', kind: 'Namespace' }, undefined, NAMESPACE)) {
    createObject(
      c,
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: NAMESPACE, labels: { 'kubernetes.io/metadata.name': NAMESPACE } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      },
      opts.now,
    );
    createdNamespace = true;
  }
  const repo = `registry-${opts.region}-vpc.ack.aliyuncs.com/acs`;
  for (const comp of COMPONENTS) {
    const replicas = replicasOf(comp, opts.ha);
    const spread = opts.ha && ['api', 'worker', 'web', 'sandbox'].includes(comp.component);
    add({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: deploymentName(comp.component),
        namespace: NAMESPACE,
        labels: metaLabels(comp.component),
        annotations: { ...HELM_ANNOTATIONS, 'deployment.kubernetes.io/revision': '1' },
      },
      spec: {
        replicas,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        selector: { matchLabels: selectorLabels(comp.component) },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
        },
        template: {
          metadata: { labels: selectorLabels(comp.component) },
          spec: {
            containers: [
              {
                name: comp.component,
                image: `${repo}/${comp.image}:${comp.tag}`,
                imagePullPolicy: 'IfNotPresent',
                ...(comp.component === 'worker' ? { args: ['worker'] } : {}),
                ...(comp.port
                  ? {
                      ports: [
                        { name: comp.port.name, containerPort: comp.port.port, protocol: 'TCP' },
                      ],
                    }
                  : {}),
                resources: {
                  requests: { cpu: `${REQUESTS[comp.component].cpuM}m`, memory: `${REQUESTS[comp.component].memoryMiB}Mi` },
                },
              },
            ],
            affinity: spread ? antiAffinity(comp.component) : {},
            restartPolicy: 'Always',
          },
        },
      },
      status: notReadyStatus(replicas, at),
    });
  }
  for (const s of SERVICES) {
    const ip = allocateClusterIp(c);
    add({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: s.name,
        namespace: NAMESPACE,
        labels: metaLabels(s.component),
        annotations: { ...HELM_ANNOTATIONS },
      },
      spec: {
        type: 'ClusterIP',
        clusterIP: ip,
        clusterIPs: [ip],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
        ports: [{ name: s.portName, port: s.port, targetPort: s.target, protocol: 'TCP' }],
        selector: selectorLabels(s.component),
      },
      status: { loadBalancer: {} },
    });
  }
  if (opts.ha)
    add({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: deploymentName('worker'),
        namespace: NAMESPACE,
        labels: metaLabels('worker'),
        annotations: { ...HELM_ANNOTATIONS },
      },
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: deploymentName('worker'),
        },
        minReplicas: 1,
        maxReplicas: 5,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } },
          },
        ],
      },
      status: { currentReplicas: 2, desiredReplicas: 2 },
    });
  return { refs, createdNamespace };
}

/** Pods become ready: every component (success) or only those that need no backend (failure). */
export function markReady(
  c: ClusterObjects,
  opts: { ha: boolean; now: number; onlyWithoutBackends: boolean; except?: readonly string[] },
): void {
  const at = rfc3339(opts.now);
  for (const comp of COMPONENTS) {
    if (opts.onlyWithoutBackends && comp.needsBackends) continue;
    if (opts.except?.includes(comp.component)) continue;
    const replicas = replicasOf(comp, opts.ha);
    try {
      patchObject(
        c,
        { apiVersion: 'apps/v1', kind: 'Deployment' },
        NAMESPACE,
        deploymentName(comp.component),
        (o) => {
          o.status = readyStatus(replicas, at);
        },
      );
    } catch (e) {
      // Someone deleted it in the meantime: nothing to mark.
      if (!(e instanceof KubeError)) throw e;
    }
  }
}

/** helm uninstall: removes what the release created (and the namespace if the release made it). */
export function uninstallDify(c: ClusterObjects, refs: KubeRef[], createdNamespace: boolean): void {
  for (const r of refs) {
    try {
      deleteObject(c, r, r.namespace, r.name);
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
    }
  }
  if (createdNamespace) {
    try {
      deleteObject(c, { apiVersion: 'v1', kind: 'Namespace' }, undefined, NAMESPACE);
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
    }
  }
}

// --- The release's pods: what the kubelets run, with the components' own log lines -----------

/** What the healthy components print when they start. */
const STARTUP_LINES: Record<Component['component'], string[]> = {
  api: [
    'Running migrations',
    'Preparing database migration...',
    'Database migration successful!',
    '[INFO] Starting gunicorn 23.0.0',
    '[INFO] Listening at: http://0.0.0.0:5001 (1)',
    '[INFO] Using worker: gevent',
  ],
  worker: [
    ' -------------- celery@ack-dify-worker v5.4.0 (opalescent)',
    '[config] .> transport:   redis://:**@redis:6379/1',
    '[INFO/MainProcess] Connected to redis://:**@redis:6379/1',
    '[INFO/MainProcess] celery@ack-dify-worker ready.',
  ],
  web: ['  ▲ Next.js 15.2.3', '   - Local:        http://localhost:3000', ' ✓ Ready in 312ms'],
  sandbox: ['[INFO]config init success', '[INFO]initializing python dependencies sandbox', '[INFO]sandbox service started at port 8194'],
  'plugin-daemon': ['[INFO] plugin daemon starting', '[INFO] persistence: database connected', '[INFO] listening on 0.0.0.0:5002'],
  proxy: ['/docker-entrypoint.sh: Configuration complete; ready for start up', 'nginx: [notice] start worker processes'],
};

/** The lines a component prints before it dies of `error` (the error text is the component's own). */
function crashLines(component: Component['component'], error: string): string[] {
  if (component === 'worker')
    return [
      ' -------------- celery@ack-dify-worker v5.4.0 (opalescent)',
      '[INFO/MainProcess] Connected to redis',
      error,
      '[CRITICAL/MainProcess] Unrecoverable error: consumer failed to start',
    ];
  if (component === 'plugin-daemon') return ['[INFO] plugin daemon starting', `[PANIC] ${error}`];
  return [
    'Running migrations',
    'Traceback (most recent call last):',
    '  File "/app/api/.venv/lib/python3.12/site-packages/sqlalchemy/engine/base.py", line 146, in __init__',
    '    self._dbapi_connection = engine.raw_connection()',
    error,
  ];
}

function podHash(seed: string, n: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const h = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[(h[i] ?? 0) % alphabet.length] ?? 'x';
  return out;
}

type ComponentName = Component['component'];

/**
 * Requests per container, what the scheduler places the pods by. The template passes
 * `resources: {}`; that ACK's chart sets these is UNCONFIRMED (they are the console's sizing figures).
 */
export const REQUESTS: Record<ComponentName, { cpuM: number; memoryMiB: number }> = {
  api: { cpuM: 500, memoryMiB: 1024 },
  worker: { cpuM: 500, memoryMiB: 1024 },
  web: { cpuM: 100, memoryMiB: 256 },
  sandbox: { cpuM: 100, memoryMiB: 256 },
  'plugin-daemon': { cpuM: 500, memoryMiB: 1024 },
  proxy: { cpuM: 100, memoryMiB: 128 },
};

/** What each component uses at its peak (the api while it runs the migrations), MiB: over a memory limit the kernel kills it. */
export const PEAK_MEMORY_MIB: Record<ComponentName, number> = {
  api: 1300,
  worker: 1100,
  web: 180,
  sandbox: 120,
  'plugin-daemon': 260,
  proxy: 16,
};

/** A node as the scheduler sees it: what pods may use. */
export interface SchedNode {
  name: string;
  cpuM: number;
  memoryMiB: number;
}

/** How the release's pods will run in this cluster, decided before they start (the stack's wait reads it too). */
export interface PodPlan {
  name: string;
  component: ComponentName;
  index: number;
  image: string;
  /** The node, or the scheduler's FailedScheduling message. */
  node: string;
  unschedulable?: string;
  /** The container's memory limit (a LimitRange's default), MiB. */
  memoryLimitMiB?: number;
  pullError?: string;
  /** The container dies of this (its own log line), or of OOMKilled. */
  error?: string;
  oom?: boolean;
  lines: string[];
}

export interface PlanInput {
  clusterId: string;
  region: string;
  ha: boolean;
  nodes: readonly SchedNode[];
  /** Components whose backends fail: they crash with this line. */
  failing: Partial<Record<ComponentName, string>>;
  /** The nodes cannot reach the image registry: every pull fails with this. */
  pullError?: (image: string) => string;
  /** Default memory limit from a LimitRange of the namespace (containers set none). */
  memoryLimitMiB?: number;
  /** The database is slow enough that the first api replica's migrations outlast Dify's 60 s lock. */
  slowMigrations?: boolean;
}

/**
 * The kube-scheduler's verdict for a pod that fits nowhere, as its FailedScheduling event words it
 * (one count per reason over the nodes, reasons sorted; then the preemption attempt).
 */
function unschedulableMessage(nodes: readonly SchedNode[], used: Map<string, { cpuM: number; memoryMiB: number }>, req: { cpuM: number; memoryMiB: number }): string {
  const counts = new Map<string, number>();
  for (const n of nodes) {
    const u = used.get(n.name) ?? { cpuM: 0, memoryMiB: 0 };
    if (u.cpuM + req.cpuM > n.cpuM) counts.set('Insufficient cpu', (counts.get('Insufficient cpu') ?? 0) + 1);
    if (u.memoryMiB + req.memoryMiB > n.memoryMiB) counts.set('Insufficient memory', (counts.get('Insufficient memory') ?? 0) + 1);
  }
  const reasons = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([r, k]) => `${k} ${r}`);
  const total = nodes.length;
  return `0/${total} nodes are available: ${reasons.join(', ')}. preemption: 0/${total} nodes are available: ${total} No preemption victims found for incoming pod.`;
}

/** The lines of an api replica whose migrations collide with another replica's (Dify's lock expired after 60 s). */
function raceLines(): string[] {
  return [
    'Running migrations',
    'Preparing database migration...',
    'Starting database migration.',
    'ERROR:root:Failed to execute database migration',
    'Traceback (most recent call last):',
    '  File "/app/api/.venv/lib/python3.12/site-packages/sqlalchemy/engine/base.py", line 1967, in _exec_single_context',
    '    self.dialect.do_execute(',
    'psycopg2.errors.DuplicateTable: relation "dify_setups" already exists',
    'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.DuplicateTable) relation "dify_setups" already exists',
  ];
}

/**
 * How the release's pods will run: names, nodes (requests against what each node has left, the
 * HA components spread by their soft anti-affinity), and how each container fares.
 */
export function planPods(input: PlanInput): PodPlan[] {
  const plans: PodPlan[] = [];
  const used = new Map<string, { cpuM: number; memoryMiB: number }>();
  const onNode = new Map<string, Set<string>>();
  const repo = `registry-${input.region}-vpc.ack.aliyuncs.com/acs`;
  for (const comp of COMPONENTS) {
    const replicas = replicasOf(comp, input.ha);
    const rs = podHash(`${input.clusterId}:${comp.component}:rs`, 10);
    const req = REQUESTS[comp.component];
    for (let i = 0; i < replicas; i++) {
      const name = `${RELEASE}-${comp.component}-${rs}-${podHash(`${input.clusterId}:${comp.component}:${i}`, 5)}`;
      const image = `${repo}/${comp.image}:${comp.tag}`;
      const fits = input.nodes.filter((n) => {
        const u = used.get(n.name) ?? { cpuM: 0, memoryMiB: 0 };
        return u.cpuM + req.cpuM <= n.cpuM && u.memoryMiB + req.memoryMiB <= n.memoryMiB;
      });
      const spread = input.ha ? fits.filter((n) => !onNode.get(n.name)?.has(comp.component)) : fits;
      const least = (list: readonly SchedNode[]) =>
        [...list].sort((a, b) => (used.get(a.name)?.memoryMiB ?? 0) / a.memoryMiB - (used.get(b.name)?.memoryMiB ?? 0) / b.memoryMiB)[0];
      const node = least(spread.length > 0 ? spread : fits);
      const plan: PodPlan = { name, component: comp.component, index: i, image, node: node?.name ?? '', lines: STARTUP_LINES[comp.component] };
      if (!node) plan.unschedulable = unschedulableMessage(input.nodes, used, req);
      else {
        const u = used.get(node.name) ?? { cpuM: 0, memoryMiB: 0 };
        used.set(node.name, { cpuM: u.cpuM + req.cpuM, memoryMiB: u.memoryMiB + req.memoryMiB });
        onNode.set(node.name, (onNode.get(node.name) ?? new Set()).add(comp.component));
      }
      if (input.pullError) plan.pullError = input.pullError(image);
      if (input.memoryLimitMiB !== undefined) plan.memoryLimitMiB = input.memoryLimitMiB;
      const error = input.failing[comp.component];
      if (error) {
        plan.error = error;
        plan.lines = crashLines(comp.component, error);
      } else if (input.memoryLimitMiB !== undefined && PEAK_MEMORY_MIB[comp.component] > input.memoryLimitMiB) {
        // Killed at its peak: the api while migrating, the worker once its pool has started.
        plan.oom = true;
        plan.lines = STARTUP_LINES[comp.component].slice(0, 2);
      } else if (comp.component === 'api' && i > 0 && input.slowMigrations) {
        plan.error = raceLines().at(-1) ?? '';
        plan.lines = raceLines();
      }
      plans.push(plan);
    }
  }
  return plans;
}

/** Components with a pod that will not be ready. */
export function notReadyComponents(plans: readonly PodPlan[]): ComponentName[] {
  return [...new Set(plans.filter((p) => p.unschedulable || p.pullError || p.error || p.oom).map((p) => p.component))];
}

/** Why a pod of the plan is not ready, as `kubectl describe` would sum it up. */
export function planProblem(p: PodPlan): string | undefined {
  if (p.unschedulable) return `Pod ${p.name} is Pending: ${p.unschedulable}`;
  if (p.pullError) return `Pod ${p.name} container ${p.component} is not ready: ImagePullBackOff: Back-off pulling image "${p.image}": ${p.pullError}`;
  if (p.oom) return `Pod ${p.name} container ${p.component} is not ready: CrashLoopBackOff (last state: OOMKilled, exit code 137)`;
  if (p.error) return `Pod ${p.name} container ${p.component} is not ready: ${p.error}`;
  return undefined;
}

/** The kubelets start the release's pods as planned: each runs, crash-loops, is OOMKilled, cannot pull, or waits for a node. */
export function startPods(c: ClusterObjects, plans: readonly PodPlan[], now: number): KubeRef[] {
  const refs: KubeRef[] = [];
  const runs = runsOf(c);
  for (const p of plans) {
    const limits = p.memoryLimitMiB !== undefined ? { limits: { memory: `${p.memoryLimitMiB}Mi` } } : {};
    const req = REQUESTS[p.component];
    try {
      createObject(
        c,
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: p.name,
            namespace: NAMESPACE,
            labels: { ...selectorLabels(p.component), 'pod-template-hash': p.name.split('-').at(-2) ?? '' },
            ...(p.memoryLimitMiB !== undefined ? { annotations: { 'kubernetes.io/limit-ranger': `LimitRanger plugin set: memory limit for container ${p.component}` } } : {}),
          },
          spec: {
            containers: [{ name: p.component, image: p.image, resources: { requests: { cpu: `${req.cpuM}m`, memory: `${req.memoryMiB}Mi` }, ...limits } }],
            restartPolicy: 'Always',
          },
          status: { phase: 'Pending' },
        },
        now,
      );
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
      continue;
    }
    refs.push({ apiVersion: 'v1', kind: 'Pod', name: p.name, namespace: NAMESPACE });
    const lines = p.lines.map((text, k) => ({ offsetMs: 400 + k * 700, text }));
    const dies = p.error !== undefined || p.oom === true;
    runs.set(runKey(NAMESPACE, p.name), {
      container: p.component,
      image: p.image,
      node: p.node,
      scheduledAt: now,
      ...(p.unschedulable ? { unschedulable: p.unschedulable } : {}),
      ...(p.pullError ? { pullError: p.pullError } : {}),
      // A pull that cannot connect fails after the client's timeout.
      pulledAt: now + (p.pullError ? 30_000 : 20_000),
      lines,
      restarts: true,
      ready: !dies,
      ...(dies ? { exitAfterMs: 400 + lines.length * 700, exitCode: p.oom ? 137 : 1, exitReason: p.oom ? 'OOMKilled' : 'Error' } : {}),
    });
  }
  return refs;
}
