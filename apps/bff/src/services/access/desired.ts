import type { IngressObject, MergePatch, SecretObject, ServiceObject } from '../../ports/access';

/**
 * What the access entry looks like in the cluster: names, the Dify-aware settings, and the
 * comparisons that make applying idempotent (nothing is written when the cluster already matches).
 */

export const NAMESPACE = 'dify-system';
export const SERVICE = 'ack-dify';
export const SERVICE_PORT = 80;
export const INGRESS = 'ack-dify-nginx';
export const INGRESS_CLASS = 'nginx';
export const TLS_SECRET = 'ack-dify-tls';
export const ADDON = 'nginx-ingress-controller';
export const CONTROLLER_NAMESPACE = 'kube-system';
export const CONTROLLER_SERVICE = 'nginx-ingress-lb';
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'dify-console' };

/** Alibaba Cloud Controller Manager annotations. */
export const CCM_PREFIX = 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-';
const LEGACY_CCM_PREFIX = 'service.beta.kubernetes.io/alicloud-loadbalancer-';
export const CCM_ADDRESS_TYPE = `${CCM_PREFIX}address-type`;
/**
 * Idle timeout of the CLB's TCP listener (10-900 s; the listener of a plain TCP Service port).
 * Set to its maximum: a streamed answer (SSE) that pauses while the model thinks or a tool runs
 * must not be cut by the load balancer. Dify's own nginx allows 3600 s; 900 is the CLB's ceiling.
 */
export const CCM_IDLE_TIMEOUT = `${CCM_PREFIX}established-timeout`;

export function loadBalancerAnnotations(addressType: 'internet' | 'intranet'): Record<string, string> {
  return { [CCM_ADDRESS_TYPE]: addressType, [CCM_IDLE_TIMEOUT]: '900' };
}

export const isCcmAnnotation = (key: string) => key.startsWith(CCM_PREFIX) || key.startsWith(LEGACY_CCM_PREFIX);

/** ingress-nginx annotations. */
export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';
export const INGRESS_ANNOTATIONS: Readonly<Record<string, string>> = {
  // Above Dify's file upload limit (15 MB), its plugin packages (50 MB) and video uploads (100 MB);
  // the same as the nginx of Dify's docker-compose. ingress-nginx's default 1m answers 413.
  [`${NGINX_PREFIX}proxy-body-size`]: '100m',
  // Server-sent events (streamed answers) must pass as they are written, not in one lump.
  [`${NGINX_PREFIX}proxy-buffering`]: 'off',
  // Long workflows and streamed answers outlast ingress-nginx's 60 s; Dify's own nginx uses 3600 s.
  [`${NGINX_PREFIX}proxy-read-timeout`]: '3600',
  [`${NGINX_PREFIX}proxy-send-timeout`]: '3600',
};

const pick = (all: Record<string, string> | undefined, test: (k: string) => boolean): Record<string, string> =>
  Object.fromEntries(Object.entries(all ?? {}).filter(([k]) => test(k)));

/** The load-balancer settings on the Service, as applied. */
export const serviceEntryAnnotations = (svc: ServiceObject) => pick(svc.metadata.annotations, isCcmAnnotation);
/** The Dify-aware ingress-nginx settings on the Ingress, as applied. */
export const ingressEntryAnnotations = (ing: IngressObject) => pick(ing.metadata.annotations, (k) => k.startsWith(NGINX_PREFIX));

const includes = (have: Record<string, string> | undefined, want: Record<string, string>) =>
  Object.entries(want).every(([k, v]) => have?.[k] === v);

export function serviceMatches(svc: ServiceObject, addressType: 'internet' | 'intranet'): boolean {
  return svc.spec.type === 'LoadBalancer' && includes(svc.metadata.annotations, loadBalancerAnnotations(addressType));
}

/** The merge patch that makes the Service a load balancer with the Dify-aware settings. */
export function loadBalancerPatch(addressType: 'internet' | 'intranet'): MergePatch {
  return { metadata: { annotations: loadBalancerAnnotations(addressType) }, spec: { type: 'LoadBalancer' } };
}

/** Back to ClusterIP, every load-balancer annotation removed (the CCM then releases the LB it made). */
export function clusterIpPatch(svc: ServiceObject): MergePatch {
  const remove: MergePatch = {};
  for (const k of Object.keys(serviceEntryAnnotations(svc))) remove[k] = null;
  return {
    metadata: Object.keys(remove).length > 0 ? { annotations: remove } : {},
    spec: { type: 'ClusterIP', loadBalancerClass: null, externalTrafficPolicy: null, allocateLoadBalancerNodePorts: null },
  };
}

export function desiredIngress(host: string, tls: boolean): Pick<IngressObject, 'spec'> & { annotations: Record<string, string> } {
  return {
    annotations: { ...INGRESS_ANNOTATIONS },
    spec: {
      ingressClassName: INGRESS_CLASS,
      rules: [
        {
          host,
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: SERVICE, port: { number: SERVICE_PORT } } } }] },
        },
      ],
      tls: tls ? [{ hosts: [host], secretName: TLS_SECRET }] : [],
    },
  };
}

/** The spec fields the entry owns, in a comparable form. */
function specKey(spec: IngressObject['spec']): string {
  return JSON.stringify({
    c: spec.ingressClassName ?? null,
    r: spec.rules.map((r) => ({
      h: r.host ?? null,
      p: (r.http?.paths ?? []).map((p) => [p.path, p.pathType, p.backend.service.name, p.backend.service.port.number ?? p.backend.service.port.name ?? null]),
    })),
    t: spec.tls.map((t) => [t.hosts, t.secretName ?? null]),
  });
}

export function ingressMatches(current: IngressObject, want: ReturnType<typeof desiredIngress>): boolean {
  return specKey(current.spec) === specKey(want.spec) && includes(current.metadata.annotations, want.annotations);
}

/** The Ingress to create, or to replace `current` with (its other annotations and labels kept). */
export function ingressBody(want: ReturnType<typeof desiredIngress>, current: IngressObject | null): IngressObject {
  return {
    metadata: {
      name: INGRESS,
      namespace: NAMESPACE,
      ...(current?.metadata.resourceVersion ? { resourceVersion: current.metadata.resourceVersion } : {}),
      annotations: { ...current?.metadata.annotations, ...want.annotations },
      labels: { ...current?.metadata.labels, ...MANAGED_BY },
    },
    spec: want.spec,
    status: { loadBalancer: { ingress: [] } },
  };
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export function tlsSecret(certificatePem: string, privateKeyPem: string, current: SecretObject | null): SecretObject {
  return {
    metadata: {
      name: TLS_SECRET,
      namespace: NAMESPACE,
      ...(current?.metadata.resourceVersion ? { resourceVersion: current.metadata.resourceVersion } : {}),
      labels: { ...current?.metadata.labels, ...MANAGED_BY },
    },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': b64(certificatePem), 'tls.key': b64(privateKeyPem) },
  };
}

export function secretMatches(current: SecretObject, want: SecretObject): boolean {
  return current.type === want.type && current.data['tls.crt'] === want.data['tls.crt'] && current.data['tls.key'] === want.data['tls.key'];
}
