import { createHash } from 'node:crypto';
import {
  allocateClusterIp,
  groupOf,
  KubeError,
  listObjects,
  type ClusterObjects,
  type KubeObject,
} from '../store';
import { admitJob } from '../jobs';

// Defaulting and validation of the API server for the kinds the console writes: Service
// (ClusterIP allocation and immutability, node ports, type-dependent fields),
// Ingress (pathType required, backends), IngressClass, Secret (`kubernetes.io/tls`), names.

type Obj = Record<string, unknown>;

interface Cause {
  type:
    | 'FieldValueRequired'
    | 'FieldValueInvalid'
    | 'FieldValueForbidden'
    | 'FieldValueNotSupported'
    | 'FieldValueDuplicate';
  field: string;
  message: string;
}

function q(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v ?? null);
}

const cause = {
  required: (field: string, detail = ''): Cause => ({
    type: 'FieldValueRequired',
    field,
    message: `Required value${detail ? `: ${detail}` : ''}`,
  }),
  invalid: (field: string, value: unknown, detail: string): Cause => ({
    type: 'FieldValueInvalid',
    field,
    message: `Invalid value: ${q(value)}: ${detail}`,
  }),
  forbidden: (field: string, detail: string): Cause => ({
    type: 'FieldValueForbidden',
    field,
    message: `Forbidden: ${detail}`,
  }),
  notSupported: (field: string, value: unknown, supported: string[]): Cause => ({
    type: 'FieldValueNotSupported',
    field,
    message: `Unsupported value: ${q(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
  }),
  duplicate: (field: string, value: unknown): Cause => ({
    type: 'FieldValueDuplicate',
    field,
    message: `Duplicate value: ${q(value)}`,
  }),
};

export function invalidError(
  o: { apiVersion: string; kind: string; name: string },
  causes: Cause[],
): KubeError {
  const parts = causes.map((c) => `${c.field}: ${c.message}`);
  const joined = parts.length === 1 ? (parts[0] ?? '') : `[${parts.join(', ')}]`;
  const group = groupOf(o.apiVersion);
  return new KubeError(422, 'Invalid', `${o.kind} "${o.name}" is invalid: ${joined}`, {
    name: o.name,
    ...(group !== '' ? { group } : {}),
    kind: o.kind,
    causes: causes.map((c) => ({ reason: c.type, message: c.message, field: c.field })),
  });
}

function obj(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function nameCauses(kind: string, name: string): Cause[] {
  if (kind === 'Service') {
    if (name.length > 63 || !DNS1035_LABEL.test(name))
      return [
        cause.invalid(
          'metadata.name',
          name,
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        ),
      ];
    return [];
  }
  if (kind === 'Namespace') {
    if (name.length > 63 || !DNS1123_LABEL.test(name))
      return [
        cause.invalid(
          'metadata.name',
          name,
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        ),
      ];
    return [];
  }
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name))
    return [
      cause.invalid(
        'metadata.name',
        name,
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ),
    ];
  return [];
}

function metaCauses(o: KubeObject): Cause[] {
  const out: Cause[] = [];
  for (const field of ['labels', 'annotations'] as const) {
    const m = o.metadata[field] as unknown;
    if (m === undefined || m === null) continue;
    const map = obj(m);
    if (!map) {
      out.push(cause.invalid(`metadata.${field}`, m, 'must be a map of strings'));
      continue;
    }
    for (const [k, v] of Object.entries(map))
      if (typeof v !== 'string')
        out.push(cause.invalid(`metadata.${field}.${k}`, v, 'must be a string'));
  }
  return out;
}

// --- Service -------------------------------------------------------------------------------------

const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

function usedNodePorts(c: ClusterObjects, exceptUid: string | undefined): Set<number> {
  const used = new Set<number>();
  for (const s of listObjects(c, { apiVersion: 'v1', kind: 'Service' })) {
    if (s.metadata.uid === exceptUid) continue;
    const spec = obj(s.spec) ?? {};
    for (const p of (spec.ports as Obj[] | undefined) ?? [])
      if (typeof p.nodePort === 'number') used.add(p.nodePort);
    if (typeof spec.healthCheckNodePort === 'number') used.add(spec.healthCheckNodePort);
  }
  return used;
}

function allocateNodePort(used: Set<number>, seed: string): number {
  const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const start = createHash('sha256').update(seed).digest().readUInt32BE(0) % span;
  for (let i = 0; i < span; i++) {
    const p = NODE_PORT_MIN + ((start + i) % span);
    if (!used.has(p)) {
      used.add(p);
      return p;
    }
  }
  throw new KubeError(500, 'InternalError', 'range is full', {});
}

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

function admitService(c: ClusterObjects, o: KubeObject, old: KubeObject | undefined): Cause[] {
  const causes: Cause[] = [];
  const spec: Obj = obj(o.spec) ?? {};
  o.spec = spec;
  const oldSpec: Obj = obj(old?.spec) ?? {};
  spec.type ??= 'ClusterIP';
  const type = spec.type as string;
  if (!SERVICE_TYPES.includes(type)) {
    causes.push(cause.notSupported('spec.type', type, SERVICE_TYPES));
    return causes;
  }
  const oldType = old ? ((oldSpec.type as string | undefined) ?? 'ClusterIP') : undefined;
  const wasLb = oldType === 'LoadBalancer';
  const isLb = type === 'LoadBalancer';
  const nodePorts = type === 'NodePort' || isLb;

  // Type-dependent fields the user did not change go when the type no longer needs them.
  if (old && oldType !== type) {
    const same = (k: string) => JSON.stringify(spec[k]) === JSON.stringify(oldSpec[k]);
    if (!isLb) {
      if (same('loadBalancerClass')) delete spec.loadBalancerClass;
      if (same('allocateLoadBalancerNodePorts')) delete spec.allocateLoadBalancerNodePorts;
      if (same('healthCheckNodePort')) delete spec.healthCheckNodePort;
    }
    if (!nodePorts) {
      if (same('externalTrafficPolicy')) delete spec.externalTrafficPolicy;
      const oldPorts = (oldSpec.ports as Obj[] | undefined) ?? [];
      for (const p of (spec.ports as Obj[] | undefined) ?? []) {
        const was = oldPorts.find((x) => x.port === p.port);
        if (was && was.nodePort === p.nodePort) delete p.nodePort;
      }
    }
  }

  // Ports.
  if (type !== 'ExternalName') {
    const ports = spec.ports;
    if (!Array.isArray(ports) || ports.length === 0) causes.push(cause.required('spec.ports'));
    else {
      const names = new Set<string>();
      const oldPorts = (oldSpec.ports as Obj[] | undefined) ?? [];
      const used = nodePorts ? usedNodePorts(c, o.metadata.uid || undefined) : new Set<number>();
      ports.forEach((raw: unknown, i: number) => {
        const p = obj(raw);
        const f = `spec.ports[${i}]`;
        if (!p) {
          causes.push(cause.invalid(f, raw, 'must be an object'));
          return;
        }
        if (typeof p.port !== 'number' || !Number.isInteger(p.port) || p.port < 1 || p.port > 65535)
          causes.push(cause.invalid(`${f}.port`, p.port, 'must be between 1 and 65535, inclusive'));
        p.protocol ??= 'TCP';
        if (!['TCP', 'UDP', 'SCTP'].includes(p.protocol as string))
          causes.push(cause.notSupported(`${f}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
        p.targetPort ??= p.port;
        if (ports.length > 1) {
          if (typeof p.name !== 'string' || p.name === '') causes.push(cause.required(`${f}.name`));
          else if (names.has(p.name)) causes.push(cause.duplicate(`${f}.name`, p.name));
          else names.add(p.name);
        }
        if (nodePorts) {
          if (p.nodePort === undefined || p.nodePort === 0 || p.nodePort === null) {
            const was = oldPorts.find((x) => x.port === p.port && typeof x.nodePort === 'number');
            if (was && !used.has(was.nodePort as number)) {
              p.nodePort = was.nodePort;
              used.add(was.nodePort as number);
            } else if (isLb && spec.allocateLoadBalancerNodePorts === false) delete p.nodePort;
            else
              p.nodePort = allocateNodePort(
                used,
                `${o.metadata.namespace}/${o.metadata.name}/${i}`,
              );
          } else if (
            typeof p.nodePort !== 'number' ||
            p.nodePort < NODE_PORT_MIN ||
            p.nodePort > NODE_PORT_MAX
          )
            causes.push(
              cause.invalid(
                `${f}.nodePort`,
                p.nodePort,
                `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
              ),
            );
          else if (used.has(p.nodePort) && !oldPorts.some((x) => x.nodePort === p.nodePort))
            causes.push(
              cause.invalid(`${f}.nodePort`, p.nodePort, 'provided port is already allocated'),
            );
          else used.add(p.nodePort);
        } else if (p.nodePort !== undefined && p.nodePort !== 0)
          causes.push(
            cause.forbidden(`${f}.nodePort`, "may not be used when `type` is 'ClusterIP'"),
          );
      });
    }
  }

  // ClusterIP: allocated once, then immutable.
  if (type !== 'ExternalName') {
    const oldIp = oldSpec.clusterIP as string | undefined;
    if (old && oldIp !== undefined && oldIp !== '') {
      if (spec.clusterIP === undefined || spec.clusterIP === '') spec.clusterIP = oldIp;
      else if (spec.clusterIP !== oldIp)
        causes.push(cause.invalid('spec.clusterIP', spec.clusterIP, 'field is immutable'));
      if (spec.clusterIPs === undefined) spec.clusterIPs = oldSpec.clusterIPs;
    } else if (spec.clusterIP === undefined || spec.clusterIP === '')
      spec.clusterIP = allocateClusterIp(c);
    if (
      spec.clusterIPs === undefined ||
      (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length === 0)
    )
      spec.clusterIPs = [spec.clusterIP];
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
    spec.internalTrafficPolicy ??= 'Cluster';
  }
  spec.sessionAffinity ??= 'None';

  if (nodePorts) spec.externalTrafficPolicy ??= 'Cluster';
  if (isLb) spec.allocateLoadBalancerNodePorts ??= true;
  if (isLb && spec.externalTrafficPolicy === 'Local' && spec.healthCheckNodePort === undefined) {
    spec.healthCheckNodePort =
      oldSpec.healthCheckNodePort ??
      allocateNodePort(usedNodePorts(c, o.metadata.uid || undefined), `${o.metadata.name}/hc`);
  }

  // loadBalancerClass (Kubernetes validation).
  if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass !== null) {
    if (!isLb)
      causes.push(
        cause.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"),
      );
    else if (wasLb && oldSpec.loadBalancerClass !== spec.loadBalancerClass)
      causes.push(
        cause.invalid('spec.loadBalancerClass', spec.loadBalancerClass, 'may not change once set'),
      );
  } else if (isLb && wasLb && oldSpec.loadBalancerClass !== undefined)
    causes.push(cause.invalid('spec.loadBalancerClass', null, 'may not change once set'));

  // Status: the API server owns it on the main resource; leaving LoadBalancer clears it.
  if (!isLb) o.status = { loadBalancer: {} };
  else o.status = old ? (old.status ?? { loadBalancer: {} }) : { loadBalancer: {} };
  return causes;
}

// --- Ingress / IngressClass ----------------------------------------------------------------------

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function backendCauses(b: unknown, f: string): Cause[] {
  const be = obj(b);
  if (!be) return [cause.required(f)];
  const svc = obj(be.service);
  if (!svc) {
    if (obj(be.resource)) return [];
    return [cause.invalid(f, b, 'one backend (`service` or `resource`) must be specified')];
  }
  const out: Cause[] = [];
  if (typeof svc.name !== 'string' || svc.name === '')
    out.push(cause.required(`${f}.service.name`));
  const port = obj(svc.port);
  const hasNum = port && typeof port.number === 'number' && port.number > 0;
  const hasName = port && typeof port.name === 'string' && port.name !== '';
  if (!port || (!hasNum && !hasName))
    out.push(cause.required(`${f}.service.port`, 'port name or number is required'));
  else if (hasNum && hasName)
    out.push(cause.invalid(`${f}.service.port`, port, 'cannot set both port name & port number'));
  return out;
}

function admitIngress(o: KubeObject, old: KubeObject | undefined): Cause[] {
  const causes: Cause[] = [];
  const spec: Obj = obj(o.spec) ?? {};
  o.spec = spec;
  const rules = spec.rules;
  if (spec.defaultBackend === undefined && (!Array.isArray(rules) || rules.length === 0))
    causes.push(
      cause.invalid('spec', spec, 'either `defaultBackend` or `rules` must be specified'),
    );
  if (spec.defaultBackend !== undefined)
    causes.push(...backendCauses(spec.defaultBackend, 'spec.defaultBackend'));
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) {
    const n = spec.ingressClassName;
    if (typeof n !== 'string' || !DNS1123_SUBDOMAIN.test(n))
      causes.push(
        cause.invalid(
          'spec.ingressClassName',
          n,
          'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters',
        ),
      );
  }
  (Array.isArray(rules) ? rules : []).forEach((raw: unknown, i: number) => {
    const r = obj(raw) ?? {};
    const f = `spec.rules[${i}]`;
    if (r.host !== undefined && r.host !== '') {
      const h = typeof r.host === 'string' ? r.host : JSON.stringify(r.host);
      if (/^\d+\.\d+\.\d+\.\d+$/.test(h))
        causes.push(cause.invalid(`${f}.host`, h, 'must be a DNS name, not an IP address'));
      else if (!DNS1123_SUBDOMAIN.test(h.startsWith('*.') ? h.slice(2) : h))
        causes.push(
          cause.invalid(
            `${f}.host`,
            h,
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
          ),
        );
    }
    const http = obj(r.http);
    if (!http) return;
    const paths = http.paths;
    if (!Array.isArray(paths) || paths.length === 0) {
      causes.push(cause.required(`${f}.http.paths`));
      return;
    }
    paths.forEach((praw: unknown, j: number) => {
      const p = obj(praw) ?? {};
      const pf = `${f}.http.paths[${j}]`;
      if (p.pathType === undefined || p.pathType === '')
        causes.push(cause.required(`${pf}.pathType`, 'pathType must be specified'));
      else if (!PATH_TYPES.includes(p.pathType as string))
        causes.push(cause.notSupported(`${pf}.pathType`, p.pathType, PATH_TYPES));
      else if (
        p.pathType !== 'ImplementationSpecific' &&
        !(typeof p.path === 'string' ? p.path : '').startsWith('/')
      )
        causes.push(cause.invalid(`${pf}.path`, p.path ?? '', 'must be an absolute path'));
      causes.push(...backendCauses(p.backend, `${pf}.backend`));
    });
  });
  (Array.isArray(spec.tls) ? spec.tls : []).forEach((raw: unknown, i: number) => {
    const t = obj(raw);
    if (!t) causes.push(cause.invalid(`spec.tls[${i}]`, raw, 'must be an object'));
  });
  o.status = old ? (old.status ?? { loadBalancer: {} }) : { loadBalancer: {} };
  return causes;
}

function admitIngressClass(o: KubeObject, old: KubeObject | undefined): Cause[] {
  const spec: Obj = obj(o.spec) ?? {};
  o.spec = spec;
  const ctl = spec.controller;
  if (typeof ctl !== 'string' || ctl === '') return [cause.required('spec.controller')];
  if (!/^[a-z0-9.-]+\/[\w./-]+$/.test(ctl))
    return [
      cause.invalid(
        'spec.controller',
        ctl,
        'must be a domain-prefixed path (such as "acme.io/foo")',
      ),
    ];
  if (old && obj(old.spec)?.controller !== ctl)
    return [cause.invalid('spec.controller', ctl, 'field is immutable')];
  return [];
}

// --- Secret / ConfigMap / Namespace --------------------------------------------------------------

function admitSecret(o: KubeObject, old: KubeObject | undefined): Cause[] {
  const causes: Cause[] = [];
  o.type ??= 'Opaque';
  const data: Obj = obj(o.data) ?? {};
  const stringData = obj(o.stringData);
  if (stringData) {
    for (const [k, v] of Object.entries(stringData))
      data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    delete o.stringData;
  }
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v))
      throw new KubeError(
        400,
        'BadRequest',
        `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 0 (data[${k}])`,
        {},
      );
    if (!/^[-._a-zA-Z0-9]+$/.test(k))
      causes.push(
        cause.invalid(
          `data[${k}]`,
          k,
          "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        ),
      );
  }
  if (Object.keys(data).length > 0 || o.data !== undefined) o.data = data;
  if (o.type === 'kubernetes.io/tls') {
    if (data['tls.crt'] === undefined) causes.push(cause.required('data[tls.crt]'));
    if (data['tls.key'] === undefined) causes.push(cause.required('data[tls.key]'));
  }
  if (old && old.type !== o.type) causes.push(cause.invalid('type', o.type, 'field is immutable'));
  return causes;
}

function admitNamespace(o: KubeObject, old: KubeObject | undefined): Cause[] {
  o.metadata.labels = {
    ...(o.metadata.labels ?? {}),
    'kubernetes.io/metadata.name': o.metadata.name,
  };
  o.spec = obj(o.spec) ?? { finalizers: ['kubernetes'] };
  o.status = old?.status ?? { phase: 'Active' };
  return [];
}

/**
 * Defaults and validates `o` (mutated in place) as a create (`old` undefined) or an update of the
 * main resource; throws 422 Invalid with the causes.
 */
export function admit(c: ClusterObjects, o: KubeObject, old: KubeObject | undefined): void {
  const causes: Cause[] = [];
  if (!old) causes.push(...nameCauses(o.kind, o.metadata.name));
  causes.push(...metaCauses(o));
  switch (o.kind) {
    case 'Service':
      causes.push(...admitService(c, o, old));
      break;
    case 'Ingress':
      causes.push(...admitIngress(o, old));
      break;
    case 'IngressClass':
      causes.push(...admitIngressClass(o, old));
      break;
    case 'Secret':
      causes.push(...admitSecret(o, old));
      break;
    case 'Namespace':
      causes.push(...admitNamespace(o, old));
      break;
    case 'Job':
      if (!old)
        causes.push(
          ...admitJob(o).map((x) =>
            x.kind === 'required'
              ? cause.required(x.field, x.detail)
              : x.kind === 'invalid'
                ? cause.invalid(x.field, x.value, x.detail)
                : cause.notSupported(x.field, x.value, x.supported),
          ),
        );
      break;
    default:
      break;
  }
  if (causes.length > 0)
    throw invalidError({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name }, causes);
}
