import { randomBytes } from 'node:crypto';
import { Faults, Latency, Recorder, Throttle } from './controls';
import { reconcileAll } from './kubernetes/controllers';
import { scenario, SANDBOX_ACCOUNTS } from './fixtures/index';
import { PRODUCTS } from './products/index';
import { findPrincipal, type Principal } from './products/ram/principal';
import type { KubeApiHost, ProductDef } from './products/types';
import { NonceStore } from './protocol/verify';
import { SimClock } from './state/clock';
import { IdGenerator } from './state/ids';
import { StateFile, type SavedState } from './state/persist';
import { AccountState, Registry, type AccountKeys, type ScenarioName } from './state/registry';

/** Everything the server and the admin API share: state, clock, controls. */
export class SimCore {
  readonly registry = new Registry();
  readonly clock: SimClock;
  readonly ids = new IdGenerator();
  readonly nonces = new NonceStore();
  readonly faults = new Faults();
  readonly latency = new Latency();
  readonly throttle = new Throttle();
  readonly recorder = new Recorder();
  readonly products: readonly ProductDef[] = PRODUCTS;
  /** Every account ever created, with its scenario, so reset() re-seeds them all with the same keys. */
  private readonly created: { keys: AccountKeys; scenario: ScenarioName }[] = [];
  /** The local cloud's endpoint once listening (kubeconfigs point there). */
  endpoint = 'http://127.0.0.1';
  /** Where the edge stand-in and the DNS server listen (set at start; admin and docs read it). */
  network: { edgePort: number; edgeTlsPort: number; dns: string } = {
    edgePort: 0,
    edgeTlsPort: 0,
    dns: '',
  };
  /** The clusters' API servers (set at start). */
  kubeApi: KubeApiHost = {
    publicUrl: () => {
      throw new Error('the API servers are not listening');
    },
    intranetUrl: () => {
      throw new Error('the API servers are not listening');
    },
    clusterCa: () => Promise.reject(new Error('the API servers are not listening')),
  };
  /** Called after every change (the edge binds the addresses of new load balancers). */
  readonly onChange = new Set<() => void>();
  private nextAccount = 1420000000001000;
  private stateFile: StateFile | undefined;
  private ticker: NodeJS.Timeout | undefined;

  constructor(wall: () => number, speed: number) {
    this.clock = new SimClock(wall, speed);
    this.addAccount(SANDBOX_ACCOUNTS.default, 'default');
    this.addAccount(SANDBOX_ACCOUNTS.large, 'large');
  }

  /** Something changed in an account's state: the state file (if any) is saved soon. */
  changed(): void {
    this.stateFile?.schedule();
    for (const f of this.onChange) f();
  }

  /** Moves long-running work (deployments) of every account to the current simulated time. */
  tick(): void {
    const now = this.clock.now();
    let changed = false;
    for (const account of this.registry.accounts())
      for (const p of this.products) if (p.tick?.(account, now)) changed = true;
    // Cluster controllers (add-on tasks, cloud controller, ingress-nginx) after the products.
    if (reconcileAll({ accounts: this.registry.accounts(), ids: this.ids, now })) changed = true;
    if (changed) this.changed();
  }

  /** Ticks every `intervalMs` of wall time (unref'd: it never keeps the process alive). */
  startTicker(intervalMs = 1000): void {
    this.ticker ??= setInterval(() => this.tick(), intervalMs);
    this.ticker.unref();
  }

  /** Jumps simulated time forward, then lets the work due meanwhile happen. */
  advance(ms: number): void {
    this.clock.advance(ms);
    this.tick();
  }

  /**
   * Persists to `file`: loads it now when it exists (replacing the seeded state), then saves
   * after every change.
   */
  attachStateFile(file: string, saved: SavedState | undefined): void {
    if (saved) this.restore(saved);
    this.stateFile = new StateFile(file, () => this.snapshot());
    if (!saved) this.changed();
  }

  async stop(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    if (this.stateFile) await this.stateFile.flush();
  }

  snapshot(): SavedState {
    return {
      format: 'cloud-sim-state/1',
      simNow: this.clock.now(),
      idSeed: this.ids.seed,
      nextAccount: this.nextAccount,
      accounts: this.created.map(({ keys, scenario }) => {
        const account = this.registry.byAccessKey(keys.accessKeyId);
        const regions: Record<string, Record<string, unknown>> = {};
        for (const id of account?.regionIds() ?? []) regions[id] = account?.region(id).dump() ?? {};
        return { keys, scenario, regions, shared: account?.shared.dump() ?? {} };
      }),
    };
  }

  private restore(saved: SavedState): void {
    this.registry.clear();
    this.created.length = 0;
    for (const a of saved.accounts) {
      this.created.push({ keys: a.keys, scenario: a.scenario });
      const account = new AccountState(a.keys, a.scenario);
      for (const [regionId, stores] of Object.entries(a.regions))
        for (const [name, value] of Object.entries(stores))
          account.region(regionId).restore(name, value);
      for (const [name, value] of Object.entries(a.shared)) account.shared.restore(name, value);
      this.registry.add(account);
    }
    this.nextAccount = saved.nextAccount;
    this.ids.seed = saved.idSeed;
    // Deployments in flight resume from their recorded times.
    this.clock.resumeAt(saved.simNow);
  }

  createAccount(name: ScenarioName = 'default'): AccountKeys {
    const keys: AccountKeys = {
      accountId: String(this.nextAccount++),
      accessKeyId: `SandboxKey${randomBytes(8).toString('hex')}`,
      accessKeySecret: `SandboxSecret${randomBytes(15).toString('base64url')}`,
    };
    this.addAccount(keys, name);
    this.changed();
    return keys;
  }

  /** Back to the seeded state: every account re-seeded, controls cleared. */
  reset(): void {
    this.registry.clear();
    for (const a of this.created) this.seed(a.keys, a.scenario);
    this.faults.clear();
    this.latency.clear();
    this.throttle.reset();
    this.recorder.clear();
    this.changed();
  }

  secretFor(accessKeyId: string): string | undefined {
    return this.principal(accessKeyId)?.secret;
  }

  /** The account and identity (root or RAM user) behind an AccessKeyId. */
  principal(accessKeyId: string): Principal | undefined {
    return findPrincipal(this.registry, accessKeyId);
  }

  private addAccount(keys: AccountKeys, name: ScenarioName): void {
    this.created.push({ keys, scenario: name });
    this.seed(keys, name);
  }

  private seed(keys: AccountKeys, name: ScenarioName): void {
    const account = new AccountState(keys, name);
    const data = scenario(name);
    for (const p of this.products) p.seed?.(account, data);
    this.registry.add(account);
  }
}
