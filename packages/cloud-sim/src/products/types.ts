import type { AccountState, StoreKey } from '../state/registry';
import type { SimClock } from '../state/clock';
import type { IdGenerator } from '../state/ids';
import type { Scenario } from '../fixtures/scenario';
import type { Params } from './params';
import type { Caller } from './ram/principal';
import type { ClusterRecord } from './cs/model';

export type ApiStyle = 'RPC' | 'ROA';

export interface ActionContext {
  account: AccountState;
  /** RPC: query + form fields; ROA: query parameters. */
  params: Params;
  /** ROA path parameters by the name in the route pattern. */
  pathParams: Record<string, string>;
  /** ROA: the parsed JSON body (undefined when none). */
  body: unknown;
  clock: SimClock;
  ids: IdGenerator;
  requestId: string;
  /** The local cloud's own endpoint (e.g. `http://127.0.0.1:41234`): kubeconfigs point there. */
  endpoint: string;
  /** The clusters' API servers (public endpoint, CA) that kubeconfigs point at. */
  kubeApi: KubeApiHost;
  /** Who signed the request (root keys or a RAM user); absent means the account itself. */
  caller?: Caller;
  /** HTTP method of the request (GenerateServicePolicy is POST only). */
  method?: string;
  /** Tells the core that the account's state changed (the state file is saved soon after). */
  changed(this: void): void;
}

/** What a handler returns: the body (RequestId is added for RPC), optionally with a status. */
export type ActionResult = Record<string, unknown> | { status: number; body: unknown };

export type ActionHandler = (ctx: ActionContext) => ActionResult | Promise<ActionResult>;

export interface RoaRoute {
  action: string;
  method: string;
  /** e.g. `/clusters/{ClusterId}`; `{x}` matches one path segment. */
  path: string;
}

export interface ProductDef {
  /** Product code as the gateway names it (`Vpc`, `CS`, `milvus`). */
  code: string;
  version: string;
  style: ApiStyle;
  /** The real public host answering for the region (HostId in error bodies). */
  host(regionId: string | undefined): string;
  /** Every real action of the version the sim knows about (implemented or not). */
  catalog: readonly string[];
  /** ROA only: method + path of each catalogued action. */
  routes?: readonly RoaRoute[];
  actions: Readonly<Record<string, ActionHandler>>;
  /** Seeds the product's stores of an account from a scenario. */
  seed?(account: AccountState, scenario: Scenario): void;
  /**
   * Moves the account's long-running work forward to simulated time `now` (deployments). Called
   * by the core's ticker and before state is read; returns true when something changed.
   */
  tick?(account: AccountState, now: number): boolean;
}

export type { StoreKey };

/** The clusters' API servers, as CS hands out their endpoints and kubeconfigs. */
export interface KubeApiHost {
  /** `https://<address>:<port>` of the cluster's public API server endpoint. */
  publicUrl(account: AccountState, cluster: ClusterRecord): string;
  /** `https://<VPC address>:6443`: the intranet endpoint (reachable only inside the VPC). */
  intranetUrl(account: AccountState, cluster: ClusterRecord): string;
  /** The cluster's CA (made on first use; the API server listens from then on). */
  clusterCa(account: AccountState, cluster: ClusterRecord): Promise<{ cert: string; key: string }>;
}
