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
                resources: {},
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

/**
 * The kubelets start the release's pods: each component's replicas spread over the worker nodes;
 * a component in `failing` crash-loops printing its error, the others run and become ready.
 */
export function startPods(
  c: ClusterObjects,
  opts: { ha: boolean; now: number; nodes: readonly string[]; failing: Partial<Record<Component['component'], string>> },
): KubeRef[] {
  const refs: KubeRef[] = [];
  const runs = runsOf(c);
  COMPONENTS.forEach((comp, ci) => {
    const replicas = replicasOf(comp, opts.ha);
    const rs = podHash(`${c.clusterId}:${comp.component}:rs`, 10);
    for (let i = 0; i < replicas; i++) {
      const name = `${RELEASE}-${comp.component}-${rs}-${podHash(`${c.clusterId}:${comp.component}:${i}`, 5)}`;
      const image = `registry-cn-vpc.ack.aliyuncs.com/acs/${comp.image}:${comp.tag}`;
      try {
        createObject(
          c,
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name, namespace: NAMESPACE, labels: { ...selectorLabels(comp.component), 'pod-template-hash': rs } },
            spec: { containers: [{ name: comp.component, image }], restartPolicy: 'Always' },
            status: { phase: 'Pending' },
          },
          opts.now,
        );
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
        continue;
      }
      refs.push({ apiVersion: 'v1', kind: 'Pod', name, namespace: NAMESPACE });
      const error = opts.failing[comp.component];
      const lines = (error ? crashLines(comp.component, error) : STARTUP_LINES[comp.component]).map((text, k) => ({ offsetMs: 400 + k * 700, text }));
      runs.set(runKey(NAMESPACE, name), {
        container: comp.component,
        image,
        node: opts.nodes[(ci + i) % Math.max(1, opts.nodes.length)] ?? '',
        scheduledAt: opts.now,
        pulledAt: opts.now + 20_000,
        lines,
        restarts: true,
        ready: !error,
        ...(error ? { exitAfterMs: 400 + lines.length * 700, exitCode: 1, exitReason: 'Error' } : {}),
      });
    }
  });
  return refs;
}
