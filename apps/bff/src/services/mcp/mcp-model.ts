import { createHash } from 'node:crypto';
import type { McpServerDetail, McpServerSummary } from '@dify-console/shared/api/mcp';
import type { McpDetailWire, McpSummaryWire } from '../../ports/mcp';

/**
 * Pure translations between Nacos' MCP shapes and the console's, and the rules of the Dify
 * `nacos_mcp` plugin (which servers and tools it offers).
 */

/** The plugin lists only these protocols (and refuses to call any other). */
export const DIFY_PROTOCOLS = ['mcp-sse', 'mcp-streamable'] as const;
export const visibleToDify = (protocol: string) => (DIFY_PROTOCOLS as readonly string[]).includes(protocol);

/** Numeric comparison of dotted versions (`3.0.10` > `3.0.9`); suffixes such as `-beta` count as lower. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function summaryOf(s: McpSummaryWire): McpServerSummary {
  const versions = (s.versionDetails ?? []).map((v) => v.version);
  const latest = s.latestPublishedVersion ?? s.versionDetail?.version ?? s.version ?? '';
  return {
    id: s.id ?? '',
    name: s.name,
    protocol: s.protocol,
    frontProtocol: s.frontProtocol ?? null,
    description: s.description ?? '',
    latestVersion: latest,
    versions: versions.length > 0 ? versions : latest ? [latest] : [],
    enabled: s.enabled !== false,
    visibleToDify: visibleToDify(s.protocol),
  };
}

/** Tools with their on/off state (a tool without meta is on). */
export function toolsOf(d: McpDetailWire) {
  const meta = d.toolSpec?.toolsMeta ?? {};
  return (d.toolSpec?.tools ?? []).map((t) => ({
    name: t.name,
    description: t.description ?? '',
    enabled: meta[t.name]?.enabled !== false,
    inputSchema: t.inputSchema ?? {},
  }));
}

/** A fingerprint of the version as read: any change to it (or to its server's versions) changes it. */
export function revisionOf(d: McpDetailWire): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256').update(JSON.stringify(canonical(d))).digest('base64url').slice(0, 22);
}

export function detailOf(d: McpDetailWire, namespaceId: string): McpServerDetail {
  const version = d.versionDetail?.version ?? d.version ?? '';
  const all = d.allVersions ?? [{ version, release_date: d.versionDetail?.release_date ?? '', is_latest: true }];
  const latest = all.find((v) => v.is_latest)?.version ?? version;
  return {
    id: d.id ?? '',
    name: d.name,
    namespaceId: d.namespaceId ?? namespaceId,
    protocol: d.protocol,
    frontProtocol: d.frontProtocol ?? null,
    description: d.description ?? '',
    version,
    latestVersion: latest,
    versions: all.map((v) => ({ version: v.version, releaseDate: v.release_date ?? '', latest: v.is_latest === true })),
    endpoints: (d.backendEndpoints ?? []).map((e) => `${e.protocol ?? 'http'}://${e.address}:${e.port}${e.path ?? ''}`),
    localConfig: d.localServerConfig === undefined || d.localServerConfig === null ? null : JSON.stringify(d.localServerConfig, null, 2),
    tools: toolsOf(d),
    revision: revisionOf(d),
  };
}

/** Fields of the detail answer that are the server's, not part of the server specification. */
const DETAIL_ONLY = ['namespaceId', 'backendEndpoints', 'frontendEndpoints', 'toolSpec', 'allVersions', 'latestPublishedVersion', 'versionDetails'];

/**
 * The update that rewrites a version exactly as it was read, with `edit` applied to its tool
 * specification only: same server specification (id, name, protocol, description, configs), same
 * endpoint, same publication state unless `publish` says otherwise.
 */
export function updateFrom(
  d: McpDetailWire,
  namespaceId: string,
  edit: (toolSpec: Record<string, unknown>) => void,
  publish?: boolean,
) {
  const raw = d as Record<string, unknown>;
  const spec: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!DETAIL_ONLY.includes(k)) spec[k] = v;
  const version = d.versionDetail?.version ?? d.version ?? '';
  spec.versionDetail = { version };
  const toolSpec = structuredClone((raw.toolSpec ?? { tools: [], toolsMeta: {} }) as Record<string, unknown>);
  edit(toolSpec);
  const endpoints = d.backendEndpoints ?? [];
  const single = endpoints.length === 1 ? endpoints[0] : undefined;
  return {
    namespaceId,
    mcpName: d.name,
    serverSpecification: JSON.stringify(spec),
    toolSpecification: JSON.stringify(toolSpec),
    ...(d.protocol !== 'stdio' && single
      ? { endpointSpecification: JSON.stringify({ type: 'DIRECT', data: { address: single.address, port: String(single.port) } }) }
      : {}),
    latest: publish ?? d.versionDetail?.is_latest === true,
  };
}

/** Switches one tool and/or sets its description, leaving every other tool and field as it was. */
export function editTool(name: string, change: { enabled?: boolean | undefined; description?: string | undefined }) {
  return (toolSpec: Record<string, unknown>) => {
    const tools = (toolSpec.tools ?? []) as Record<string, unknown>[];
    const tool = tools.find((t) => t.name === name);
    if (!tool) throw new Error(`no tool ${name}`);
    if (change.description !== undefined) tool.description = change.description;
    if (change.enabled !== undefined) {
      const meta = (toolSpec.toolsMeta ?? {}) as Record<string, Record<string, unknown>>;
      meta[name] = { ...(meta[name] ?? {}), enabled: change.enabled };
      toolSpec.toolsMeta = meta;
    }
  };
}

/** `LTAI5t…` → `LTAI****Q7x`: enough to recognise it, not to use it. */
export function maskKeyId(id: string): string {
  return id.length <= 8 ? '****' : `${id.slice(0, 4)}****${id.slice(-3)}`;
}
