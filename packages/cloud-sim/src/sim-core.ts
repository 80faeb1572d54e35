import { randomBytes } from 'node:crypto';
import { Faults, Latency, Recorder, Throttle } from './controls';
import { scenario, SANDBOX_ACCOUNTS } from './fixtures/index';
import { PRODUCTS } from './products/index';
import type { ProductDef } from './products/types';
import { NonceStore } from './protocol/verify';
import { SimClock } from './state/clock';
import { IdGenerator } from './state/ids';
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
  private nextAccount = 1420000000001000;

  constructor(wall: () => number, speed: number) {
    this.clock = new SimClock(wall, speed);
    this.addAccount(SANDBOX_ACCOUNTS.default, 'default');
    this.addAccount(SANDBOX_ACCOUNTS.large, 'large');
  }

  createAccount(name: ScenarioName = 'default'): AccountKeys {
    const keys: AccountKeys = {
      accountId: String(this.nextAccount++),
      accessKeyId: `SandboxKey${randomBytes(8).toString('hex')}`,
      accessKeySecret: `SandboxSecret${randomBytes(15).toString('base64url')}`,
    };
    this.addAccount(keys, name);
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
  }

  secretFor(accessKeyId: string): string | undefined {
    return this.registry.byAccessKey(accessKeyId)?.accessKeySecret;
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
