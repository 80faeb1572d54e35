import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test as base, type TestInfo } from '@playwright/test';
import { bffPort, DNS_PORT, EDGE_PORT, SIM_URL } from '../playwright.config';

export { expect } from '@playwright/test';

/**
 * Every spec imports `test` and `expect` from here instead of `@playwright/test`:
 *
 *   import { expect, test } from '../support/fixtures';
 *   test('…', async ({ page, sim, account }) => { … });
 *
 * Each test runs in its OWN account of the one local cloud (`POST /_sim/accounts`: the default
 * scenario's resources, fresh, under a new AccessKey) against its OWN BFF process holding that
 * AccessKey, started before the test and stopped after it. `page`, `request` and `page.request`
 * reach that BFF (the `baseURL`). No test sees another's resources, orders, recorded requests or
 * BFF memory, so there is no reset, and the tests run on several workers at once.
 *
 * - `sim`: the local cloud's control API for the test's account (requests recorded, cluster objects,
 *   latency).
 * - `account`: the account's keys and id (e.g. the id the prerequisites page shows).
 * - `bffEnv`: more environment for the test's BFF (another configuration), set per spec with
 *   `test.use({ bffEnv: { COMPUTE_NEST_SERVICE_VERSION: '7' } })`.
 * Never call the local cloud's global `/_sim/reset`, move its clock (`/_sim/advance`, speed; the
 * global setup put it a day ahead once), or change throttle, latency or faults without the account's
 * `accessKeyId`: other tests run in the same local cloud at the same time.
 */

export interface SimAccount {
  accountId: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export interface KubeObject {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
}

export interface RecordedRequest {
  action: string;
  params: Record<string, string>;
}

export interface RecordedServiceInstance {
  ServiceInstanceId: string;
  ServiceVersion: string;
  TemplateName: string;
  Parameters: Record<string, unknown>;
}

/** The local cloud's control API, scoped to one account: tests arrange and observe through it, never by clicking. */
export class AccountSim {
  constructor(readonly account: SimAccount) {}

  /** The Kubernetes objects of one of the account's clusters, as the local cloud holds them. */
  async clusterObjects(clusterId: string): Promise<KubeObject[]> {
    const qs = new URLSearchParams({ accessKeyId: this.account.accessKeyId, clusterId });
    const body = (await simCall('GET', `/_sim/kubernetes?${qs}`)) as { objects: KubeObject[] };
    return body.objects;
  }

  /** The local cloud's clock now (one clock for every account; it runs SIM_SPEED times fast). */
  async now(): Promise<number> {
    const body = (await simCall('GET', '/_sim/health')) as { now: string };
    return Date.parse(body.now);
  }

  /** Delays the answers to the account's `action` calls by `ms` (its own rule; other accounts unaffected). */
  async latency(ms: number, action: string): Promise<void> {
    await simCall('PUT', '/_sim/latency', { ms, accessKeyId: this.account.accessKeyId, action });
  }

  /** One of the account's service instances as the local cloud records it (its state dump), by ID. */
  async serviceInstance(id: string): Promise<RecordedServiceInstance | undefined> {
    const qs = new URLSearchParams({ accessKeyId: this.account.accessKeyId });
    const find = (v: unknown): RecordedServiceInstance | undefined => {
      if (!v || typeof v !== 'object') return undefined;
      if ((v as { ServiceInstanceId?: unknown }).ServiceInstanceId === id) return v as RecordedServiceInstance;
      for (const child of Object.values(v)) {
        const hit = find(child);
        if (hit) return hit;
      }
      return undefined;
    };
    return find(await simCall('GET', `/_sim/state?${qs}`));
  }

  /** The requests the account's callers made (OpenAPI actions, and Nacos calls to its instances). */
  async requests(filter: { action?: string } = {}): Promise<RecordedRequest[]> {
    const qs = new URLSearchParams({ ...filter, accessKeyId: this.account.accessKeyId });
    const body = (await simCall('GET', `/_sim/requests?${qs}`)) as { requests: RecordedRequest[] };
    return body.requests;
  }
}

async function simCall(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${SIM_URL}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`local cloud ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const BFF_DIR = fileURLToPath(new URL('../../apps/bff/', import.meta.url));

/** BFFs still running: a worker that ends (a timeout, a crash) leaves none behind. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A BFF process holding one account's AccessKey, as `pnpm start` runs it against a separate local cloud. */
class BffProcess {
  private output = '';

  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /** Starts it and resolves once it listens (it prints its address), or rejects with its output. */
  static start(account: SimAccount, port: number, env: Record<string, string> = {}): Promise<BffProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: BFF_DIR,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        CLOUD_SIM_ENDPOINT: SIM_URL,
        CLOUD_SIM_EDGE_PORT: String(EDGE_PORT),
        CLOUD_SIM_DNS: `127.0.0.1:${DNS_PORT}`,
        ALIBABA_CLOUD_ACCESS_KEY_ID: account.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: account.accessKeySecret,
        ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true',
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    child.once('exit', () => running.delete(child));
    const bff = new BffProcess(`http://127.0.0.1:${port}`, child);
    return new Promise((resolve, reject) => {
      const onData = () => {
        if (!bff.output.includes(`Dify console: ${bff.url}`)) return;
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve(bff);
      };
      const onExit = (code: number | null) => reject(new Error(`the BFF exited (${code}) before listening:\n${bff.output}`));
      child.stdout?.on('data', onData);
      child.once('exit', onExit);
    });
  }

  get log(): string {
    return this.output;
  }

  /** SIGTERM (it finishes its requests, closes its streams) and waits for the exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

async function attachOnFailure(testInfo: TestInfo, name: string, body: string): Promise<void> {
  if (testInfo.status !== testInfo.expectedStatus && body) await testInfo.attach(name, { body, contentType: 'text/plain' });
}

export const test = base.extend<{ account: SimAccount; sim: AccountSim; bff: BffProcess; bffEnv: Record<string, string> }>({
  bffEnv: [{}, { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads what a fixture needs from this pattern
  account: async ({}, use) => {
    await use((await simCall('POST', '/_sim/accounts', { scenario: 'default' })) as SimAccount);
  },
  sim: async ({ account }, use) => {
    await use(new AccountSim(account));
  },
  bff: [
    async ({ account, bffEnv }, use, testInfo) => {
      const bff = await BffProcess.start(account, bffPort(testInfo.parallelIndex), bffEnv);
      await use(bff);
      await bff.stop();
      await attachOnFailure(testInfo, 'bff.log', bff.log);
    },
    // Its own budget: starting a BFF on a loaded machine is not the test's time.
    { timeout: 60_000 },
  ],
  baseURL: async ({ bff }, use) => {
    await use(bff.url);
  },
});
