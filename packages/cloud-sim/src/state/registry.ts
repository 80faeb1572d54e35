/**
 * State: one registry, account → region → product store. A product declares a StoreKey and
 * gets its own typed store in any region of any account, created on first use; new products
 * (Compute Nest, kubeconfigs, Kubernetes objects) add keys without touching this file.
 */
export interface StoreKey<T> {
  readonly name: string;
  create(): T;
}

export function storeKey<T>(name: string, create: () => T): StoreKey<T> {
  return { name, create };
}

export class RegionState {
  readonly regionId: string;
  private readonly stores = new Map<string, unknown>();

  constructor(regionId: string) {
    this.regionId = regionId;
  }

  store<T>(key: StoreKey<T>): T {
    let s = this.stores.get(key.name);
    if (s === undefined) {
      s = key.create();
      this.stores.set(key.name, s);
    }
    return s as T;
  }

  has(key: StoreKey<unknown>): boolean {
    return this.stores.has(key.name);
  }

  dump(): Record<string, unknown> {
    return Object.fromEntries(this.stores);
  }

  /** Puts back a store read from a state file (persistence). */
  restore(name: string, value: unknown): void {
    this.stores.set(name, value);
  }
}

export type ScenarioName = 'default' | 'large';

export interface AccountKeys {
  accountId: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export class AccountState {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly scenario: ScenarioName;
  private readonly regions = new Map<string, RegionState>();
  /** Account-wide stores that belong to no region (e.g. the billing balance). */
  readonly shared = new RegionState('');

  constructor(keys: AccountKeys, scenario: ScenarioName) {
    this.accountId = keys.accountId;
    this.accessKeyId = keys.accessKeyId;
    this.accessKeySecret = keys.accessKeySecret;
    this.scenario = scenario;
  }

  get keys(): AccountKeys {
    return {
      accountId: this.accountId,
      accessKeyId: this.accessKeyId,
      accessKeySecret: this.accessKeySecret,
    };
  }

  region(regionId: string): RegionState {
    let r = this.regions.get(regionId);
    if (!r) {
      r = new RegionState(regionId);
      this.regions.set(regionId, r);
    }
    return r;
  }

  /** The product's store in one region. */
  store<T>(regionId: string, key: StoreKey<T>): T {
    return this.region(regionId).store(key);
  }

  /** An account-wide store (no region). */
  accountStore<T>(key: StoreKey<T>): T {
    return this.shared.store(key);
  }

  /** The product's store in every region that has one (account-wide listings such as ACK clusters). */
  stores<T>(key: StoreKey<T>): [string, T][] {
    const out: [string, T][] = [];
    for (const [id, r] of this.regions) if (r.has(key)) out.push([id, r.store(key)]);
    return out;
  }

  regionIds(): string[] {
    return [...this.regions.keys()];
  }

  dump(): Record<string, unknown> {
    const regions: Record<string, unknown> = {};
    for (const [id, r] of this.regions) regions[id] = r.dump();
    return {
      accountId: this.accountId,
      accessKeyId: this.accessKeyId,
      scenario: this.scenario,
      regions,
      shared: this.shared.dump(),
    };
  }
}

export class Registry {
  private readonly byId = new Map<string, AccountState>();
  private readonly byKey = new Map<string, AccountState>();

  add(account: AccountState): void {
    this.byId.set(account.accountId, account);
    this.byKey.set(account.accessKeyId, account);
  }

  byAccessKey(accessKeyId: string): AccountState | undefined {
    return this.byKey.get(accessKeyId);
  }

  accounts(): AccountState[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.byId.clear();
    this.byKey.clear();
  }
}
