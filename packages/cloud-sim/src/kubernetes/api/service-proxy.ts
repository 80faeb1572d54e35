import type { ServerResponse } from 'node:http';
import { getObject, KubeError, listObjects, type ClusterObjects, type KubeObject } from '../store';

// The API server's service proxy, `/api/v1/namespaces/{ns}/services/[scheme:]{name}[:port]/proxy/{path}`:
// the request goes to one ready endpoint of the Service (a pod its selector picks whose Ready
// condition is True), or fails as the API server does: 404 for an unknown Service or port, 503
// "no endpoints available" when no pod is ready. What a pod answers is what its component
// serves; Dify's api answers `/health` as `ext_app_metrics` does.

export interface ServiceProxyTarget {
  namespace: string;
  service: string;
  port: string | undefined;
  path: string;
}

export function serviceProxyTarget(path: string): ServiceProxyTarget | undefined {
  const m = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)\/proxy(\/.*)?$/.exec(path);
  if (!m) return undefined;
  const parts = decodeURIComponent(m[2] ?? '').split(':');
  // `name`, `name:port`, `scheme:name:port` (scheme http or https).
  const [service = '', port] = parts.length === 3 ? [parts[1], parts[2]] : [parts[0], parts[1]];
  return { namespace: decodeURIComponent(m[1] ?? ''), service, port: port || undefined, path: m[3] ?? '/' };
}

function ready(pod: KubeObject): boolean {
  const conditions = ((pod.status ?? {}) as { conditions?: { type?: string; status?: string }[] }).conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** What a pod of this component answers on `path`. */
function podAnswer(pod: KubeObject, path: string): { status: number; contentType: string; body: string; headers?: Record<string, string> } {
  const labels = pod.metadata.labels ?? {};
  const image = ((((pod.spec ?? {}) as { containers?: { image?: string }[] }).containers ?? [])[0]?.image ?? '').split(':');
  const version = image.length > 1 ? (image[image.length - 1] ?? '') : '';
  if (labels.component === 'api' && path.split('?')[0] === '/health')
    return {
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ pid: 1, status: 'ok', version }),
      headers: { 'x-version': version, 'x-env': 'PRODUCTION' },
    };
  return {
    status: 404,
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
  };
}

export function serveServiceProxy(c: ClusterObjects, t: ServiceProxyTarget, res: ServerResponse): void {
  const svc = getObject(c, { apiVersion: 'v1', kind: 'Service' }, t.namespace, t.service);
  if (!svc) throw new KubeError(404, 'NotFound', `services "${t.service}" not found`, { name: t.service, kind: 'services' });
  const spec = (svc.spec ?? {}) as { selector?: Record<string, string>; ports?: { name?: string; port?: number }[] };
  const ports = spec.ports ?? [];
  const port = t.port === undefined ? ports[0] : ports.find((p) => p.name === t.port || String(p.port) === t.port);
  if (!port) throw new KubeError(503, 'ServiceUnavailable', `no service port "${t.port ?? ''}" found for service "${t.service}"`, {});
  const selector = spec.selector ?? {};
  const endpoints = Object.keys(selector).length === 0 ? [] : listObjects(c, { apiVersion: 'v1', kind: 'Pod' }, { namespace: t.namespace, labels: selector }).filter(ready);
  const pod = endpoints[0];
  if (!pod) throw new KubeError(503, 'ServiceUnavailable', `no endpoints available for service "${t.service}"`, {});
  const a = podAnswer(pod, t.path);
  res.writeHead(a.status, { 'content-type': a.contentType, 'content-length': Buffer.byteLength(a.body), ...(a.headers ?? {}) });
  res.end(a.body);
}
