import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import type { ClusterRecord } from '../products/cs/model';
import { CS_STORE } from '../products/cs/model';
import type { AccountState, Registry } from '../state/registry';
import { storeKey } from '../state/registry';

// Kubeconfigs that DescribeClusterUserKubeconfig hands out: each carries its own bearer token,
// bound to one cluster and valid until its expiration (simulated time). The Kubernetes API of the
// local cloud accepts exactly these tokens.

export interface KubeToken {
  clusterId: string;
  regionId: string;
  /** The RAM identity the kubeconfig authenticates as (the account id here). */
  user: string;
  issuedAt: number;
  expiresAt: number;
}

export interface KubeconfigStore {
  tokens: Map<string, KubeToken>;
}

export const KUBECONFIG_STORE = storeKey<KubeconfigStore>('kubeconfigs', () => ({
  tokens: new Map(),
}));

/** Where a cluster's Kubernetes API is served under the local cloud's endpoint. */
export function kubeApiPath(clusterId: string): string {
  return `/clusters/${encodeURIComponent(clusterId)}/k8s`;
}

/** Long-lived kubeconfigs (no TemporaryDurationMinutes) last 3 years, as ACK's do. */
export const LONG_LIVED_MS = 3 * 365 * 24 * 3600_000;

export function issueKubeconfig(
  account: AccountState,
  cluster: ClusterRecord,
  opts: { endpoint: string; now: number; minutes?: number; privateIp: boolean },
): { config: string; expiration: string; token: string } {
  const token = `${account.accountId}.${randomBytes(24).toString('base64url')}`;
  const expiresAt = opts.now + (opts.minutes !== undefined ? opts.minutes * 60_000 : LONG_LIVED_MS);
  account.accountStore(KUBECONFIG_STORE).tokens.set(token, {
    clusterId: cluster.cluster_id,
    regionId: cluster.region_id,
    user: account.accountId,
    issuedAt: opts.now,
    expiresAt,
  });
  const user = `${account.accountId}`;
  const ctx = `${user}-${cluster.cluster_id}`;
  const config = stringify({
    apiVersion: 'v1',
    clusters: [
      {
        // The local API is plain HTTP; @kubernetes/client-node 1.x refuses an http server
        // unless the cluster skips TLS verification (a real ACK kubeconfig carries
        // certificate-authority-data and an https server instead).
        cluster: {
          server: `${opts.endpoint}${kubeApiPath(cluster.cluster_id)}`,
          'insecure-skip-tls-verify': true,
        },
        name: 'kubernetes',
      },
    ],
    contexts: [{ context: { cluster: 'kubernetes', user }, name: ctx }],
    'current-context': ctx,
    kind: 'Config',
    preferences: {},
    users: [{ name: user, user: { token } }],
  });
  return {
    config,
    expiration: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    token,
  };
}

export type AuthResult =
  | { ok: true; account: AccountState; cluster: ClusterRecord }
  | { ok: false; reason: 'missing' | 'unknown' | 'expired' | 'cluster' };

/** Finds who a bearer token belongs to, for the cluster the request addresses. */
export function authenticate(
  registry: Registry,
  clusterId: string,
  authorization: string | undefined,
  now: number,
): AuthResult {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m?.[1]) return { ok: false, reason: 'missing' };
  const token = m[1];
  for (const account of registry.accounts()) {
    const t = account.accountStore(KUBECONFIG_STORE).tokens.get(token);
    if (!t) continue;
    if (t.clusterId !== clusterId) return { ok: false, reason: 'cluster' };
    if (now >= t.expiresAt) return { ok: false, reason: 'expired' };
    const cluster = account.store(t.regionId, CS_STORE).clusters.get(clusterId);
    if (!cluster) return { ok: false, reason: 'cluster' };
    return { ok: true, account, cluster };
  }
  return { ok: false, reason: 'unknown' };
}
