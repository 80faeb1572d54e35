import { randomUUID } from 'node:crypto';
import { storeKey } from '../state/registry';

/**
 * A minimal, generic Kubernetes object store per cluster: what a cluster's API server would hold.
 * Plain data (Maps of plain objects) so the state file can save it; a later Kubernetes API serves
 * these objects as they are. Semantics follow the API server where they matter to clients:
 * resourceVersion is a per-cluster increasing integer (as a string), every write bumps it,
 * `generation` grows when `spec` changes, names are unique per kind and namespace, namespaced
 * objects need their namespace, deleting a namespace deletes what is in it.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  /** RFC 3339, seconds. */
  creationTimestamp: string;
  generation: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [extra: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
  status?: unknown;
  /** ConfigMap/Secret `data`, Secret `type`, … */
  [extra: string]: unknown;
}

/** What a caller hands to create/update: the server fills uid, resourceVersion, timestamps. */
export interface KubeObjectInput {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [extra: string]: unknown;
  };
  spec?: unknown;
  status?: unknown;
  [extra: string]: unknown;
}

export interface KindRef {
  apiVersion: string;
  kind: string;
}

export interface ClusterObjects {
  clusterId: string;
  /** The last resourceVersion handed out. */
  resourceVersion: number;
  /** Keyed by `group/Kind/namespace/name` (the version is not part of an object's identity). */
  objects: Map<string, KubeObject>;
  /** Service CIDR and the next ClusterIP offset to hand out. */
  serviceCidr: string;
  nextServiceIp: number;
  /** What the simulated kubelets run in each Pod (key `namespace/name`): stages and log lines. */
  runs?: Map<string, PodRun>;
}

/**
 * The simulated kubelet's plan for one Pod's container, in simulated time: pulled (or not),
 * started, the lines it prints (ms after each start), how it ends, and whether it restarts.
 */
export interface PodRun {
  container: string;
  image: string;
  node: string;
  scheduledAt: number;
  /** Why the scheduler cannot place it (FailedScheduling message); it stays Pending. */
  unschedulable?: string;
  /** The image pull fails with this message (ErrImagePull, then ImagePullBackOff) at `pulledAt`. */
  pullError?: string;
  pulledAt: number;
  /** CreateContainerConfigError (a missing Secret, runAsNonRoot with a root image…). */
  configError?: string;
  /** Lines printed after each start, ms after it. */
  lines: { offsetMs: number; text: string }[];
  /** ms after the start at which the container exits (undefined: it keeps running). */
  exitAfterMs?: number;
  exitCode?: number;
  /** Terminated reason: Completed, Error, OOMKilled. */
  exitReason?: string;
  /** restartPolicy Always/OnFailure with a failing exit: CrashLoopBackOff. */
  restarts: boolean;
  /** Ready once running (readiness probe passes). */
  ready: boolean;
  /** The stage last written to the Pod (events are recorded once per stage). */
  stage?: string;
}

export interface KubeStore {
  clusters: Map<string, ClusterObjects>;
}

/** Kubernetes objects of every cluster of one region of one account. */
export const KUBE_STORE = storeKey<KubeStore>('kubernetes', () => ({ clusters: new Map() }));

/** Kinds that are not namespaced (the ones the local cloud knows). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'APIService',
  'CSIDriver',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** `apps/v1` → `apps`; `v1` → `` (the core group). */
export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** The resource name of a kind, as error messages use it (`services`, `ingresses`). */
export function pluralOf(kind: string): string {
  const k = kind.toLowerCase();
  if (k.endsWith('s')) return `${k}es`;
  if (k.endsWith('y')) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

/** `services` or `ingresses.networking.k8s.io`, as the API server names a resource in messages. */
export function qualifiedResource(ref: KindRef): string {
  const g = groupOf(ref.apiVersion);
  return g === '' ? pluralOf(ref.kind) : `${pluralOf(ref.kind)}.${g}`;
}

/** An API-server error: a later Kubernetes API turns it into a `Status` object. */
export class KubeError extends Error {
  readonly code: number;
  readonly reason:
    | 'NotFound'
    | 'AlreadyExists'
    | 'Conflict'
    | 'Invalid'
    | 'BadRequest'
    | 'Unauthorized'
    | 'Forbidden'
    | 'MethodNotAllowed'
    | 'UnsupportedMediaType'
    | 'NotAcceptable'
    | 'ServiceUnavailable'
    | 'InternalError';
  readonly details: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: { reason: string; message: string; field?: string }[];
  };

  constructor(
    code: number,
    reason: KubeError['reason'],
    message: string,
    details: KubeError['details'],
  ) {
    super(message);
    this.name = 'KubeError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }
}

function detailsOf(ref: KindRef, name: string): KubeError['details'] {
  const group = groupOf(ref.apiVersion);
  return { name, kind: pluralOf(ref.kind), ...(group !== '' ? { group } : {}) };
}

function keyOf(ref: KindRef, namespace: string | undefined, name: string): string {
  return `${groupOf(ref.apiVersion)}/${ref.kind}/${namespace ?? ''}/${name}`;
}

/** RFC 3339 without milliseconds, as the API server writes timestamps. */
export function kubeTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function newClusterObjects(clusterId: string, serviceCidr: string): ClusterObjects {
  return { clusterId, resourceVersion: 0, objects: new Map(), serviceCidr, nextServiceIp: 20 };
}

function nextVersion(c: ClusterObjects): string {
  c.resourceVersion += 1;
  return String(c.resourceVersion);
}

function namespaceOf(ref: KindRef, namespace: string | undefined): string | undefined {
  if (isClusterScoped(ref.kind)) return undefined;
  return namespace ?? 'default';
}

export function getObject(
  c: ClusterObjects,
  ref: KindRef,
  namespace: string | undefined,
  name: string,
): KubeObject | undefined {
  const o = c.objects.get(keyOf(ref, namespaceOf(ref, namespace), name));
  return o === undefined ? undefined : structuredClone(o);
}

export interface ListOptions {
  /** Omitted: every namespace. */
  namespace?: string;
  /** Equality selector: every pair must match. */
  labels?: Record<string, string>;
}

/** Objects of one kind, sorted by namespace then name (as the API server lists them). */
export function listObjects(c: ClusterObjects, ref: KindRef, opts: ListOptions = {}): KubeObject[] {
  const group = groupOf(ref.apiVersion);
  const out: KubeObject[] = [];
  for (const o of c.objects.values()) {
    if (o.kind !== ref.kind || groupOf(o.apiVersion) !== group) continue;
    if (opts.namespace !== undefined && o.metadata.namespace !== opts.namespace) continue;
    if (opts.labels) {
      const labels = o.metadata.labels ?? {};
      if (Object.entries(opts.labels).some(([k, v]) => labels[k] !== v)) continue;
    }
    out.push(structuredClone(o));
  }
  return out.sort(
    (a, b) =>
      (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
}

/** Every object of the cluster (admin views, state dumps). */
export function allObjects(c: ClusterObjects): KubeObject[] {
  return [...c.objects.values()].map((o) => structuredClone(o));
}

export function createObject(c: ClusterObjects, input: KubeObjectInput, now: number): KubeObject {
  const ns = namespaceOf(input, input.metadata.namespace);
  const name = input.metadata.name;
  if (
    ns !== undefined &&
    !c.objects.has(keyOf({ apiVersion: 'v1', kind: 'Namespace' }, undefined, ns))
  )
    throw new KubeError(404, 'NotFound', `namespaces "${ns}" not found`, {
      name: ns,
      kind: 'namespaces',
    });
  const key = keyOf(input, ns, name);
  if (c.objects.has(key))
    throw new KubeError(
      409,
      'AlreadyExists',
      `${qualifiedResource(input)} "${name}" already exists`,
      detailsOf(input, name),
    );
  const { resourceVersion: _rv, ...meta } = input.metadata;
  const obj: KubeObject = {
    ...structuredClone(input),
    metadata: {
      ...structuredClone(meta),
      name,
      ...(ns !== undefined ? { namespace: ns } : {}),
      uid: randomUUID(),
      resourceVersion: nextVersion(c),
      creationTimestamp: kubeTime(now),
      generation: 1,
    },
  };
  c.objects.set(key, obj);
  return structuredClone(obj);
}

/**
 * Replaces an object (PUT semantics): uid and creationTimestamp are kept; a resourceVersion in the
 * input must be the current one (else 409 Conflict); `generation` grows when `spec` changed.
 */
export function updateObject(c: ClusterObjects, input: KubeObjectInput): KubeObject {
  const ns = namespaceOf(input, input.metadata.namespace);
  const name = input.metadata.name;
  const key = keyOf(input, ns, name);
  const current = c.objects.get(key);
  if (!current)
    throw new KubeError(
      404,
      'NotFound',
      `${qualifiedResource(input)} "${name}" not found`,
      detailsOf(input, name),
    );
  const rv = input.metadata.resourceVersion;
  if (rv !== undefined && rv !== current.metadata.resourceVersion)
    throw new KubeError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(input)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      detailsOf(input, name),
    );
  const specChanged = JSON.stringify(input.spec) !== JSON.stringify(current.spec);
  const obj: KubeObject = {
    ...structuredClone(input),
    metadata: {
      ...structuredClone(input.metadata),
      name,
      ...(ns !== undefined ? { namespace: ns } : {}),
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      generation: current.metadata.generation + (specChanged ? 1 : 0),
      resourceVersion: nextVersion(c),
    },
  };
  c.objects.set(key, obj);
  return structuredClone(obj);
}

/** Changes an object in place through `mutate` (controllers writing status), bumping its version. */
export function patchObject(
  c: ClusterObjects,
  ref: KindRef,
  namespace: string | undefined,
  name: string,
  mutate: (o: KubeObject) => void,
): KubeObject {
  const current = getObject(c, ref, namespace, name);
  if (!current)
    throw new KubeError(
      404,
      'NotFound',
      `${qualifiedResource(ref)} "${name}" not found`,
      detailsOf(ref, name),
    );
  mutate(current);
  const { resourceVersion: _rv, ...meta } = current.metadata;
  return updateObject(c, { ...current, metadata: meta });
}

/** Deletes an object; a Namespace takes everything in it along. Returns the deleted object. */
export function deleteObject(
  c: ClusterObjects,
  ref: KindRef,
  namespace: string | undefined,
  name: string,
): KubeObject {
  const ns = namespaceOf(ref, namespace);
  const key = keyOf(ref, ns, name);
  const current = c.objects.get(key);
  if (!current)
    throw new KubeError(
      404,
      'NotFound',
      `${qualifiedResource(ref)} "${name}" not found`,
      detailsOf(ref, name),
    );
  c.objects.delete(key);
  if (ref.kind === 'Namespace')
    for (const [k, o] of c.objects) if (o.metadata.namespace === name) c.objects.delete(k);
  nextVersion(c);
  return structuredClone(current);
}

/** The next free ClusterIP of the cluster's Service CIDR (offsets below 20 are reserved). */
export function allocateClusterIp(c: ClusterObjects, offset?: number): string {
  const [base = '192.168.0.0'] = c.serviceCidr.split('/');
  const parts = base.split('.').map(Number);
  const n =
    (((parts[0] ?? 0) << 24) |
      ((parts[1] ?? 0) << 16) |
      ((parts[2] ?? 0) << 8) |
      (parts[3] ?? 0)) >>>
    0;
  const ip = (n + (offset ?? c.nextServiceIp++)) >>> 0;
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
}
