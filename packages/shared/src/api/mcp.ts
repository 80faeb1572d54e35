import { z } from 'zod';
import { RegionIdSchema } from '../domain/regions';
import type { Endpoint } from './contract';

// The Nacos MCP Registry page: the connection to a registry (MSE Nacos or self-hosted Nacos 3.x),
// its MCP servers and tools, what Dify's `nacos_mcp` plugin will see, and the values Dify needs.

/** Nacos 3.0.0 spoke a first MCP API (no ids, no versions); the Dify plugin needs 3.0.1. */
export const MIN_NACOS_VERSION = '3.0.1';

export const NamespaceIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[\w.:-]+$/, { error: 'namespace.format' })
  .describe('Nacos namespace ID (`public` by default)');

// ── registries of the account (MSE) ─────────────────────────────────────────────────────────

export const MseRegistrySchema = z.object({
  instanceId: z.string(),
  name: z.string().describe('The instance alias'),
  regionId: z.string(),
  engine: z.string().describe('Nacos-Ans, ZooKeeper, Eureka'),
  version: z.string().describe('Engine version, e.g. 3.0.3'),
  edition: z.string().describe('mse_dev, mse_pro, mse_serverless'),
  state: z.string().describe('InitStatus, RESTART_SUCCESS when running'),
  running: z.boolean(),
  vpcId: z.string(),
  intranetAddress: z.string().nullable().describe('Intranet domain:port (reachable inside the VPC)'),
  internetAddress: z.string().nullable().describe('Internet domain:port, when the instance has one'),
  eligible: z.boolean().describe('A running Nacos of at least 3.0.1'),
  reason: z.string().nullable().describe("Why it cannot be used, in the user's language"),
});
export type MseRegistry = z.infer<typeof MseRegistrySchema>;

export const MseRegistryListSchema = z.object({ items: z.array(MseRegistrySchema) });

// ── the connection ──────────────────────────────────────────────────────────────────────────

export const RegistryAuthSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('password'),
    username: z.string().trim().min(1).max(128).describe('Nacos user, e.g. nacos'),
    password: z.string().min(1).max(256).describe('Its password (kept in the BFF, never shown back or logged)'),
  }),
  z.object({
    type: z.literal('accessKey'),
    accessKeyId: z.string().trim().min(1).max(128).describe('Alibaba Cloud AccessKey ID (MSE only)'),
    accessKeySecret: z.string().min(1).max(256).describe('Its secret (kept in the BFF, never shown back or logged)'),
  }),
]);
export type RegistryAuth = z.infer<typeof RegistryAuthSchema>;

/** `host` or `host:port` (http is assumed, as the Dify plugin assumes it). */
export const NacosAddressSchema = z
  .string()
  .trim()
  .max(260, { error: 'nacosAddress.format' })
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/i, {
    error: 'nacosAddress.format',
  })
  .describe('Nacos address host:port, e.g. 10.0.0.5:8848');

export const ConnectRequestSchema = z
  .object({
    target: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('mse'),
        regionId: RegionIdSchema,
        instanceId: z.string().max(64).regex(/^mse[-\w]+$/),
        network: z
          .enum(['internet', 'intranet'])
          .default('internet')
          .describe('How the console reaches it: internet, or intranet when the console runs in the VPC'),
      }),
      z.object({ kind: z.literal('selfHosted'), address: NacosAddressSchema }),
    ]),
    auth: RegistryAuthSchema,
    keepMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .nullable()
      .default(null)
      .describe('Forget the credentials after this many minutes; null: until disconnected or the console stops (memory only)'),
  })
  .refine((v) => v.auth.type === 'password' || v.target.kind === 'mse', {
    path: ['auth', 'type'],
    error: 'accessKey.mseOnly',
  });
export type ConnectRequest = z.input<typeof ConnectRequestSchema>;

export const ConnectionSchema = z.object({
  connected: z.boolean(),
  kind: z.enum(['mse', 'selfHosted']).nullable(),
  label: z.string().nullable().describe('Instance alias or address'),
  address: z.string().nullable().describe('The address the console uses'),
  version: z.string().nullable().describe('Nacos server version'),
  authType: z.enum(['password', 'accessKey']).nullable(),
  principal: z.string().nullable().describe('User name, or the AccessKey ID masked'),
  mse: z
    .object({ instanceId: z.string(), regionId: z.string(), vpcId: z.string(), intranetAddress: z.string().nullable(), internetAddress: z.string().nullable() })
    .nullable(),
  expiresAt: z.string().nullable().describe('When the credentials are forgotten (null: memory until disconnect)'),
  namespaces: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
});
export type Connection = z.infer<typeof ConnectionSchema>;

// ── MCP servers ─────────────────────────────────────────────────────────────────────────────

export const McpProtocolSchema = z.string().describe('stdio, mcp-sse, mcp-streamable, http, dubbo');

export const McpServerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  protocol: McpProtocolSchema,
  frontProtocol: z.string().nullable(),
  description: z.string(),
  latestVersion: z.string().describe('The published latest version'),
  versions: z.array(z.string()),
  enabled: z.boolean(),
  visibleToDify: z.boolean().describe('The nacos_mcp plugin lists only mcp-sse and mcp-streamable servers'),
});
export type McpServerSummary = z.infer<typeof McpServerSummarySchema>;

export const McpServerPageSchema = z.object({
  items: z.array(McpServerSummarySchema),
  totalCount: z.number(),
  pageNo: z.number(),
  pageSize: z.number(),
});
export type McpServerPage = z.infer<typeof McpServerPageSchema>;

export const McpToolSchema = z.object({
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  inputSchema: z.record(z.string(), z.unknown()).describe('JSON Schema of the arguments'),
});
export type McpTool = z.infer<typeof McpToolSchema>;

export const McpServerDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  namespaceId: z.string(),
  protocol: McpProtocolSchema,
  frontProtocol: z.string().nullable(),
  description: z.string(),
  version: z.string().describe('The version shown'),
  latestVersion: z.string(),
  versions: z.array(z.object({ version: z.string(), releaseDate: z.string(), latest: z.boolean() })),
  endpoints: z.array(z.string()).describe('Backend endpoints as URLs'),
  localConfig: z.string().nullable().describe('stdio: the command description (JSON)'),
  tools: z.array(McpToolSchema),
  revision: z.string().describe('Fingerprint of this version as read: an update names it, so a change made meanwhile is detected'),
});
export type McpServerDetail = z.infer<typeof McpServerDetailSchema>;

export const ToolChangeSchema = z
  .object({
    namespaceId: NamespaceIdSchema,
    version: z.string().min(1).max(64),
    revision: z.string().min(1).max(64).describe('The revision the change was made on'),
    enabled: z.boolean().optional(),
    description: z.string().max(4000).optional(),
  })
  .refine((v) => v.enabled !== undefined || v.description !== undefined, { path: ['enabled'], error: 'toolChange.empty' });
export type ToolChange = z.infer<typeof ToolChangeSchema>;

export const PublishRequestSchema = z.object({
  namespaceId: NamespaceIdSchema,
  version: z.string().min(1).max(64),
  revision: z.string().min(1).max(64),
});

// ── what Dify sees, and how to connect it ───────────────────────────────────────────────────

export const DifyViewSchema = z.object({
  namespaceId: z.string(),
  servers: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      protocol: z.string(),
      version: z.string(),
      tools: z.array(z.object({ name: z.string(), description: z.string() })),
    }),
  ),
  hidden: z
    .array(z.object({ name: z.string(), reason: z.string() }))
    .describe('Servers and tools Dify will not offer, with why'),
});
export type DifyView = z.infer<typeof DifyViewSchema>;

export const CheckSchema = z.object({
  id: z.string(),
  status: z.enum(['pass', 'fail', 'warn']),
  title: z.string(),
  detail: z.string(),
});

export const DifyCardSchema = z.object({
  plugin: z.object({
    nacos_addr: z.string().describe('As the Dify pods must reach it'),
    nacos_username: z.string().nullable(),
    nacos_password: z.string().nullable().describe('Always masked'),
    nacos_accessKey: z.string().nullable(),
    nacos_secretKey: z.string().nullable().describe('Always masked'),
    namespace_id: z.string(),
  }),
  addressNote: z.string(),
  steps: z.array(z.string()).describe('The steps in Dify, in words; identifiers to type are between backticks'),
  router: z.object({
    url: z.string().describe('URL to add in Dify (Tools → MCP)'),
    env: z.record(z.string(), z.string()).describe('Environment of nacos-mcp-router (secrets masked)'),
    note: z.string().describe('In words; identifiers between backticks'),
  }),
  reachability: z
    .object({ deploymentId: z.string(), clusterId: z.string(), checks: z.array(CheckSchema) })
    .nullable(),
});
export type DifyCard = z.infer<typeof DifyCardSchema>;

// ── endpoints ───────────────────────────────────────────────────────────────────────────────

const ServerParams = z.object({ mcpId: z.string({ error: 'mcpId.format' }).min(1, { error: 'mcpId.format' }).max(64, { error: 'mcpId.format' }) });
const NsQuery = z.object({ namespaceId: NamespaceIdSchema.default('public') });

export const listMseRegistries = {
  method: 'GET',
  path: '/api/v1/mcp/registries',
  summary: 'MSE registry instances of the account in a region, Nacos 3.0.1+ marked usable',
  query: z.object({ regionId: RegionIdSchema }),
  response: MseRegistryListSchema,
} as const satisfies Endpoint;

export const getConnection = {
  method: 'GET',
  path: '/api/v1/mcp/connection',
  summary: 'The current registry connection (never its secrets)',
  response: ConnectionSchema,
} as const satisfies Endpoint;

export const connect = {
  method: 'PUT',
  path: '/api/v1/mcp/connection',
  summary: 'Connect to a registry: checks the address, the version (3.0.1+) and the credentials',
  body: ConnectRequestSchema,
  response: ConnectionSchema,
} as const satisfies Endpoint;

export const disconnect = {
  method: 'DELETE',
  path: '/api/v1/mcp/connection',
  summary: 'Forget the registry connection and its credentials',
  response: ConnectionSchema,
} as const satisfies Endpoint;

export const listMcpServers = {
  method: 'GET',
  path: '/api/v1/mcp/servers',
  summary: 'MCP servers of a namespace (search by name, paging)',
  query: z.object({
    namespaceId: NamespaceIdSchema.default('public'),
    search: z.string().max(128).optional().describe('Part of the name'),
    pageNo: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  }),
  response: McpServerPageSchema,
} as const satisfies Endpoint;

export const getMcpServer = {
  method: 'GET',
  path: '/api/v1/mcp/servers/:mcpId',
  summary: 'An MCP server: protocol, endpoints, versions, tools with their input schemas and state',
  params: ServerParams,
  query: NsQuery.extend({ version: z.string().max(64).optional().describe('Default: the published latest') }),
  response: McpServerDetailSchema,
} as const satisfies Endpoint;

export const changeMcpTool = {
  method: 'PUT',
  path: '/api/v1/mcp/servers/:mcpId/tools/:toolName',
  summary: 'Switch a tool on or off or change its description; refused (409) when the server changed meanwhile',
  params: ServerParams.extend({
    toolName: z.string({ error: 'toolName.format' }).min(1, { error: 'toolName.format' }).max(128, { error: 'toolName.format' }),
  }),
  body: ToolChangeSchema,
  response: McpServerDetailSchema,
} as const satisfies Endpoint;

export const publishMcpVersion = {
  method: 'POST',
  path: '/api/v1/mcp/servers/:mcpId/publish',
  summary: 'Make a version the published latest',
  params: ServerParams,
  body: PublishRequestSchema,
  response: McpServerDetailSchema,
} as const satisfies Endpoint;

export const getDifyView = {
  method: 'GET',
  path: '/api/v1/mcp/dify-view',
  summary: 'The servers and tools the Dify nacos_mcp plugin would offer',
  query: NsQuery,
  response: DifyViewSchema,
} as const satisfies Endpoint;

export const getDifyCard = {
  method: 'GET',
  path: '/api/v1/mcp/dify-card',
  summary: "The values for the Dify plugin's authorization form, the router alternative, and a reachability check",
  query: NsQuery.extend({ deploymentId: z.string().max(64).regex(/^si-[a-z0-9]+$/).optional() }),
  response: DifyCardSchema,
} as const satisfies Endpoint;
