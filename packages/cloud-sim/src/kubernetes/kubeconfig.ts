import type { X509Certificate } from 'node:crypto';
import { stringify } from 'yaml';
import type { ClusterRecord } from '../products/cs/model';
import { CS_STORE } from '../products/cs/model';
import type { AccountState, Registry } from '../state/registry';
import { storeKey } from '../state/registry';
import {
  checkClientCert,
  createClientCert,
  createClusterCa,
  createServingCert,
  type Pem,
} from './pki';

// Kubeconfigs as ACK's DescribeClusterUserKubeconfig hands them out: the API server over HTTPS
// (`certificate-authority-data`: the cluster's own CA) and a client certificate with its key,
// valid until the kubeconfig's expiration (simulated time). Each cluster's API server listens on
// its own address (see api-server.ts) and authenticates exactly these client certificates.

export interface ApiServerRecord {
  /** Loopback address of the cluster's public API server endpoint (127.1.x.y). */
  address: string;
  ca?: Pem;
  serving?: Pem;
}

export interface ApiServerStore {
  /** By cluster id. */
  servers: Map<string, ApiServerRecord>;
}

export const API_SERVER_STORE = storeKey<ApiServerStore>('kube-api-servers', () => ({
  servers: new Map(),
}));

/** Long-lived kubeconfigs (no TemporaryDurationMinutes) last 3 years, as ACK's do. */
export const LONG_LIVED_MS = 3 * 365 * 24 * 3600_000;

const DAY_MS = 24 * 3600_000;

/** The next free 127.1.0.2 … 127.1.255.254 address (one per cluster in the whole local cloud). */
export function allocateApiAddress(accounts: AccountState[]): string {
  const used = new Set<string>();
  for (const a of accounts)
    for (const r of a.accountStore(API_SERVER_STORE).servers.values()) used.add(r.address);
  for (let hi = 0; hi < 256; hi++)
    for (let lo = 2; lo < 255; lo++) {
      const ip = `127.1.${hi}.${lo}`;
      if (!used.has(ip)) return ip;
    }
  throw new Error('no loopback address left for an API server');
}

/**
 * The cluster's CA and serving certificate, made on first use. The CA and the serving
 * certificate are valid from a day before the earlier of wall and simulated time (the client
 * checks them against its own clock), for ten years.
 */
export async function clusterPki(
  record: ApiServerRecord,
  cluster: ClusterRecord,
  intranetIp: string,
  times: { now: number; wall: number },
): Promise<{ ca: Pem; serving: Pem }> {
  const from = Math.min(times.now, times.wall) - DAY_MS;
  record.ca ??= await createClusterCa(cluster.cluster_id, from);
  record.serving ??= await createServingCert(
    record.ca,
    [record.address, intranetIp],
    from,
    from + 10 * 365 * DAY_MS,
  );
  return { ca: record.ca, serving: record.serving };
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** A kubeconfig for `server` with a fresh client certificate for `user`. */
export async function issueKubeconfig(
  ca: Pem,
  cluster: ClusterRecord,
  opts: { server: string; user: string; now: number; minutes?: number },
): Promise<{ config: string; expiration: string }> {
  const expiresAt = opts.now + (opts.minutes !== undefined ? opts.minutes * 60_000 : LONG_LIVED_MS);
  // Valid from a minute before issue (clock skew), to the second of the expiration.
  const expiresAtSec = Math.floor(expiresAt / 1000) * 1000;
  const client = await createClientCert(ca, opts.user, opts.now - 60_000, expiresAtSec);
  const userName = opts.user;
  const ctx = `${userName}-${cluster.cluster_id}`;
  const config = stringify({
    apiVersion: 'v1',
    clusters: [
      {
        cluster: { server: opts.server, 'certificate-authority-data': b64(ca.cert) },
        name: 'kubernetes',
      },
    ],
    contexts: [{ context: { cluster: 'kubernetes', user: userName }, name: ctx }],
    'current-context': ctx,
    kind: 'Config',
    preferences: {},
    users: [
      {
        name: userName,
        user: { 'client-certificate-data': b64(client.cert), 'client-key-data': b64(client.key) },
      },
    ],
  });
  return { config, expiration: new Date(expiresAtSec).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

/** Who is calling a cluster's API server: the connection's target, the client certificate. */
export interface KubeClient {
  accountId: string;
  clusterId: string;
  cert: X509Certificate | undefined;
}

export type AuthResult =
  | { ok: true; account: AccountState; cluster: ClusterRecord; user: string }
  | { ok: false; reason: 'missing' | 'untrusted' | 'expired' | 'cluster' };

/** Authenticates a client certificate against the CA of the cluster the connection reached. */
export function authenticate(
  registry: Registry,
  clusterId: string,
  client: KubeClient | undefined,
  now: number,
): AuthResult {
  if (!client || client.clusterId !== clusterId) return { ok: false, reason: 'cluster' };
  const account = registry.accounts().find((a) => a.accountId === client.accountId);
  const record = account?.accountStore(API_SERVER_STORE).servers.get(clusterId);
  if (!account || !record?.ca) return { ok: false, reason: 'cluster' };
  let cluster: ClusterRecord | undefined;
  for (const regionId of account.regionIds()) {
    cluster = account.store(regionId, CS_STORE).clusters.get(clusterId);
    if (cluster) break;
  }
  if (!cluster) return { ok: false, reason: 'cluster' };
  const check = checkClientCert(record.ca.cert, client.cert, now);
  if (!check.ok) return check;
  return { ok: true, account, cluster, user: check.user };
}
