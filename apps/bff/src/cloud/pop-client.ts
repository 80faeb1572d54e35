import { createRequire } from 'node:module';
import popCore from '@alicloud/pop-core';
import type { CloudSetup, Product } from '../config/cloud';
import type { CredentialsProvider } from '../config/credentials';
import { CloudError } from '../errors/cloud-error';
import { toCloudError } from './pop-error';

/**
 * The one place that talks to pop-core: a cached RPC/ROA client per product and endpoint,
 * parameters flattened and cleaned, timeouts, and retries with backoff for reads.
 */

const API_VERSIONS: Record<Product, string> = {
  vpc: '2016-04-28',
  ecs: '2014-05-26',
  cs: '2015-12-15',
  rds: '2014-08-15',
  'r-kvstore': '2015-01-01',
  milvus: '2023-10-12',
  computenest: '2021-06-01',
  ros: '2019-09-10',
  sts: '2015-04-01',
  ram: '2015-05-01',
  mse: '2019-05-31',
};

interface ClientConfig {
  endpoint: string;
  apiVersion: string;
  credentialsProvider: CredentialsProvider;
  opts?: Record<string, unknown>;
}
interface RpcClientLike {
  request(action: string, params: Record<string, string>, opts?: Record<string, unknown>): Promise<unknown>;
}
interface RoaClientLike {
  request(
    method: string,
    path: string,
    query?: Record<string, string>,
    body?: string,
    headers?: Record<string, string>,
    opts?: Record<string, unknown>,
  ): Promise<unknown>;
}
// pop-core's typings know neither credentialsProvider nor ROAClient; this is its real shape (1.8.0).
const { RPCClient, ROAClient } = popCore as unknown as {
  RPCClient: new (config: ClientConfig) => RpcClientLike;
  ROAClient: new (config: ClientConfig) => RoaClientLike;
};

/**
 * pop-core parses every answer with json-bigint, whose parser in JavaScript takes most of the BFF's
 * time in a 1,000-instance listing (ten 100-record pages arriving at once). Only an answer holding
 * an integer beyond JavaScript's exact range needs it (json-bigint keeps its digits): every answer
 * is parsed by the built-in `JSON.parse`, many times faster, and parsed again by json-bigint when it
 * holds such an integer (looking through the parsed answer costs far less than scanning its text).
 * Installed on the json-bigint instance pop-core itself requires.
 */
interface JsonBigint {
  parse: (text: unknown) => unknown;
}
const jsonBigint = createRequire(createRequire(import.meta.url).resolve('@alicloud/pop-core'))('json-bigint') as JsonBigint & { slowParse?: JsonBigint['parse'] };
const bigintParse = jsonBigint.slowParse ?? jsonBigint.parse;
const inexact = (v: unknown): boolean => {
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v);
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.some(inexact);
  for (const k in v) if (inexact((v as Record<string, unknown>)[k])) return true;
  return false;
};
export function parseCloudJson(text: unknown): unknown {
  const s = String(text);
  const parsed: unknown = JSON.parse(s);
  return inexact(parsed) ? bigintParse(s) : parsed;
}
jsonBigint.slowParse = bigintParse;
jsonBigint.parse = parseCloudJson;

export type ParamValue = string | number | boolean | null | undefined | ParamValue[] | { [key: string]: ParamValue };

/**
 * RPC parameters as the gateway expects them: arrays as `Key.1`, `Key.1.Sub`; objects as
 * `Key.Sub`; undefined and null dropped; scalars as strings. (pop-core would send nested objects
 * as "[object Object]" and undefined as "undefined".)
 */
export function flattenParams(params: Record<string, ParamValue>): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (prefix: string, value: ParamValue) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(`${prefix}.${i + 1}`, v));
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(`${prefix}.${k}`, v);
    } else {
      out[prefix] = String(value);
    }
  };
  for (const [k, v] of Object.entries(params)) walk(k, v);
  return out;
}

/** ROA query strings: scalars only, undefined and null dropped. */
export function cleanQuery(query: Record<string, string | number | boolean | undefined | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) out[k] = String(v);
  return out;
}

export const isReadAction = (action: string) => /^(Describe|List|Get)/.test(action);

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const defaultRetryPolicy = (): RetryPolicy => ({
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 3000,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  random: Math.random,
});

/**
 * Retries a READ action on throttling, 5xx and network failures, with exponential backoff and
 * full jitter. Writes are never retried (a retried create could create twice) unless they are
 * idempotent by a ClientToken. A read's timeout is not retried: a hanging cloud would only hang
 * again, and the user should hear it within CLOUD_TIMEOUT_MS.
 */
export async function withRetry<T>(
  action: string,
  policy: RetryPolicy,
  call: () => Promise<T>,
  options: { idempotent?: boolean } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (raw) {
      const err = toCloudError(raw, action);
      // A write made idempotent by its ClientToken is retried like a read, and on a timeout too:
      // the answer may have been lost after the cloud acted, and the same token yields the same result.
      const worthIt = options.idempotent
        ? err.retryable || err.code === 'Cloud.Timeout'
        : isReadAction(action) && err.retryable && err.code !== 'Cloud.Timeout';
      const again = worthIt && attempt < policy.maxAttempts;
      if (!again) throw err;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await policy.sleep(Math.floor(policy.random() * ceiling));
    }
  }
}

export interface RoaRequest {
  action: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
}

export interface CloudCallEvent {
  product: Product;
  action: string;
  durationMs: number;
  errorCode?: string;
}

export interface RpcOptions {
  /** The call carries a ClientToken: retry it (same parameters, same token) even though it writes. */
  idempotent?: boolean;
}

/** What the gateways need: one RPC or ROA call, already retried and turned into CloudError. */
export interface CloudTransport {
  rpc(product: Product, regionId: string, action: string, params?: Record<string, ParamValue>, options?: RpcOptions): Promise<unknown>;
  roa(product: Product, regionId: string, request: RoaRequest): Promise<unknown>;
}

export function createTransport(
  cloud: CloudSetup,
  options: { retry?: Partial<RetryPolicy>; onCall?: (e: CloudCallEvent) => void } = {},
): CloudTransport {
  const policy: RetryPolicy = { ...defaultRetryPolicy(), ...options.retry };
  const rpcClients = new Map<string, RpcClientLike>();
  const roaClients = new Map<string, RoaClientLike>();
  const clientOpts = { timeout: cloud.timeoutMs };

  const rpcClient = (product: Product, regionId: string) => {
    const endpoint = cloud.endpoint(product, regionId);
    const key = `${product} ${endpoint}`;
    let client = rpcClients.get(key);
    if (!client) {
      client = new RPCClient({ endpoint, apiVersion: API_VERSIONS[product], credentialsProvider: cloud.credentials, opts: clientOpts });
      rpcClients.set(key, client);
    }
    return client;
  };
  const roaClient = (product: Product, regionId: string) => {
    const endpoint = cloud.endpoint(product, regionId);
    const key = `${product} ${endpoint}`;
    let client = roaClients.get(key);
    if (!client) {
      client = new ROAClient({ endpoint, apiVersion: API_VERSIONS[product], credentialsProvider: cloud.credentials, opts: clientOpts });
      roaClients.set(key, client);
    }
    return client;
  };

  /** A last guard above httpx's own timeout, so a call never outlives CLOUD_TIMEOUT_MS by much. */
  const guarded = <T>(action: string, p: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new CloudError({ code: 'Cloud.Timeout', message: `${action} did not answer in time`, httpStatus: 0, action })),
        cloud.timeoutMs + 250,
      );
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  };

  const observe = async <T>(product: Product, action: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      const result = await run();
      options.onCall?.({ product, action, durationMs: performance.now() - started });
      return result;
    } catch (err) {
      const e = toCloudError(err, action);
      e.product ??= product;
      options.onCall?.({ product, action, durationMs: performance.now() - started, errorCode: e.code });
      throw e;
    }
  };

  return {
    rpc(product, regionId, action, params = {}, rpcOptions = {}) {
      const flat = flattenParams(params);
      // 'POST' in upper case: the only value that makes pop-core send a form body.
      return observe(product, action, () =>
        withRetry(
          action,
          policy,
          () => guarded(action, rpcClient(product, regionId).request(action, flat, { method: 'POST' })),
          rpcOptions,
        ),
      );
    },
    roa(product, regionId, { action, method, path, query = {}, body }) {
      const q = cleanQuery(query);
      const payload = body === undefined ? '' : JSON.stringify(body);
      const headers: Record<string, string> = { 'x-acs-action': action };
      if (payload) headers['content-type'] = 'application/json';
      return observe(product, action, () =>
        withRetry(action, policy, () => guarded(action, roaClient(product, regionId).request(method, path, q, payload, headers))),
      );
    },
  };
}
