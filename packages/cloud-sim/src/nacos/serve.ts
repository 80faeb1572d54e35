import type { ServerResponse } from 'node:http';
import { SANDBOX_ACCOUNTS } from '../fixtures/index';
import { MSE_STORE } from '../products/mse/model';
import { parsePairs } from '../protocol/encoding';
import type { SimCore } from '../sim-core';
import { storeKey, type AccountState } from '../state/registry';
import { handleNacos, type NacosRequest } from './http';
import { newNacosServer, type NacosServerState } from './model';
import { seedMcp } from './seed';

/**
 * Where a Nacos request lands. MSE instances answer on the local cloud's endpoint, chosen by the
 * Host header (their intranet or internet domain, as a real client sends it); the self-hosted
 * Nacos (an open-source 3.x on the customer's own machine) answers on a port of its own.
 */

export interface NacosTarget {
  state: NacosServerState;
  account: AccountState;
  /** MSE instances accept the account's AccessKey signatures. */
  mseInstanceId?: string;
}

export const SELF_HOSTED_NACOS_VERSION = '3.1.0';

/** The self-hosted Nacos of an account, created (and seeded) on first use. */
export const SELF_NACOS_STORE = storeKey<{ server: NacosServerState }>('nacos-self-hosted', () => {
  const server = newNacosServer(SELF_HOSTED_NACOS_VERSION, 'self-hosted');
  seedMcp(server, 'self-hosted', Date.UTC(2026, 10, 20, 8, 0, 0));
  return { server };
});

/** The MSE Nacos whose domain is `host` (port ignored), in any account. */
export function locateMseNacos(core: SimCore, host: string): NacosTarget | undefined {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  if (name === '') return undefined;
  for (const account of core.registry.accounts())
    for (const [, store] of account.stores(MSE_STORE))
      for (const m of store.clusters.values())
        if (m.nacos && (m.IntranetDomain === name || m.InternetDomain === name))
          return { state: m.nacos, account, mseInstanceId: m.InstanceId };
  return undefined;
}

/** The self-hosted Nacos served on the Nacos port: the default account's. */
export function selfHostedNacos(core: SimCore): NacosTarget | undefined {
  const account = core.registry.byAccessKey(SANDBOX_ACCOUNTS.default.accessKeyId);
  if (!account) return undefined;
  return { state: account.accountStore(SELF_NACOS_STORE).server, account };
}

const HIDDEN = new Set(['password', 'accessToken']);

/** Reads the body, answers as the Nacos behind `target` (or drops the connection: nothing there). */
export function serveNacos(
  core: SimCore,
  target: NacosTarget | undefined,
  req: NacosRequest,
  res: ServerResponse,
): void {
  const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body, (_k, v: unknown) =>
      v instanceof Map ? (Object.fromEntries(v) as unknown) : v,
    );
    res.writeHead(status, {
      'content-type': 'application/json;charset=UTF-8',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };
  if (!target) {
    // No Nacos behind this host name: what a client sees when nothing listens there.
    res.destroy();
    return;
  }
  const out = handleNacos(
    {
      state: target.state,
      now: core.clock.wallNow(),
      ...(target.mseInstanceId !== undefined
        ? {
            accessKeySecret: (ak: string) => {
              const p = core.principal(ak);
              return p && p.account === target.account ? p.secret : undefined;
            },
          }
        : {}),
      changed: () => core.changed(),
    },
    req,
  );
  const params: Record<string, string> = {};
  const pairs = parsePairs(req.rawQuery);
  if ((req.headers['content-type'] ?? '').includes('x-www-form-urlencoded'))
    pairs.push(...parsePairs(req.body.toString('utf8')));
  for (const [k, v] of pairs) if (!HIDDEN.has(k)) params[k] = v;
  core.recorder.add({
    at: core.clock.now(),
    product: 'nacos',
    action: `${req.method.toUpperCase()} ${req.path}`,
    method: req.method.toUpperCase(),
    path: req.path,
    params,
    // The account that owns this Nacos, so a test filters its own requests.
    accessKeyId: target.account.accessKeyId,
    status: out.status,
  });
  send(out.status, out.body, out.headers);
}
