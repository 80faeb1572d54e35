import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { parsePairs } from '../../protocol/encoding';
import { pairsToRecord } from '../../protocol/request';
import type { SimCore } from '../../sim-core';
import { clusterObjects } from '../cluster';
import { finalizeIfDone } from '../cloud-controller';
import { reconcileCluster } from '../controllers';
import { authenticate, type KubeClient } from '../kubeconfig';
import {
  createObject,
  deleteObject,
  getObject,
  KubeError,
  kubeTime,
  listObjects,
  updateObject,
  type ClusterObjects,
  type KubeObject,
} from '../store';
import { onJobDeleted } from '../jobs';
import { admit } from './admit';
import { podLogTarget, servePodLog } from './pod-log';
import { serveServiceProxy, serviceProxyTarget } from './service-proxy';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from './patch';
import {
  apiGroup,
  apiGroupList,
  apiVersionOf,
  findResource,
  resourceList,
  storeRef,
  type ResourceDef,
} from './resources';
import { matchFields, matchLabels, parseFieldSelector, parseLabelSelector } from './selectors';

// The Kubernetes API of one cluster, served under `/clusters/<id>/k8s` of the local cloud's
// endpoint: discovery, CRUD + the four PATCH flavours on the writable
// resources, Status errors, resourceVersion preconditions, selectors, paging and a polling watch.
// Authenticated by the bearer token of a kubeconfig from DescribeClusterUserKubeconfig.

export interface KubeRequest {
  method: string;
  /** Path inside the cluster API, e.g. `/api/v1/namespaces/x/services`. */
  path: string;
  rawQuery: string;
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** The cluster the connection reached and the client certificate it presented. */
  client?: KubeClient;
}

const GIT_VERSION = (v: string) => `v${v}`;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-cache, private',
    'audit-id': randomUUID(),
  });
  res.end(text);
}

export function statusBody(e: KubeError): Record<string, unknown> {
  const d = e.details;
  const hasDetails = Object.keys(d).length > 0;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: e.message,
    reason: e.reason,
    ...(hasDetails ? { details: d } : {}),
    code: e.code,
  };
}

const err = {
  notFoundPath: () =>
    new KubeError(404, 'NotFound', 'the server could not find the requested resource', {}),
  badRequest: (m: string) => new KubeError(400, 'BadRequest', m, {}),
  methodNotAllowed: () =>
    new KubeError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
      {},
    ),
  unauthorized: () => new KubeError(401, 'Unauthorized', 'Unauthorized', {}),
  unsupportedPatch: (ct: string) =>
    new KubeError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json${ct ? '' : ''}`,
      {},
    ),
};

function notFound(r: ResourceDef, name: string): KubeError {
  const resource = r.group === '' ? r.name : `${r.name}.${r.group}`;
  return new KubeError(404, 'NotFound', `${resource} "${name}" not found`, {
    name,
    ...(r.group !== '' ? { group: r.group } : {}),
    kind: r.name,
  });
}

function parseBody(req: KubeRequest): unknown {
  const text = req.body.toString('utf8');
  if (text.trim() === '') throw err.badRequest('the request body is empty');
  const ct = (req.headers['content-type'] ?? '').toLowerCase();
  try {
    if (ct.includes('yaml')) return parseYaml(text) as unknown;
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw err.badRequest(`error decoding request body: ${(e as Error).message}`);
  }
}

function asObject(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw err.badRequest(`${what} must be a JSON object`);
  return v as Record<string, unknown>;
}

/** Objects as lists show them: without kind/apiVersion. */
function listItem(o: KubeObject): Record<string, unknown> {
  const { kind: _k, apiVersion: _a, ...rest } = o;
  return rest;
}

/** A stored core Event in the events.k8s.io/v1 shape. */
function toEventsV1(o: KubeObject): KubeObject {
  const src = (o.source ?? {}) as Record<string, unknown>;
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: o.metadata,
    eventTime: o.eventTime ?? null,
    reportingController: o.reportingComponent ?? src.component ?? '',
    reportingInstance: o.reportingInstance ?? '',
    action: o.action ?? '',
    reason: o.reason,
    regarding: o.involvedObject,
    note: o.message,
    type: o.type,
    deprecatedSource: o.source,
    deprecatedFirstTimestamp: o.firstTimestamp,
    deprecatedLastTimestamp: o.lastTimestamp,
    deprecatedCount: o.count,
  };
}

function present(r: ResourceDef, o: KubeObject): KubeObject {
  const out = r.storedAs && r.group === 'events.k8s.io' ? toEventsV1(o) : o;
  // kind, apiVersion first, as the API server writes them.
  const { kind, apiVersion, metadata, ...rest } = out;
  return { kind, apiVersion, metadata, ...rest };
}

interface Target {
  resource: ResourceDef;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
}

type Route = { kind: 'json'; body: unknown } | { kind: 'target'; target: Target };

function route(path: string, cluster: { current_version: string }, host: string): Route {
  const segs = path
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  if (segs.length === 1 && segs[0] === 'version') {
    const [major = '1', minor = '0'] = cluster.current_version.split('.');
    return {
      kind: 'json',
      body: {
        major,
        minor,
        gitVersion: GIT_VERSION(cluster.current_version),
        gitCommit: 'a3f1f3b6a27ea0fd9a3b4c86e5a3d3ad36c8b8b5',
        gitTreeState: 'clean',
        buildDate: '2025-01-15T08:12:31Z',
        goVersion: 'go1.22.10',
        compiler: 'gc',
        platform: 'linux/amd64',
      },
    };
  }
  if (segs.length === 1 && segs[0] === 'api')
    return {
      kind: 'json',
      body: {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }],
      },
    };
  if (segs.length === 1 && segs[0] === 'apis') return { kind: 'json', body: apiGroupList() };
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs[1] !== undefined) {
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs[1] !== undefined) {
    group = segs[1];
    if (segs[2] === undefined) {
      const g = apiGroup(group);
      if (!g) throw err.notFoundPath();
      return { kind: 'json', body: g };
    }
    version = segs[2];
    rest = segs.slice(3);
  } else throw err.notFoundPath();
  if (rest.length === 0) {
    const list = resourceList(group, version);
    if ((list.resources as unknown[]).length === 0) throw err.notFoundPath();
    return { kind: 'json', body: list };
  }
  let namespace: string | undefined;
  let tail = rest;
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    !(group === '' && ['status', 'finalize'].includes(rest[2] ?? ''))
  ) {
    namespace = rest[1];
    tail = rest.slice(2);
  }
  const [resName, name, subresource, ...extra] = tail;
  if (resName === undefined || extra.length > 0) throw err.notFoundPath();
  const resource = findResource(group, version, resName);
  if (!resource) throw err.notFoundPath();
  if (namespace !== undefined && !resource.namespaced) throw err.notFoundPath();
  if (subresource !== undefined && !(subresource === 'status' && resource.status))
    throw err.notFoundPath();
  return { kind: 'target', target: { resource, namespace, name, subresource } };
}

// --- Writes -------------------------------------------------------------------------------------------

function prepareInput(r: ResourceDef, t: Target, raw: unknown, forName?: string): KubeObject {
  const o = asObject(raw, 'the object');
  const apiVersion = apiVersionOf(r);
  if (o.apiVersion !== undefined && o.apiVersion !== apiVersion)
    throw err.badRequest(
      `the API version in the data (${JSON.stringify(o.apiVersion)}) does not match the expected API version (${apiVersion})`,
    );
  if (o.kind !== undefined && o.kind !== r.kind)
    throw err.badRequest(
      `the kind in the data (${JSON.stringify(o.kind)}) does not match the expected kind (${r.kind})`,
    );
  const metadata = { ...asObject(o.metadata ?? {}, 'metadata') };
  if (r.namespaced) {
    if (
      metadata.namespace !== undefined &&
      metadata.namespace !== '' &&
      metadata.namespace !== t.namespace
    )
      throw err.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    metadata.namespace = t.namespace;
  } else delete metadata.namespace;
  if (forName !== undefined) {
    if (metadata.name !== undefined && metadata.name !== forName)
      throw err.badRequest(
        `the name of the object (${JSON.stringify(metadata.name)}) does not match the name on the URL (${forName})`,
      );
    metadata.name = forName;
  }
  return { ...o, apiVersion, kind: r.kind, metadata } as KubeObject;
}

function requireName(r: ResourceDef, o: KubeObject, c: ClusterObjects): void {
  const m = o.metadata as Record<string, unknown>;
  if (
    (m.name === undefined || m.name === '') &&
    typeof m.generateName === 'string' &&
    m.generateName !== ''
  ) {
    for (let i = 0; i < 100; i++) {
      const n = `${m.generateName}${Math.random().toString(36).slice(2, 7)}`;
      if (!getObject(c, storeRef(r), o.metadata.namespace, n)) {
        m.name = n;
        break;
      }
    }
  }
  if (typeof m.name !== 'string' || m.name === '')
    throw new KubeError(
      422,
      'Invalid',
      `${r.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
      {
        kind: r.kind,
        ...(r.group !== '' ? { group: r.group } : {}),
        causes: [
          {
            reason: 'FieldValueRequired',
            message: 'Required value: name or generateName is required',
            field: 'metadata.name',
          },
        ],
      },
    );
}

function doCreate(
  c: ClusterObjects,
  r: ResourceDef,
  t: Target,
  raw: unknown,
  now: number,
): KubeObject {
  const o = prepareInput(r, t, raw);
  requireName(r, o, c);
  for (const k of [
    'uid',
    'resourceVersion',
    'creationTimestamp',
    'deletionTimestamp',
    'generation',
    'managedFields',
    'selfLink',
  ])
    delete (o.metadata as Record<string, unknown>)[k];
  o.metadata.uid = '';
  if (!r.status || r.kind === 'Namespace') {
    // kinds without a status subresource keep what they are given
  } else if (o.kind !== 'Service' && o.kind !== 'Ingress') delete o.status;
  if (getObject(c, storeRef(r), o.metadata.namespace, o.metadata.name))
    throw new KubeError(
      409,
      'AlreadyExists',
      `${r.group === '' ? r.name : `${r.name}.${r.group}`} "${o.metadata.name}" already exists`,
      {
        name: o.metadata.name,
        ...(r.group !== '' ? { group: r.group } : {}),
        kind: r.name,
      },
    );
  admit(c, o, undefined);
  const { uid: _u, ...meta } = o.metadata;
  return createObject(c, { ...o, metadata: meta }, now);
}

/** PUT semantics (also the end of every PATCH): preconditions, preserved fields, admission. */
function doUpdate(
  c: ClusterObjects,
  r: ResourceDef,
  t: Target,
  next: KubeObject,
  current: KubeObject,
): KubeObject {
  const rv = next.metadata.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== current.metadata.resourceVersion)
    throw new KubeError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${r.group === '' ? r.name : `${r.name}.${r.group}`} "${current.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name: current.metadata.name, ...(r.group !== '' ? { group: r.group } : {}), kind: r.name },
    );
  let o: KubeObject;
  if (t.subresource === 'status') {
    o = { ...structuredClone(current), status: next.status };
  } else {
    o = structuredClone(next);
    o.metadata = {
      ...o.metadata,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      generation: current.metadata.generation,
      ...(current.metadata.deletionTimestamp !== undefined
        ? { deletionTimestamp: current.metadata.deletionTimestamp }
        : {}),
    };
    if (r.status && r.kind !== 'Service' && r.kind !== 'Ingress' && r.kind !== 'Namespace')
      o.status = current.status;
    admit(c, o, current);
  }
  const { resourceVersion: _rv, ...meta } = o.metadata;
  const updated = updateObject(c, { ...o, metadata: meta });
  if (finalizeIfDone(c, updated)) return updated;
  return updated;
}

function patchType(ct: string): 'json' | 'merge' | 'strategic' | 'apply' | undefined {
  const t = ct.split(';')[0]?.trim().toLowerCase() ?? '';
  if (t === 'application/json-patch+json') return 'json';
  if (t === 'application/merge-patch+json') return 'merge';
  if (t === 'application/strategic-merge-patch+json') return 'strategic';
  if (t === 'application/apply-patch+yaml' || t === 'application/apply-patch+json') return 'apply';
  return undefined;
}

function doPatch(
  c: ClusterObjects,
  r: ResourceDef,
  t: Target,
  req: KubeRequest,
  q: Record<string, string>,
  now: number,
): { status: number; object: KubeObject } {
  const name = t.name ?? '';
  const ptype = patchType(req.headers['content-type'] ?? '');
  if (!ptype) throw err.unsupportedPatch(req.headers['content-type'] ?? '');
  const current = getObject(c, storeRef(r), t.namespace, name);
  if (ptype === 'apply') {
    if (!q.fieldManager)
      throw new KubeError(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        {
          group: 'meta.k8s.io',
          kind: 'PatchOptions',
          causes: [
            {
              reason: 'FieldValueRequired',
              message: 'Required value: is required for apply patch',
              field: 'fieldManager',
            },
          ],
        },
      );
    let body: unknown;
    try {
      body = parseYaml(req.body.toString('utf8')) as unknown;
    } catch (e) {
      throw err.badRequest(`error decoding YAML: ${(e as Error).message}`);
    }
    const applied = asObject(body, 'the applied configuration');
    if (applied.apiVersion === undefined || applied.kind === undefined)
      throw err.badRequest('apiVersion and kind must be set in the applied configuration');
    if (!current) {
      if (t.subresource === 'status') throw notFound(r, name);
      return { status: 201, object: doCreate(c, r, t, applied, now) };
    }
    const merged = applyStrategicMergePatch(current, applied) as KubeObject;
    const next = prepareInput(r, t, merged, name);
    if (asObject(applied.metadata ?? {}, 'metadata').resourceVersion === undefined)
      delete (next.metadata as Record<string, unknown>).resourceVersion;
    return { status: 200, object: doUpdate(c, r, t, next, current) };
  }
  if (!current) throw notFound(r, name);
  const body = (() => {
    try {
      return JSON.parse(req.body.toString('utf8')) as unknown;
    } catch (e) {
      throw err.badRequest(`error decoding patch: ${(e as Error).message}`);
    }
  })();
  let patched: unknown;
  if (ptype === 'json') patched = applyJsonPatch(current, body);
  else if (ptype === 'merge') patched = applyMergePatch(current, asObject(body, 'a merge patch'));
  else patched = applyStrategicMergePatch(current, body);
  const next = prepareInput(r, t, patched, name);
  // Only a resourceVersion the patch itself sets is a precondition.
  if (next.metadata.resourceVersion === current.metadata.resourceVersion)
    delete (next.metadata as Record<string, unknown>).resourceVersion;
  return { status: 200, object: doUpdate(c, r, t, next, current) };
}

function doDelete(
  c: ClusterObjects,
  r: ResourceDef,
  t: Target,
  req: KubeRequest,
  now: number,
): KubeObject | Record<string, unknown> {
  const name = t.name ?? '';
  const current = getObject(c, storeRef(r), t.namespace, name);
  if (!current) throw notFound(r, name);
  if (req.body.length > 0) {
    try {
      const opts = JSON.parse(req.body.toString('utf8')) as {
        preconditions?: { uid?: string; resourceVersion?: string };
      };
      const pre = opts.preconditions ?? {};
      if (
        (pre.uid !== undefined && pre.uid !== current.metadata.uid) ||
        (pre.resourceVersion !== undefined &&
          pre.resourceVersion !== current.metadata.resourceVersion)
      )
        throw new KubeError(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${r.group === '' ? r.name : `${r.name}.${r.group}`} "${name}": Precondition failed: UID in precondition: ${pre.uid ?? ''}, UID in object meta: ${current.metadata.uid}`,
          { name, ...(r.group !== '' ? { group: r.group } : {}), kind: r.name },
        );
    } catch (e) {
      if (e instanceof KubeError) throw e;
    }
  }
  const fins = (current.metadata.finalizers as string[] | undefined) ?? [];
  if (fins.length > 0) {
    if (current.metadata.deletionTimestamp !== undefined) return current;
    const { resourceVersion: _rv, ...meta } = current.metadata;
    return updateObject(c, {
      ...current,
      metadata: { ...meta, deletionTimestamp: kubeTime(now), deletionGracePeriodSeconds: 0 },
    });
  }
  const deleted = deleteObject(c, storeRef(r), t.namespace, name);
  if (r.returnsDeletedObject) return deleted;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: {
      name,
      ...(r.group !== '' ? { group: r.group } : {}),
      kind: r.name,
      uid: deleted.metadata.uid,
    },
  };
}

/** The DeleteOptions body, when there is one. */
function deleteOptions(req: KubeRequest): { propagationPolicy?: string } {
  if (req.body.length === 0) return {};
  try {
    const o = JSON.parse(req.body.toString('utf8')) as { propagationPolicy?: unknown };
    return typeof o.propagationPolicy === 'string'
      ? { propagationPolicy: o.propagationPolicy }
      : {};
  } catch {
    return {};
  }
}

// --- Reads ----------------------------------------------------------------------------------------------

function listFor(
  c: ClusterObjects,
  r: ResourceDef,
  t: Target,
  q: Record<string, string>,
): KubeObject[] {
  const labels = parseLabelSelector(q.labelSelector);
  const fields = parseFieldSelector(q.fieldSelector);
  return listObjects(c, storeRef(r), t.namespace !== undefined ? { namespace: t.namespace } : {})
    .filter((o) => matchLabels(labels, o.metadata.labels) && matchFields(fields, o))
    .map((o) => present(r, o));
}

function listBody(
  c: ClusterObjects,
  r: ResourceDef,
  t: Target,
  q: Record<string, string>,
): Record<string, unknown> {
  let items = listFor(c, r, t, q);
  const limit = q.limit !== undefined ? Number(q.limit) : 0;
  let cont: string | undefined;
  if (q.continue) {
    const offset = Number(Buffer.from(q.continue, 'base64url').toString('utf8').split(':')[1]);
    if (!Number.isInteger(offset) || offset < 0)
      throw new KubeError(
        400,
        'BadRequest',
        'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
        {},
      );
    items = items.slice(offset);
    if (limit > 0 && items.length > limit) {
      cont = Buffer.from(`${c.resourceVersion}:${offset + limit}`).toString('base64url');
      items = items.slice(0, limit);
    }
  } else if (limit > 0 && items.length > limit) {
    cont = Buffer.from(`${c.resourceVersion}:${limit}`).toString('base64url');
    items = items.slice(0, limit);
  }
  return {
    kind: `${r.kind}List`,
    apiVersion: apiVersionOf(r),
    metadata: { resourceVersion: String(c.resourceVersion), ...(cont ? { continue: cont } : {}) },
    items: items.map(listItem),
  };
}

/** A watch by polling the store: ADDED/MODIFIED/DELETED lines until timeoutSeconds or the client leaves. */
function watch(
  core: SimCore,
  c: () => ClusterObjects,
  r: ResourceDef,
  t: Target,
  q: Record<string, string>,
  res: ServerResponse,
): void {
  const since =
    q.resourceVersion !== undefined && q.resourceVersion !== '' && q.resourceVersion !== '0'
      ? Number(q.resourceVersion)
      : undefined;
  res.writeHead(200, {
    'content-type': 'application/json',
    'transfer-encoding': 'chunked',
    'cache-control': 'no-cache, private',
  });
  const seen = new Map<string, KubeObject>();
  const emit = (type: string, o: KubeObject) =>
    res.write(`${JSON.stringify({ type, object: o })}\n`);
  const scan = (initial: boolean) => {
    core.tick();
    const items = listFor(c(), r, t, q);
    const now = new Set<string>();
    for (const o of items) {
      now.add(o.metadata.uid);
      const prev = seen.get(o.metadata.uid);
      if (!prev) {
        if (!initial || since === undefined || Number(o.metadata.resourceVersion) > since)
          emit('ADDED', o);
      } else if (prev.metadata.resourceVersion !== o.metadata.resourceVersion) emit('MODIFIED', o);
      seen.set(o.metadata.uid, o);
    }
    for (const [uid, o] of seen)
      if (!now.has(uid)) {
        emit('DELETED', o);
        seen.delete(uid);
      }
  };
  scan(true);
  const timer = setInterval(() => scan(false), 250);
  const timeout = Number(q.timeoutSeconds ?? 1800);
  const stop = setTimeout(
    () => {
      clearInterval(timer);
      res.end();
    },
    Math.max(1, timeout) * 1000,
  );
  res.on('close', () => {
    clearInterval(timer);
    clearTimeout(stop);
  });
}

// --- Entry ----------------------------------------------------------------------------------------------

export async function handleKubeApi(
  core: SimCore,
  clusterId: string,
  req: KubeRequest,
  res: ServerResponse,
): Promise<void> {
  const q = pairsToRecord(parsePairs(req.rawQuery));
  const method = req.method.toUpperCase();
  let status = 200;
  let code: string | undefined;
  let accessKeyId = '';
  let action = `${method.toLowerCase()} ${req.path}`;
  try {
    if (['/healthz', '/livez', '/readyz'].includes(req.path)) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    core.tick();
    const auth = authenticate(core.registry, clusterId, req.client, core.clock.now());
    if (!auth.ok) throw err.unauthorized();
    accessKeyId = auth.account.accessKeyId;
    const { account, cluster } = auth;
    const getC = () => clusterObjects(account, cluster);
    const host = req.headers.host ?? '127.0.0.1';
    const logTarget = podLogTarget(req.path);
    if (logTarget) {
      if (method !== 'GET') throw err.methodNotAllowed();
      action = 'get pods/log';
      servePodLog(getC(), logTarget, q, core.clock.now(), res);
      return;
    }
    const proxyTarget = serviceProxyTarget(req.path);
    if (proxyTarget) {
      if (method !== 'GET') throw err.methodNotAllowed();
      action = 'get services/proxy';
      serveServiceProxy(getC(), proxyTarget, res);
      return;
    }
    const rt = route(req.path, cluster, host);
    if (rt.kind === 'json') {
      if (method !== 'GET') throw err.methodNotAllowed();
      action = `get ${req.path}`;
      send(res, 200, rt.body);
      return;
    }
    const t = rt.target;
    const r = t.resource;
    const verb =
      method === 'GET'
        ? t.name === undefined
          ? q.watch === 'true' || q.watch === '1'
            ? 'watch'
            : 'list'
          : 'get'
        : method === 'POST'
          ? 'create'
          : method === 'PUT'
            ? 'update'
            : method === 'PATCH'
              ? 'patch'
              : method === 'DELETE'
                ? t.name === undefined
                  ? 'deletecollection'
                  : 'delete'
                : 'unknown';
    action = `${verb} ${r.name}${t.subresource ? `/${t.subresource}` : ''}`;
    const c = getC();
    const now = core.clock.now();
    const dryRun = q.dryRun === 'All';
    const work = dryRun ? structuredClone(c) : c;
    const write = <T>(f: () => T): T => {
      const out = f();
      if (!dryRun) {
        reconcileCluster(
          { accounts: core.registry.accounts(), ids: core.ids, now },
          account,
          cluster,
        );
        core.changed();
      }
      return out;
    };
    if (verb === 'get') {
      const o = getObject(c, storeRef(r), t.namespace, t.name ?? '');
      if (!o) throw notFound(r, t.name ?? '');
      send(res, 200, present(r, o));
      return;
    }
    if (verb === 'list') {
      send(res, 200, listBody(c, r, t, q));
      return;
    }
    if (verb === 'watch') {
      watch(core, getC, r, t, q, res);
      return;
    }
    const writable =
      r.writable && (t.subresource === undefined || r.kind === 'Service' || r.kind === 'Ingress');
    if (!writable || verb === 'deletecollection' || verb === 'unknown')
      throw err.methodNotAllowed();
    if (verb === 'create') {
      if (t.name !== undefined) throw err.methodNotAllowed();
      const o = write(() => doCreate(work, r, t, parseBody(req), now));
      status = 201;
      send(
        res,
        201,
        present(r, getObject(work, storeRef(r), o.metadata.namespace, o.metadata.name) ?? o),
      );
      return;
    }
    if (t.name === undefined) throw err.methodNotAllowed();
    if (verb === 'update') {
      const current = getObject(work, storeRef(r), t.namespace, t.name);
      if (!current) throw notFound(r, t.name);
      const next = prepareInput(r, t, parseBody(req), t.name);
      const o = write(() => doUpdate(work, r, t, next, current));
      send(res, 200, present(r, getObject(work, storeRef(r), t.namespace, t.name) ?? o));
      return;
    }
    if (verb === 'patch') {
      const out = write(() => doPatch(work, r, t, req, q, now));
      status = out.status;
      send(
        res,
        out.status,
        present(r, getObject(work, storeRef(r), t.namespace, t.name) ?? out.object),
      );
      return;
    }
    const job = r.kind === 'Job' ? getObject(work, storeRef(r), t.namespace, t.name) : undefined;
    const out = write(() => {
      const deleted = doDelete(work, r, t, req, now);
      if (job) onJobDeleted(work, job, q.propagationPolicy ?? deleteOptions(req).propagationPolicy);
      return deleted;
    });
    if ((out as KubeObject).metadata?.uid !== undefined && (out as KubeObject).kind !== 'Status') {
      const still = getObject(work, storeRef(r), t.namespace, t.name);
      send(res, 200, present(r, still ?? (out as KubeObject)));
    } else send(res, 200, out);
  } catch (e) {
    const ke =
      e instanceof KubeError
        ? e
        : new KubeError(
            500,
            'InternalError',
            `Internal error occurred: ${(e as Error).message}`,
            {},
          );
    if (!(e instanceof KubeError)) console.error('[cloud-sim] kubernetes api failed', e);
    status = ke.code;
    code = ke.reason;
    if (!res.headersSent) send(res, ke.code, statusBody(ke));
    else res.end();
  } finally {
    core.recorder.add({
      at: core.clock.now(),
      product: 'Kubernetes',
      action,
      method,
      path: req.path,
      params: { ...q, clusterId },
      accessKeyId,
      status,
      ...(code !== undefined ? { code } : {}),
    });
  }
}
