import { randomUUID } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { TLSSocket, createSecureContext } from 'node:tls';
import type { ClusterRecord } from '../products/cs/model';
import { intranetApiIp } from '../products/cs/render';
import { vpcCidrOf } from '../products/cs/find';
import type { KubeApiHost } from '../products/types';
import { splitUrl } from '../protocol/request';
import { readBody, sendJson } from '../gateway/respond';
import type { SimCore } from '../sim-core';
import type { AccountState } from '../state/registry';
import { handleKubeApi } from './api/handler';
import {
  allocateApiAddress,
  API_SERVER_STORE,
  clusterPki,
  type ApiServerRecord,
} from './kubeconfig';
import type { Pem } from './pki';

// The clusters' API servers: each cluster's public endpoint is its own loopback address
// (127.1.x.y) on one HTTPS port, serving the cluster's certificate and asking for a client
// certificate, which the Kubernetes API (api/handler.ts) authenticates against the cluster's CA.
// A cluster's address is bound once its CA exists (its first kubeconfig).

interface Target {
  accountId: string;
  clusterId: string;
}

export class KubeApiServers implements KubeApiHost {
  readonly port: number;
  private readonly core: SimCore;
  private readonly bound = new Map<string, NetServer>();
  private readonly sockets = new Set<Socket>();
  private readonly targets = new WeakMap<Socket, Target>();
  private readonly http = createHttpServer((req, res) => {
    void this.handle(req, res).catch((e: unknown) => {
      console.error('[cloud-sim] kube API request failed', e);
      if (!res.headersSent)
        sendJson(res, 500, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 500 });
      else res.destroy();
    });
  });

  constructor(core: SimCore, port: number) {
    this.core = core;
    this.port = port;
    this.http.keepAliveTimeout = 5_000;
  }

  private record(account: AccountState, cluster: ClusterRecord): ApiServerRecord {
    const servers = account.accountStore(API_SERVER_STORE).servers;
    let r = servers.get(cluster.cluster_id);
    if (!r) {
      r = { address: allocateApiAddress(this.core.registry.accounts()) };
      servers.set(cluster.cluster_id, r);
    }
    return r;
  }

  publicUrl(account: AccountState, cluster: ClusterRecord): string {
    const { address } = this.record(account, cluster);
    return `https://${address}:${this.port}`;
  }

  intranetUrl(account: AccountState, cluster: ClusterRecord): string {
    return `https://${intranetApiIp(cluster, vpcCidrOf(account, cluster))}:6443`;
  }

  async clusterCa(account: AccountState, cluster: ClusterRecord): Promise<Pem> {
    const r = this.record(account, cluster);
    const { ca } = await clusterPki(
      r,
      cluster,
      intranetApiIp(cluster, vpcCidrOf(account, cluster)),
      {
        now: this.core.clock.now(),
        wall: this.core.clock.wallNow(),
      },
    );
    this.sync();
    return ca;
  }

  /** Listens on the address of every cluster with a CA; lets go of addresses no longer used. */
  sync(): void {
    const want = new Map<string, Target>();
    for (const a of this.core.registry.accounts())
      for (const [clusterId, r] of a.accountStore(API_SERVER_STORE).servers)
        if (r.ca && r.serving) want.set(r.address, { accountId: a.accountId, clusterId });
    for (const [addr, s] of this.bound)
      if (!want.has(addr)) {
        s.close();
        this.bound.delete(addr);
      }
    for (const addr of want.keys()) {
      if (this.bound.has(addr)) continue;
      const server = createNetServer((socket) => this.accept(socket, addr));
      server.on('error', (e) =>
        console.error(`[cloud-sim] API server cannot listen on ${addr}:${this.port}`, e),
      );
      server.listen(this.port, addr);
      this.bound.set(addr, server);
    }
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all(
      [...this.bound.values()].map((s) => new Promise<void>((ok) => s.close(() => ok()))),
    );
    this.bound.clear();
    this.http.close();
  }

  private find(addr: string): { target: Target; record: ApiServerRecord } | undefined {
    for (const a of this.core.registry.accounts())
      for (const [clusterId, r] of a.accountStore(API_SERVER_STORE).servers)
        if (r.address === addr && r.ca && r.serving)
          return { target: { accountId: a.accountId, clusterId }, record: r };
    return undefined;
  }

  private accept(socket: Socket, addr: string): void {
    const at = this.find(addr);
    if (!at?.record.ca || !at.record.serving) {
      socket.destroy();
      return;
    }
    const tls = new TLSSocket(socket, {
      isServer: true,
      secureContext: createSecureContext({
        cert: at.record.serving.cert,
        key: at.record.serving.key,
        ca: at.record.ca.cert,
      }),
      // The API server asks for a client certificate; which ones it accepts is decided per
      // request (the CA, and the validity in simulated time), answering 401 otherwise.
      requestCert: true,
      rejectUnauthorized: false,
    });
    tls.on('error', () => tls.destroy());
    this.targets.set(tls, at.target);
    this.sockets.add(tls);
    tls.once('close', () => this.sockets.delete(tls));
    this.http.emit('connection', tls);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const socket = req.socket as TLSSocket;
    const target = this.targets.get(socket);
    const body = await readBody(req);
    const { path, rawQuery } = splitUrl(req.url ?? '/');
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers))
      headers[k] = Array.isArray(v) ? v.join(', ') : v;
    if (!target) {
      sendJson(
        res,
        503,
        { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 503 },
        randomUUID(),
      );
      return;
    }
    await handleKubeApi(
      this.core,
      target.clusterId,
      {
        method: req.method ?? 'GET',
        path,
        rawQuery,
        headers,
        body,
        client: { ...target, cert: socket.getPeerX509Certificate() },
      },
      res,
    );
  }
}
