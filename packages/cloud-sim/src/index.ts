import type { AddressInfo } from 'node:net';
import { createSimServer } from './server';
import { SimCore } from './sim-core';
import { SANDBOX_ACCOUNTS } from './fixtures/index';
import type { FaultKind, RecordedRequest, RequestFilter } from './controls';

export type { FaultKind, RecordedRequest, RequestFilter } from './controls';
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
  /** Simulated time speed; default from env SIM_SPEED or 1. */
  speed?: number;
  /** Injectable wall clock, ms. */
  now?: () => number;
}

export interface CloudSim {
  /** e.g. "http://127.0.0.1:41234": every product on this one endpoint. */
  endpoint: string;
  port: number;
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
  close(): Promise<void>;
}

function speedFromEnv(): number {
  const raw = process.env.SIM_SPEED;
  const n = raw === undefined || raw === '' ? 1 : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

export async function startCloudSim(opts: StartOptions = {}): Promise<CloudSim> {
  const core = new SimCore(opts.now ?? Date.now, opts.speed ?? speedFromEnv());
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
  let closed: Promise<void> | undefined;
  return {
    endpoint: `http://${urlHost}:${port}`,
    port,
    defaultAccount: { ...SANDBOX_ACCOUNTS.default },
    largeAccount: { ...SANDBOX_ACCOUNTS.large },
    createAccount: async (scenario = 'default') => core.createAccount(scenario),
    setLatency: (ms, filter) => core.latency.set(ms, filter),
    injectFault: (f) => core.faults.add(f),
    clearFaults: () => core.faults.clear(),
    requests: (filter) => core.recorder.query(filter),
    clearRequests: () => core.recorder.clear(),
    reset: async () => core.reset(),
    close: () => {
      closed ??= new Promise<void>((ok) => {
        for (const s of hung) s.destroy();
        hung.clear();
        server.close(() => ok());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
