import { randomUUID } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';
import { clusterObjects } from '../kubernetes/cluster';
import { ingressClassOf, INGRESS_NS, INGRESS_SVC } from '../kubernetes/ingress-addon';
import { getObject, listObjects, type ClusterObjects, type KubeObject } from '../kubernetes/store';
import { CS_STORE, type ClusterRecord } from '../products/cs/model';
import { LB_STORE, type LoadBalancerRecord } from '../products/slb/model';
import type { SimCore } from '../sim-core';
import type { AccountState } from '../state/registry';

// The stand-in for what answers on a load balancer's address: for the LB of Service
// dify-system/ack-dify, Dify's own nginx proxy; for the LB of kube-system/nginx-ingress-lb,
// ingress-nginx routing by Host and the Ingress rules of class `nginx` (then Dify's nginx when the
// backend is `ack-dify`). Only a Dify that is actually deployed (Service ack-dify, proxy pods ready)
// answers; otherwise 503 as a backend without endpoints. Every LB address gets the same HTTP port
// (`edgePort`) and, for Ingress hosts with TLS, an HTTPS port (`edgeTlsPort`) serving the
// Ingress's Secret by SNI. Timeouts run on simulated time (a 60 s read timeout is 60 ms of wall
// time at speed 1000).

type Obj = Record<string, unknown>;

/** One proxy hop: its limits. */
interface Hop {
  name: 'ingress-nginx' | 'dify-nginx';
  bodyLimit: number;
  buffering: boolean;
  readTimeoutS: number;
}

const DIFY_NS = 'dify-system';
const DIFY_SVC = 'ack-dify';
/** Dify's own nginx (chart `proxy.clientMaxBodySize` 15m, proxy_buffering off, read timeout 3600 s). */
const DIFY_NGINX: Hop = {
  name: 'dify-nginx',
  bodyLimit: 15 * 1024 * 1024,
  buffering: false,
  readTimeoutS: 3600,
};
/** ingress-nginx defaults the local cloud assumes (proxy-buffering default: see the report). */
export const INGRESS_DEFAULTS = { bodySize: '1m', buffering: 'on', readTimeoutS: 60 } as const;

export function parseSize(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$/i.exec(v);
  if (!m?.[1]) return undefined;
  const n = Number(m[1]);
  if (n === 0) return Infinity;
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Math.floor(n * mult);
}

function nginxPage(code: number, text: string): string {
  return `<html>\r\n<head><title>${code} ${text}</title></head>\r\n<body>\r\n<center><h1>${code} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

const INSTALL_PAGE = `<!DOCTYPE html><html lang="en-US"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>Dify</title></head><body><main data-testid="dify-install"><h2>Setting up an admin account</h2><p>Admin account has the full permissions of Dify.</p><form method="post" action="/console/api/setup"><label>Email address<input name="email" type="email"/></label><label>Username<input name="name"/></label><label>Password<input name="password" type="password"/></label><button type="submit">Set up</button></form></main></body></html>`;
const APP_SHELL = `<!DOCTYPE html><html lang="en-US"><head><meta charSet="utf-8"/><title>Dify</title></head><body><div id="__next"></div></body></html>`;

type Entry =
  | { kind: 'error'; status: number; text: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'dify'; hops: Hop[]; viaProxy: boolean; c: ClusterObjects };

interface Located {
  account: AccountState;
  lb: LoadBalancerRecord;
  cluster: ClusterRecord;
}

function ready(c: ClusterObjects, name: string): boolean {
  const d = getObject(c, { apiVersion: 'apps/v1', kind: 'Deployment' }, DIFY_NS, name);
  const st = (d?.status ?? {}) as Obj;
  return typeof st.readyReplicas === 'number' && st.readyReplicas > 0;
}

function difyDeployed(c: ClusterObjects): boolean {
  return (
    getObject(c, { apiVersion: 'v1', kind: 'Service' }, DIFY_NS, DIFY_SVC) !== undefined &&
    ready(c, 'ack-dify-proxy')
  );
}

function ingressHop(c: ClusterObjects, ing: KubeObject): Hop {
  const cm = (getObject(
    c,
    { apiVersion: 'v1', kind: 'ConfigMap' },
    INGRESS_NS,
    'nginx-configuration',
  )?.data ?? {}) as Record<string, string>;
  const a = ing.metadata.annotations ?? {};
  const pick = (k: string) => a[`nginx.ingress.kubernetes.io/${k}`] ?? cm[k];
  return {
    name: 'ingress-nginx',
    bodyLimit:
      parseSize(pick('proxy-body-size')) ?? (parseSize(INGRESS_DEFAULTS.bodySize) as number),
    buffering: (pick('proxy-buffering') ?? INGRESS_DEFAULTS.buffering) !== 'off',
    readTimeoutS:
      Number(pick('proxy-read-timeout') ?? INGRESS_DEFAULTS.readTimeoutS) ||
      INGRESS_DEFAULTS.readTimeoutS,
  };
}

interface RuleMatch {
  ing: KubeObject;
  backend: Obj;
  tls: boolean;
}

function hostMatches(ruleHost: string | undefined, host: string): number {
  if (ruleHost === undefined || ruleHost === '') return 1;
  if (ruleHost === host) return 3;
  if (ruleHost.startsWith('*.')) {
    const rest = ruleHost.slice(1);
    if (host.endsWith(rest) && !host.slice(0, -rest.length).includes('.')) return 2;
  }
  return 0;
}

function pathMatches(type: string, rulePath: string, path: string): boolean {
  if (type === 'Exact') return path === rulePath;
  if (type === 'Prefix') {
    const p = rulePath.replace(/\/+$/, '');
    return p === '' || path === p || path.startsWith(`${p}/`);
  }
  return path.startsWith(rulePath || '/');
}

function hasTls(ing: KubeObject, host: string): string | undefined {
  for (const t of ((ing.spec as Obj | undefined)?.tls as Obj[] | undefined) ?? []) {
    const hosts = (t.hosts as string[] | undefined) ?? [];
    if (hosts.some((h) => hostMatches(h, host) >= 2) && typeof t.secretName === 'string')
      return t.secretName;
  }
  return undefined;
}

/** ingress-nginx's choice: the most specific host, then the longest matching path. */
export function matchIngress(c: ClusterObjects, host: string, path: string): RuleMatch | undefined {
  let best: { score: number; len: number; m: RuleMatch } | undefined;
  for (const ing of listObjects(c, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' })) {
    if (ingressClassOf(ing) !== 'nginx') continue;
    const spec = (ing.spec ?? {}) as Obj;
    for (const rule of (spec.rules as Obj[] | undefined) ?? []) {
      const score = hostMatches(rule.host as string | undefined, host);
      if (score === 0) continue;
      for (const p of ((rule.http as Obj | undefined)?.paths as Obj[] | undefined) ?? []) {
        const rp = (p.path as string | undefined) ?? '/';
        if (!pathMatches((p.pathType as string | undefined) ?? 'Prefix', rp, path)) continue;
        if (!best || score > best.score || (score === best.score && rp.length > best.len))
          best = {
            score,
            len: rp.length,
            m: { ing, backend: (p.backend ?? {}) as Obj, tls: hasTls(ing, host) !== undefined },
          };
      }
    }
  }
  return best?.m;
}

/** Every load balancer of every account, with where it lives. */
export function lbEntries(core: SimCore): Located[] {
  const out: Located[] = [];
  for (const account of core.registry.accounts())
    for (const [region, s] of account.stores(LB_STORE))
      for (const lb of s.loadBalancers.values()) {
        const cluster = account.store(region, CS_STORE).clusters.get(lb.owner.clusterId);
        if (cluster) out.push({ account, lb, cluster });
      }
  return out;
}

/** What `GET /_sim/edge` shows: every entry address, with the Ingress hosts routed through it. */
export function describeEdge(core: SimCore): Record<string, unknown> {
  const { edgePort, edgeTlsPort, dns } = core.network;
  const entries = lbEntries(core).map(({ account, lb, cluster }) => {
    const c = clusterObjects(account, cluster);
    const isIngress = lb.owner.namespace === INGRESS_NS && lb.owner.name === INGRESS_SVC;
    const hosts = new Set<string>();
    if (isIngress)
      for (const ing of listObjects(c, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }))
        if (ingressClassOf(ing) === 'nginx')
          for (const r of ((ing.spec as Obj | undefined)?.rules as Obj[] | undefined) ?? [])
            if (typeof r.host === 'string' && r.host !== '' && !r.host.startsWith('*.'))
              hosts.add(r.host);
    return {
      address: lb.Address,
      ...(lb.DNSName !== undefined ? { hostname: lb.DNSName } : {}),
      loadBalancerId: lb.LoadBalancerId,
      type: lb.kind,
      addressType: lb.AddressType,
      accessKeyId: account.accessKeyId,
      regionId: lb.RegionId,
      clusterId: cluster.cluster_id,
      service: `${lb.owner.namespace}/${lb.owner.name}`,
      entry: isIngress ? 'ingress' : 'loadbalancer',
      difyDeployed: difyDeployed(c),
      ingressHosts: [...hosts].sort(),
      url: `http://${lb.DNSName ?? lb.Address}:${edgePort}/install`,
    };
  });
  const rules = entries.flatMap((e) => [
    ...(e.hostname !== undefined ? [`MAP ${e.hostname} ${e.address}`] : []),
    ...e.ingressHosts.map((h) => `MAP ${h} ${e.address}`),
  ]);
  return { edgePort, edgeTlsPort, dns, entries, hostResolverRules: rules.join(', ') };
}

export class Edge {
  readonly httpPort: number;
  readonly tlsPort: number;
  private readonly core: SimCore;
  private readonly bound = new Map<string, NetServer[]>();
  private readonly addressOf = new WeakMap<Socket, string>();
  private readonly http = createHttpServer((req, res) => {
    void this.handle(req, res).catch((e: unknown) => {
      console.error('[cloud-sim] edge request failed', e);
      if (!res.headersSent) res.writeHead(502).end(nginxPage(502, 'Bad Gateway'));
      else res.destroy();
    });
  });
  private readonly sockets = new Set<Socket>();

  constructor(core: SimCore, httpPort: number, tlsPort: number) {
    this.core = core;
    this.httpPort = httpPort;
    this.tlsPort = tlsPort;
    this.http.keepAliveTimeout = 5_000;
  }

  entries(): Located[] {
    return lbEntries(this.core);
  }

  /** The address of an NLB DNS name (for the DNS server). */
  resolve(name: string): string | undefined {
    for (const e of this.entries()) if (e.lb.DNSName?.toLowerCase() === name) return e.lb.Address;
    return undefined;
  }

  /** Binds the addresses of new load balancers and lets go of released ones. */
  sync(): void {
    const want = new Set(this.entries().map((e) => e.lb.Address));
    for (const [addr, servers] of this.bound)
      if (!want.has(addr)) {
        for (const s of servers) s.close();
        this.bound.delete(addr);
      }
    for (const addr of want) {
      if (this.bound.has(addr)) continue;
      const plain = createNetServer((socket) => this.accept(socket, addr));
      const secure = createNetServer((socket) => {
        const tlsSocket = new TLSSocket(socket, {
          isServer: true,
          SNICallback: (servername, cb) => {
            const ctx = this.contextFor(addr, servername);
            if (ctx) cb(null, ctx);
            else cb(new Error(`no certificate for ${servername}`));
          },
        });
        tlsSocket.on('error', () => tlsSocket.destroy());
        this.accept(tlsSocket, addr);
      });
      for (const [server, port] of [
        [plain, this.httpPort],
        [secure, this.tlsPort],
      ] as const) {
        server.on('error', (e) =>
          console.error(`[cloud-sim] edge cannot listen on ${addr}:${port}`, e),
        );
        server.listen(port, addr);
      }
      this.bound.set(addr, [plain, secure]);
    }
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all(
      [...this.bound.values()].flat().map((s) => new Promise<void>((ok) => s.close(() => ok()))),
    );
    this.bound.clear();
    this.http.close();
  }

  private accept(socket: Socket, addr: string): void {
    this.addressOf.set(socket, addr);
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    this.http.emit('connection', socket);
  }

  private locate(addr: string): Located | undefined {
    return this.entries().find((e) => e.lb.Address === addr);
  }

  private contextFor(addr: string, servername: string): SecureContext | undefined {
    const at = this.locate(addr);
    if (!at || at.lb.owner.namespace !== INGRESS_NS || at.lb.owner.name !== INGRESS_SVC)
      return undefined;
    const c = clusterObjects(at.account, at.cluster);
    const host = servername.toLowerCase();
    for (const ing of listObjects(c, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' })) {
      if (ingressClassOf(ing) !== 'nginx') continue;
      const secretName = hasTls(ing, host);
      if (!secretName) continue;
      const secret = getObject(
        c,
        { apiVersion: 'v1', kind: 'Secret' },
        ing.metadata.namespace,
        secretName,
      );
      const data = (secret?.data ?? {}) as Record<string, string>;
      if (!data['tls.crt'] || !data['tls.key']) continue;
      try {
        return createSecureContext({
          cert: Buffer.from(data['tls.crt'], 'base64'),
          key: Buffer.from(data['tls.key'], 'base64'),
        });
      } catch {
        continue;
      }
    }
    return undefined;
  }

  private entryFor(addr: string, host: string, path: string, secure: boolean): Entry {
    this.core.tick();
    const at = this.locate(addr);
    if (!at) return { kind: 'error', status: 503, text: 'Service Temporarily Unavailable' };
    const c = clusterObjects(at.account, at.cluster);
    const { namespace, name } = at.lb.owner;
    if (namespace === INGRESS_NS && name === INGRESS_SVC) {
      const m = matchIngress(c, host, path);
      if (!m) return { kind: 'error', status: 404, text: 'Not Found' };
      const a = m.ing.metadata.annotations ?? {};
      if (!secure && m.tls && a['nginx.ingress.kubernetes.io/ssl-redirect'] !== 'false')
        return {
          kind: 'redirect',
          location: `https://${host}${this.tlsPort === 443 ? '' : `:${this.tlsPort}`}${path}`,
        };
      const svc = ((m.backend.service ?? {}) as Obj).name as string | undefined;
      const ns = m.ing.metadata.namespace;
      const backend = svc
        ? getObject(c, { apiVersion: 'v1', kind: 'Service' }, ns, svc)
        : undefined;
      if (!backend || ns !== DIFY_NS || !svc?.startsWith(DIFY_SVC) || !difyDeployed(c))
        return { kind: 'error', status: 503, text: 'Service Temporarily Unavailable' };
      const hop = ingressHop(c, m.ing);
      return svc === DIFY_SVC
        ? { kind: 'dify', hops: [hop, DIFY_NGINX], viaProxy: true, c }
        : { kind: 'dify', hops: [hop], viaProxy: false, c };
    }
    if (namespace === DIFY_NS && name.startsWith(DIFY_SVC) && difyDeployed(c))
      return name === DIFY_SVC
        ? { kind: 'dify', hops: [DIFY_NGINX], viaProxy: true, c }
        : { kind: 'dify', hops: [], viaProxy: false, c };
    return { kind: 'error', status: 503, text: 'Service Temporarily Unavailable' };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const addr = this.addressOf.get(req.socket) ?? '';
    const secure = req.socket instanceof TLSSocket;
    const host = (req.headers.host ?? addr)
      .replace(/:\d+$/, '')
      .replace(/^\[|\]$/g, '')
      .toLowerCase();
    const url = new URL(req.url ?? '/', 'http://edge');
    const entry = this.entryFor(addr, host, url.pathname, secure);
    res.setHeader('server', 'nginx');
    if (entry.kind === 'error') {
      await drain(req);
      res
        .writeHead(entry.status, { 'content-type': 'text/html' })
        .end(nginxPage(entry.status, entry.text));
      return;
    }
    if (entry.kind === 'redirect') {
      await drain(req);
      res
        .writeHead(308, { location: entry.location, 'content-type': 'text/html' })
        .end(nginxPage(308, 'Permanent Redirect'));
      return;
    }
    const limit = Math.min(Infinity, ...entry.hops.map((h) => h.bodyLimit));
    const declared = Number(req.headers['content-length'] ?? 0);
    const size = await drain(req);
    if (declared > limit || size > limit) {
      res
        .writeHead(413, { 'content-type': 'text/html', connection: 'close' })
        .end(nginxPage(413, 'Request Entity Too Large'));
      return;
    }
    const path = url.pathname;
    const apiPath = /^\/(console\/api|api|v1|files|mcp)(\/|$)/.test(path);
    if (apiPath && !ready(entry.c, 'ack-dify-api')) {
      res.writeHead(502, { 'content-type': 'text/html' }).end(nginxPage(502, 'Bad Gateway'));
      return;
    }
    const json = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res
        .writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
        })
        .end(text);
    };
    if (req.method === 'POST' && path === '/console/api/files/upload') {
      json(201, {
        id: randomUUID(),
        name: 'upload.bin',
        size,
        extension: 'bin',
        mime_type: req.headers['content-type'] ?? 'application/octet-stream',
        created_by: randomUUID(),
        created_at: Math.floor(this.core.clock.now() / 1000),
      });
      return;
    }
    if (req.method === 'GET' && path === '/console/api/stream-probe') {
      await this.stream(url, entry.hops, res);
      return;
    }
    if (req.method === 'GET' && path === '/console/api/setup') {
      json(200, { step: 'not_started' });
      return;
    }
    if (apiPath) {
      json(404, {
        code: 'not_found',
        message: 'The requested URL was not found on the server.',
        status: 404,
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/html' }).end(nginxPage(405, 'Not Allowed'));
      return;
    }
    const html = path === '/install' ? INSTALL_PAGE : APP_SHELL;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(html),
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  }

  /**
   * `GET /console/api/stream-probe?events=5&interval=300&wait=0`: an SSE stream of `events`
   * events `interval` ms apart (wall clock) after `wait` ms of silence. Through a buffering hop
   * everything arrives at the end; when a silence outlives a hop's read timeout (simulated
   * seconds, i.e. wall ms × speed) the stream is cut: 504 before the first byte, a truncated
   * response after.
   */
  private async stream(url: URL, hops: Hop[], res: ServerResponse): Promise<void> {
    const num = (k: string, d: number, max: number) => {
      const v = Number(url.searchParams.get(k) ?? d);
      return Number.isFinite(v) && v >= 0 ? Math.min(v, max) : d;
    };
    const events = Math.max(1, Math.floor(num('events', 5, 100)));
    const interval = num('interval', 300, 60_000);
    const wait = num('wait', 0, 600_000);
    const buffering = hops.some((h) => h.buffering);
    const timeoutS = Math.min(Infinity, ...hops.map((h) => h.readTimeoutS));
    const wallTimeout = (timeoutS * 1000) / this.core.clock.speed;
    let closed = false;
    res.once('close', () => {
      closed = true;
    });
    const buffered: string[] = [];
    for (let i = 0; i < events; i++) {
      const gap = i === 0 ? wait : interval;
      if (gap > wallTimeout) {
        await sleep(wallTimeout);
        if (closed) return;
        if (!res.headersSent)
          res
            .writeHead(504, { 'content-type': 'text/html' })
            .end(nginxPage(504, 'Gateway Time-out'));
        else {
          if (buffered.length > 0) res.write(buffered.join(''));
          res.destroy();
        }
        return;
      }
      if (gap > 0) await sleep(gap);
      if (closed) return;
      const line = `data: ${JSON.stringify({ event: 'message', seq: i + 1, of: events, at: new Date().toISOString() })}\n\n`;
      if (!res.headersSent) {
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          'x-edge-buffering': buffering ? 'on' : 'off',
        });
        res.flushHeaders();
      }
      if (buffering) buffered.push(line);
      else res.write(line);
    }
    res.end(buffering ? buffered.join('') : undefined);
  }
}

function drain(req: IncomingMessage): Promise<number> {
  return new Promise((ok) => {
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
    });
    req.on('end', () => ok(n));
    req.on('error', () => ok(n));
    req.resume();
  });
}

/** A free TCP port on 127.0.0.1 (for the edge ports chosen at start). */
export async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', () => ok()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}
