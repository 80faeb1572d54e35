import { createHash, randomUUID } from 'node:crypto';

/**
 * The state of one Nacos 3.x server (an MSE Nacos instance or the self-hosted one): its version,
 * users, namespaces and MCP registry. Plain data (Maps allowed) so the state file keeps it.
 *
 * MCP storage mirrors what Nacos keeps: per server an id, a name unique in its
 * namespace, the published latest version and every version with its own server, tool and
 * endpoint specification.
 */

export type McpProtocol = 'stdio' | 'mcp-sse' | 'mcp-streamable' | 'http' | 'dubbo';
export const MCP_PROTOCOLS: readonly McpProtocol[] = [
  'stdio',
  'mcp-sse',
  'mcp-streamable',
  'http',
  'dubbo',
];

export interface McpTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

export interface McpToolSpec {
  tools: McpTool[];
  toolsMeta: Record<string, { enabled?: boolean; invokeContext?: Record<string, string> }>;
  securitySchemes?: unknown[];
}

export interface McpEndpointSpec {
  type: 'DIRECT' | 'REF';
  data: Record<string, string>;
}

export interface McpVersionRecord {
  version: string;
  /** `yyyy-MM-ddTHH:mm:ssZ`, stamped by the server. */
  release_date: string;
  /** The server specification as stored (no id, no versionDetail: those are the server's). */
  spec: Record<string, unknown>;
  toolSpec: McpToolSpec | null;
  endpointSpec: McpEndpointSpec | null;
}

export interface McpServerRecord {
  id: string;
  name: string;
  namespaceId: string;
  latestPublishedVersion: string;
  versions: McpVersionRecord[];
}

export interface NacosNamespace {
  namespace: string;
  namespaceShowName: string;
  namespaceDesc: string;
}

export interface NacosServerState {
  /** e.g. `3.0.3`; `3.0.0` speaks the first MCP API (no ids, no versions). */
  version: string;
  /** Admin API auth (`nacos.core.auth.admin.enabled`, on by default). */
  authEnabled: boolean;
  users: Map<string, string>;
  /** HMAC key of the tokens this server issues (`token.secret.key`). */
  tokenSecret: string;
  /** Token lifetime, seconds (`token.expire.seconds`, default 18000). */
  tokenTtlSeconds: number;
  namespaces: NacosNamespace[];
  /** mcpId → server. */
  mcp: Map<string, McpServerRecord>;
}

/** The password of user `nacos` on every Nacos of the local cloud (README sandbox table). */
export const NACOS_SANDBOX_PASSWORD = 'Dify#Nacos2026';

export function releaseDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Deterministic UUIDs for seeded servers, so fixtures and tests can name them. */
export function seededUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function newUuid(): string {
  return randomUUID();
}

export function newNacosServer(version: string, seed: string): NacosServerState {
  return {
    version,
    authEnabled: true,
    users: new Map([['nacos', NACOS_SANDBOX_PASSWORD]]),
    tokenSecret: createHash('sha256').update(`token:${seed}`).digest('base64'),
    tokenTtlSeconds: 18000,
    namespaces: [
      { namespace: 'public', namespaceShowName: 'public', namespaceDesc: 'Public Namespace' },
    ],
    mcp: new Map(),
  };
}

/** Numeric comparison of dotted versions (`3.0.10` > `3.0.9`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** 3.0.0 is the first MCP API: default namespace `nacos-default-mcp`, no ids, no version history. */
export const isLegacyMcpApi = (s: NacosServerState) => compareVersions(s.version, '3.0.1') < 0;
