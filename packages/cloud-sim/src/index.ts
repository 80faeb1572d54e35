import type { AddressInfo } from 'node:net';
import { createSimServer } from './server';
import { SimCore } from './sim-core';
import { SANDBOX_ACCOUNTS } from './fixtures/index';
import type { FaultKind, RecordedRequest, RequestFilter } from './controls';
import { readStateFile } from './state/persist';
import { findClusterObjects } from './admin/kube';
import type { KubeObject } from './kubernetes/store';
import { describeEdge, Edge, freePort } from './edge/edge';
import { startDns } from './edge/dns';
import { startSelfHostedNacos } from './nacos/listener';
export { NACOS_SANDBOX_PASSWORD } from './nacos/model';
import { KubeApiServers } from './kubernetes/api-server';
import { findCluster } from './products/cs/find';

export type { FaultKind, RecordedRequest, RequestFilter } from './controls';
export type { KubeObject } from './kubernetes/store';
export { SANDBOX_ACCOUNTS } from './fixtures/index';

export interface SimAccountKeys {
  accountId: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export interface StartOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Simulated time speed (default 1). */
  speed?: number;
  /** Injectable wall clock, ms. */
  now?: () => number;
  /**
   * JSON file holding the whole local cloud: loaded at start when present, saved (debounced,
   * atomic rename) after every change. Without it everything lives in memory only.
   */
  stateFile?: string;
  /**
   * Port of the edge stand-in on every load balancer address (127.0.100.x). Default: a free port
   * picked at start, the same for every address. Use 80 (with the privilege to bind it) for
   * exactly the URLs a real LB would give.
   */
  edgePort?: number;
  /** HTTPS port of the edge (Ingress hosts with TLS). Default: another free port. */
  edgeTlsPort?: number;
  /** UDP port of the DNS server on 127.0.0.1 that resolves NLB host names. Default: free port. */
  dnsPort?: number;
  /** Port of the self-hosted Nacos 3.x stand-in (on `host`). Default: a free port. */
  nacosPort?: number;
  /**
   * HTTPS port of the clusters' API servers, each on its own loopback address (127.1.x.y), as
   * kubeconfigs and DescribeClusterDetail's `master_url` give them. Default: a free port.
   */
  kubeApiPort?: number;
}

export interface CloudSim {
  /** e.g. "http://127.0.0.1:41234": every product on this one endpoint. */
  endpoint: string;
  port: number;
  /** HTTP port the edge stand-in answers on, on every load balancer address. */
  edgePort: number;
  /** HTTPS port of the edge (Ingress hosts with TLS, by SNI). */
  edgeTlsPort: number;
  /** `127.0.0.1:<port>`: the DNS server resolving the NLB host names the local cloud handed out. */
  dnsServer: string;
  /** HTTPS port of the clusters' API servers. */
  kubeApiPort: number;
  /** Public endpoint of an account's cluster's API server (what kubeconfigs point at). */
  kubeApiUrl(accessKeyId: string, clusterId: string): string;
  /** Entry addresses (LB addresses, host names, Ingress hosts), as `GET /_sim/edge` shows them. */
  edge(): Record<string, unknown>;
  /**
   * `host:port` of the self-hosted Nacos 3.x stand-in (user `nacos`, NACOS_SANDBOX_PASSWORD). MSE
   * Nacos instances answer on `endpoint` under their own domain (Host header).
   */
  nacosAddress: string;
  defaultAccount: SimAccountKeys;
  largeAccount: SimAccountKeys;
  /** A new isolated account seeded from the scenario, with fresh random keys. */
  createAccount(scenario?: 'default' | 'large'): Promise<SimAccountKeys>;
  setLatency(ms: number, filter?: { accessKeyId?: string; action?: string }): void;
  injectFault(f: { kind: FaultKind; action?: string; accessKeyId?: string; times?: number }): void;
  clearFaults(): void;
  requests(filter?: RequestFilter): RecordedRequest[];
  clearRequests(): void;
  /** Back to the seeded state (every account), faults/latency/throttle cleared. */
  reset(): Promise<void>;
  /** Jumps simulated time forward by `ms` (deployments progress accordingly). */
  advance(ms: number): void;
  setSpeed(speed: number): void;
  /** Simulated now, ms. */
  now(): number;
  /** The Kubernetes objects of an account's cluster (undefined when the cluster does not exist). */
  clusterObjects(accessKeyId: string, clusterId: string): KubeObject[] | undefined;
  close(): Promise<void>;
}

export async function startCloudSim(opts: StartOptions = {}): Promise<CloudSim> {
  const core = new SimCore(opts.now ?? Date.now, opts.speed ?? 1);
  if (opts.stateFile !== undefined)
    core.attachStateFile(opts.stateFile, readStateFile(opts.stateFile));
  core.startTicker();
  const { server, hung } = createSimServer(core);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const endpoint = `http://${urlHost}:${port}`;
  core.endpoint = endpoint;
  const edgePort = opts.edgePort ?? (await freePort());
  let edgeTlsPort = opts.edgeTlsPort ?? (await freePort());
  while (edgeTlsPort === edgePort) edgeTlsPort = await freePort();
  let kubeApiPort = opts.kubeApiPort ?? (await freePort());
  while (kubeApiPort === edgePort || kubeApiPort === edgeTlsPort) kubeApiPort = await freePort();
  const kubeApi = new KubeApiServers(core, kubeApiPort);
  core.kubeApi = kubeApi;
  core.onChange.add(() => kubeApi.sync());
  kubeApi.sync();
  const edge = new Edge(core, edgePort, edgeTlsPort);
  const dns = await startDns((name) => edge.resolve(name), opts.dnsPort ?? 0);
  core.network = { edgePort, edgeTlsPort, dns: dns.address };
  core.onChange.add(() => edge.sync());
  const nacos = await startSelfHostedNacos(core, host, opts.nacosPort ?? 0);
  core.tick();
  edge.sync();
  let closed: Promise<void> | undefined;
  return {
    endpoint,
    port,
    edgePort,
    edgeTlsPort,
    dnsServer: dns.address,
    nacosAddress: `${urlHost}:${nacos.port}`,
    kubeApiPort,
    kubeApiUrl: (accessKeyId, clusterId) => {
      const account = core.registry.byAccessKey(accessKeyId);
      if (!account) throw new Error(`no account with AccessKey ${accessKeyId}`);
      return kubeApi.publicUrl(account, findCluster(account, clusterId));
    },
    edge: () => {
      core.tick();
      return describeEdge(core);
    },
    defaultAccount: { ...SANDBOX_ACCOUNTS.default },
    largeAccount: { ...SANDBOX_ACCOUNTS.large },
    createAccount: async (scenario = 'default') => core.createAccount(scenario),
    setLatency: (ms, filter) => core.latency.set(ms, filter),
    injectFault: (f) => core.faults.add(f),
    clearFaults: () => core.faults.clear(),
    requests: (filter) => core.recorder.query(filter),
    clearRequests: () => core.recorder.clear(),
    reset: async () => core.reset(),
    advance: (ms) => core.advance(ms),
    setSpeed: (speed) => core.clock.setSpeed(speed),
    now: () => core.clock.now(),
    clusterObjects: (accessKeyId, clusterId) => {
      core.tick();
      return findClusterObjects(core, accessKeyId, clusterId);
    },
    close: () => {
      closed ??= new Promise<void>((ok) => {
        for (const s of hung) s.destroy();
        hung.clear();
        server.close(() => ok());
        server.closeAllConnections();
      })
        .then(() => Promise.all([edge.close(), dns.close(), nacos.close(), kubeApi.close()]))
        .then(() => core.stop());
      return closed;
    },
  };
}
