import { createHmac, timingSafeEqual } from 'node:crypto';
import { parsePairs } from '../protocol/encoding';
import {
  compareVersions,
  isLegacyMcpApi,
  MCP_PROTOCOLS,
  newUuid,
  releaseDate,
  type McpEndpointSpec,
  type McpServerRecord,
  type McpToolSpec,
  type McpVersionRecord,
  type NacosServerState,
} from './model';

/**
 * The HTTP API of a Nacos 3.x server, as far as the MCP registry needs it (reference
 * nacos-mcp.md): login (v1 and v3 paths), server state, namespaces, and the MCP admin API with its
 * `{code, message, data}` envelope, HTTP statuses and detail codes. Authentication as the default
 * auth plugin does it: a token from the login (`accessToken` header or parameter, or
 * `Authorization: Bearer`), or `username`/`password` sent along; for MSE instances also the
 * Alibaba Cloud AccessKey signature (`Spas-AccessKey`, `Spas-Signature`, `Timestamp`).
 */

export interface NacosRequest {
  method: string;
  path: string;
  rawQuery: string;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export interface NacosResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface NacosContext {
  state: NacosServerState;
  /** Wall clock, ms (tokens and signatures live in real time, as clients count it). */
  now: number;
  /** MSE instances: the secret of an AccessKey allowed on this instance (undefined otherwise). */
  accessKeySecret?: (accessKeyId: string) => string | undefined;
  changed(): void;
}

// Detail codes (com.alibaba.nacos.api.model.v2.ErrorCode).
const CODES = {
  parameterMissing: { code: 10000, message: 'parameter missing' },
  parameterValidate: { code: 20002, message: 'parameter validate error' },
  resourceConflict: { code: 20005, message: 'resource conflict' },
  mcpServerNotFound: { code: 50000, message: 'mcp server not found' },
  mcpVersionNotFound: { code: 50001, message: 'mcp server version not found' },
  mcpVersionExists: { code: 50002, message: 'mcp server version has existed' },
  endpointServiceNotFound: { code: 50003, message: 'mcp server ref endpoint service not found' },
} as const;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: { code: number; message: string },
    readonly data: string,
  ) {
    super(data);
  }
}

/** What the auth filter answers (Spring's error body). Exact body: UNCONFIRMED; status and message are the plugin's. */
class Forbidden extends Error {}

const ok = (data: unknown): NacosResponse => ({
  status: 200,
  body: { code: 0, message: 'success', data },
});

function springError(status: number, error: string, message: string, path: string, now: number) {
  return {
    status,
    body: { timestamp: new Date(now).toISOString(), status, error, message, path },
  };
}

class Params {
  private readonly map = new Map<string, string>();
  constructor(req: NacosRequest) {
    for (const [k, v] of parsePairs(req.rawQuery)) this.map.set(k, v);
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (type.startsWith('application/x-www-form-urlencoded') && req.body.length > 0)
      for (const [k, v] of parsePairs(req.body.toString('utf8'))) this.map.set(k, v);
  }
  get(name: string): string | undefined {
    const v = this.map.get(name);
    return v === undefined || v === '' ? undefined : v;
  }
  required(name: string, type = 'String'): string {
    const v = this.get(name);
    if (v === undefined)
      throw new ApiError(
        400,
        CODES.parameterMissing,
        `Required parameter '${name}' type ${type} is not present`,
      );
    return v;
  }
  int(name: string, def: number): number {
    const raw = this.get(name);
    if (raw === undefined) return def;
    if (!/^-?\d+$/.test(raw))
      throw new ApiError(400, CODES.parameterValidate, `Parameter '${name}' must be a number`);
    const n = Number(raw);
    if (n < 1)
      throw new ApiError(400, CODES.parameterValidate, `Parameter '${name}' must be at least 1`);
    return n;
  }
  json<T>(name: string): T | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as T;
    } catch {
      throw new ApiError(400, CODES.parameterValidate, `Parameter '${name}' is not valid JSON`);
    }
  }
}

// ── tokens ───────────────────────────────────────────────────────────────────────────────────

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function issueToken(state: NacosServerState, user: string, now: number): string {
  const payload = b64url(
    JSON.stringify({ sub: user, exp: Math.floor(now / 1000) + state.tokenTtlSeconds }),
  );
  const sig = createHmac('sha256', state.tokenSecret).update(payload).digest('base64url');
  return `${payload}.${sig}`;
}

function checkToken(state: NacosServerState, token: string, now: number): string {
  const [payload, sig] = token.split('.');
  if (payload === undefined || sig === undefined) throw new Forbidden('token invalid!');
  const want = createHmac('sha256', state.tokenSecret).update(payload).digest();
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want))
    throw new Forbidden('token invalid!');
  let claims: { sub?: unknown; exp?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    throw new Forbidden('token invalid!');
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now)
    throw new Forbidden('token expired!');
  if (typeof claims.sub !== 'string' || !state.users.has(claims.sub))
    throw new Forbidden('user not found!');
  return claims.sub;
}

/** The Spas signature of the maintainer SDK: HMAC-SHA1 over `[namespace+group+]timestamp`. */
export function spasSign(secret: string, timestamp: string, namespaceId = '', group = ''): string {
  const resource = namespaceId !== '' ? `${namespaceId}+${group}` : group;
  const content = resource.trim() !== '' ? `${resource}+${timestamp}` : timestamp;
  return createHmac('sha1', secret).update(content).digest('base64');
}

const SIGNATURE_WINDOW_MS = 15 * 60 * 1000;

function authenticate(ctx: NacosContext, req: NacosRequest, p: Params): string {
  const h = req.headers;
  const bearer = /^Bearer\s+(.+)$/i.exec(h.authorization ?? '')?.[1];
  const token = h.accesstoken ?? p.get('accessToken') ?? bearer;
  if (token !== undefined && token !== '') return checkToken(ctx.state, token, ctx.now);
  const user = p.get('username') ?? h.username;
  const password = p.get('password') ?? h.password;
  if (user !== undefined && password !== undefined) {
    if (ctx.state.users.get(user) !== password) throw new Forbidden('unknown user!');
    return user;
  }
  const ak = h['spas-accesskey'];
  if (ak !== undefined && ctx.accessKeySecret) {
    const secret = ctx.accessKeySecret(ak);
    const ts = h.timestamp ?? '';
    const sig = h['spas-signature'] ?? '';
    if (secret === undefined) throw new Forbidden('unknown user!');
    if (!/^\d+$/.test(ts) || Math.abs(ctx.now - Number(ts)) > SIGNATURE_WINDOW_MS)
      throw new Forbidden('signature expired!');
    const ns = p.get('namespaceId') ?? '';
    const candidates = [spasSign(secret, ts, ns), spasSign(secret, ts)];
    if (!candidates.includes(sig)) throw new Forbidden('unknown user!');
    return `ak:${ak}`;
  }
  throw new Forbidden('user not found!');
}

// ── rendering ────────────────────────────────────────────────────────────────────────────────

function versionOf(s: McpServerRecord, version: string | undefined): McpVersionRecord {
  // An empty version means the last entry of the version list (the service's rule).
  const v =
    version === undefined
      ? s.versions[s.versions.length - 1]
      : s.versions.find((x) => x.version === version);
  if (!v)
    throw new ApiError(
      404,
      CODES.mcpVersionNotFound,
      `mcp server ${s.name} version ${version ?? ''} not found`,
    );
  return v;
}

const versionDetail = (s: McpServerRecord, v: McpVersionRecord) => ({
  version: v.version,
  release_date: v.release_date,
  is_latest: v.version === s.latestPublishedVersion,
});

function summary(state: NacosServerState, s: McpServerRecord, v: McpVersionRecord) {
  const { name, ...spec } = v.spec;
  void name;
  if (isLegacyMcpApi(state)) return { name: s.name, ...spec, version: v.version };
  return {
    id: s.id,
    name: s.name,
    ...spec,
    versionDetail: versionDetail(s, v),
    ...(compareVersions(state.version, '3.0.2') >= 0 ? { version: v.version } : {}),
  };
}

function backendEndpoints(v: McpVersionRecord) {
  const e = v.endpointSpec;
  if (!e || e.type !== 'DIRECT') return [];
  const exportPath = (v.spec.remoteServerConfig as { exportPath?: string } | undefined)
    ?.exportPath;
  return [
    {
      protocol: e.data.port === '443' ? 'https' : 'http',
      address: e.data.address,
      port: Number(e.data.port),
      path: exportPath ?? '',
      headers: [],
    },
  ];
}

function detail(state: NacosServerState, s: McpServerRecord, v: McpVersionRecord) {
  const base = {
    ...summary(state, s, v),
    namespaceId: s.namespaceId,
    backendEndpoints: backendEndpoints(v),
    toolSpec: v.toolSpec ?? { tools: [], toolsMeta: {} },
  };
  if (isLegacyMcpApi(state)) return base;
  return {
    ...base,
    ...(compareVersions(state.version, '3.0.3') >= 0 ? { frontendEndpoints: [] } : {}),
    allVersions: s.versions.map((x) => versionDetail(s, x)),
  };
}

// ── MCP admin API ────────────────────────────────────────────────────────────────────────────

function defaultNamespace(state: NacosServerState) {
  return isLegacyMcpApi(state) ? 'nacos-default-mcp' : 'public';
}

function inNamespace(state: NacosServerState, ns: string): McpServerRecord[] {
  return [...state.mcp.values()].filter((s) => s.namespaceId === ns);
}

function find(state: NacosServerState, ns: string, p: Params): McpServerRecord {
  const id = isLegacyMcpApi(state) ? undefined : p.get('mcpId');
  const name = p.get('mcpName');
  if (id === undefined && name === undefined)
    throw new ApiError(
      400,
      CODES.parameterMissing,
      isLegacyMcpApi(state)
        ? "Required parameter 'mcpName' type String is not present"
        : "Required parameter 'mcpId' or 'mcpName' is not present",
    );
  const s =
    id !== undefined
      ? state.mcp.get(id)
      : inNamespace(state, ns).find((x) => x.name === name);
  if (!s || s.namespaceId !== ns)
    throw new ApiError(
      404,
      CODES.mcpServerNotFound,
      `mcp server ${id ?? name ?? ''} not found in namespace ${ns}`,
    );
  return s;
}

function list(state: NacosServerState, p: Params) {
  const ns = p.get('namespaceId') ?? defaultNamespace(state);
  const search = p.get('search') ?? 'accurate';
  if (search !== 'accurate' && search !== 'blur')
    throw new ApiError(
      400,
      CODES.parameterValidate,
      `Parameter 'search' must be 'accurate' or 'blur', got '${search}'`,
    );
  const pageNo = p.int('pageNo', 1);
  const pageSize = p.int('pageSize', 100);
  const name = p.get('mcpName');
  const all = inNamespace(state, ns).filter(
    (s) =>
      name === undefined || (search === 'accurate' ? s.name === name : s.name.includes(name)),
  );
  const items = all.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((s) => {
    const v = s.versions.find((x) => x.version === s.latestPublishedVersion) ?? versionOf(s, undefined);
    const base = summary(state, s, v);
    if (isLegacyMcpApi(state)) return base;
    return {
      ...base,
      latestPublishedVersion: s.latestPublishedVersion,
      versionDetails: s.versions.map((x) => versionDetail(s, x)),
    };
  });
  return {
    totalCount: all.length,
    pageNumber: pageNo,
    pagesAvailable: Math.ceil(all.length / pageSize),
    pageItems: items,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ParsedSpec {
  spec: Record<string, unknown>;
  version: string;
  id: string | undefined;
  name: string | undefined;
}

function parseSpec(state: NacosServerState, p: Params): ParsedSpec {
  const raw = p.json<Record<string, unknown>>('serverSpecification');
  if (raw === undefined)
    throw new ApiError(
      400,
      CODES.parameterMissing,
      "Required parameter 'serverSpecification' type String is not present",
    );
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ApiError(400, CODES.parameterValidate, 'serverSpecification must be an object');
  const { id, versionDetail: vd, version: plain, ...spec } = raw;
  const version =
    (vd as { version?: unknown } | undefined)?.version ?? (plain);
  if (typeof version !== 'string' || version === '')
    throw new ApiError(
      400,
      CODES.parameterValidate,
      'mcp server version is required (serverSpecification.versionDetail.version)',
    );
  const protocol = spec.protocol;
  if (typeof protocol !== 'string' || !(MCP_PROTOCOLS as readonly string[]).includes(protocol))
    throw new ApiError(
      400,
      CODES.parameterValidate,
      `mcp server protocol must be one of ${MCP_PROTOCOLS.join(', ')}`,
    );
  if (spec.name !== undefined && typeof spec.name !== 'string')
    throw new ApiError(400, CODES.parameterValidate, 'mcp server name must be a string');
  if (isLegacyMcpApi(state) && id !== undefined) delete spec.id;
  return {
    spec,
    version,
    id: typeof id === 'string' && id !== '' ? id : undefined,
    name: spec.name,
  };
}

function parseTools(p: Params): McpToolSpec | null {
  const t = p.json<McpToolSpec>('toolSpecification');
  if (t === undefined) return null;
  if (typeof t !== 'object' || t === null || (t.tools !== undefined && !Array.isArray(t.tools)))
    throw new ApiError(400, CODES.parameterValidate, 'toolSpecification.tools must be a list');
  for (const tool of t.tools ?? [])
    if (typeof tool.name !== 'string' || tool.name === '')
      throw new ApiError(400, CODES.parameterValidate, 'every tool needs a name');
  return { tools: t.tools ?? [], toolsMeta: t.toolsMeta ?? {}, ...(t.securitySchemes ? { securitySchemes: t.securitySchemes } : {}) };
}

function parseEndpoint(p: Params, protocol: string, required: boolean): McpEndpointSpec | null {
  const e = p.json<McpEndpointSpec>('endpointSpecification');
  if (e === undefined) {
    if (required && protocol !== 'stdio')
      throw new ApiError(
        400,
        CODES.parameterMissing,
        "Required parameter 'endpointSpecification' type String is not present",
      );
    return null;
  }
  if (e.type === 'DIRECT') {
    if (!e.data?.address || !e.data.port)
      throw new ApiError(400, CODES.parameterValidate, 'DIRECT endpoint needs address and port');
    return { type: 'DIRECT', data: { address: String(e.data.address), port: String(e.data.port) } };
  }
  if (e.type === 'REF') {
    const d = e.data ?? {};
    if (!d.namespaceId || !d.groupName || !d.serviceName)
      throw new ApiError(
        400,
        CODES.parameterValidate,
        'REF endpoint needs namespaceId, groupName and serviceName',
      );
    // The local cloud has no naming service: a referenced service never exists.
    throw new ApiError(
      404,
      CODES.endpointServiceNotFound,
      `service ${d.groupName}@@${d.serviceName} not found in namespace ${d.namespaceId}`,
    );
  }
  throw new ApiError(400, CODES.parameterValidate, 'endpointSpecification.type must be DIRECT or REF');
}

function create(ctx: NacosContext, p: Params) {
  const { state } = ctx;
  const ns = p.get('namespaceId') ?? defaultNamespace(state);
  const parsed = parseSpec(state, p);
  const name = parsed.name ?? p.get('mcpName');
  if (name === undefined)
    throw new ApiError(400, CODES.parameterMissing, "Required parameter 'mcpName' type String is not present");
  if (inNamespace(state, ns).some((s) => s.name === name))
    throw new ApiError(
      409,
      CODES.resourceConflict,
      `has existed mcp server in ${ns}, name ${name}, please update it rather than create`,
    );
  let id = newUuid();
  if (parsed.id !== undefined && !isLegacyMcpApi(state)) {
    if (!UUID.test(parsed.id) || state.mcp.has(parsed.id))
      throw new ApiError(400, CODES.parameterValidate, `mcp server id ${parsed.id} is not a free UUID`);
    id = parsed.id;
  }
  const protocol = parsed.spec.protocol as string;
  const record: McpServerRecord = {
    id,
    name,
    namespaceId: ns,
    latestPublishedVersion: parsed.version,
    versions: [
      {
        version: parsed.version,
        release_date: releaseDate(ctx.now),
        spec: { ...parsed.spec, name },
        toolSpec: parseTools(p),
        endpointSpec: parseEndpoint(p, protocol, true),
      },
    ],
  };
  state.mcp.set(id, record);
  ctx.changed();
  return compareVersions(state.version, '3.0.3') >= 0 ? id : 'ok';
}

function update(ctx: NacosContext, p: Params) {
  const { state } = ctx;
  const ns = p.get('namespaceId') ?? defaultNamespace(state);
  const parsed = parseSpec(state, p);
  const s =
    parsed.id !== undefined && !isLegacyMcpApi(state)
      ? state.mcp.get(parsed.id)
      : inNamespace(state, ns).find((x) => x.name === (parsed.name ?? p.get('mcpName')));
  if (!s || s.namespaceId !== ns)
    throw new ApiError(
      404,
      CODES.mcpServerNotFound,
      `mcp server ${parsed.id ?? parsed.name ?? p.get('mcpName') ?? ''} not found in namespace ${ns}`,
    );
  if (parsed.name !== undefined && parsed.name !== s.name)
    throw new ApiError(400, CODES.parameterValidate, 'mcp server name cannot be changed');
  const latestRaw = isLegacyMcpApi(state) ? 'true' : (p.get('latest') ?? 'true');
  if (latestRaw !== 'true' && latestRaw !== 'false')
    throw new ApiError(400, CODES.parameterValidate, "Parameter 'latest' must be true or false");
  const protocol = parsed.spec.protocol as string;
  const next: McpVersionRecord = {
    version: parsed.version,
    release_date: releaseDate(ctx.now),
    spec: { ...parsed.spec, name: s.name },
    toolSpec: parseTools(p),
    endpointSpec: parseEndpoint(p, protocol, false),
  };
  if (isLegacyMcpApi(state)) {
    s.versions = [next];
  } else {
    const at = s.versions.findIndex((v) => v.version === parsed.version);
    if (at >= 0) {
      const prev = s.versions[at] as McpVersionRecord;
      next.release_date = prev.release_date;
      if (next.endpointSpec === null) next.endpointSpec = prev.endpointSpec;
      s.versions[at] = next;
    } else s.versions.push(next);
  }
  if (latestRaw === 'true') s.latestPublishedVersion = parsed.version;
  ctx.changed();
  return 'ok';
}

function remove(ctx: NacosContext, p: Params) {
  const { state } = ctx;
  const ns = p.get('namespaceId') ?? defaultNamespace(state);
  const s = find(state, ns, p);
  const version = p.get('version');
  if (version === undefined || isLegacyMcpApi(state)) state.mcp.delete(s.id);
  else {
    versionOf(s, version);
    s.versions = s.versions.filter((v) => v.version !== version);
    if (s.versions.length === 0) state.mcp.delete(s.id);
    else if (s.latestPublishedVersion === version)
      s.latestPublishedVersion = (s.versions[s.versions.length - 1] as McpVersionRecord).version;
  }
  ctx.changed();
  return 'ok';
}

// ── dispatch ─────────────────────────────────────────────────────────────────────────────────

function login(ctx: NacosContext, p: Params): NacosResponse {
  const user = p.get('username');
  const password = p.get('password');
  if (user === undefined || password === undefined || ctx.state.users.get(user) !== password)
    throw new Forbidden('unknown user!');
  const token = issueToken(ctx.state, user, ctx.now);
  return {
    status: 200,
    headers: { authorization: `Bearer ${token}` },
    body: {
      accessToken: token,
      tokenTtl: ctx.state.tokenTtlSeconds,
      globalAdmin: user === 'nacos',
      username: user,
    },
  };
}

export function handleNacos(ctx: NacosContext, req: NacosRequest): NacosResponse {
  const path = req.path.replace(/\/+$/, '');
  const method = req.method.toUpperCase();
  const p = new Params(req);
  try {
    if (
      method === 'POST' &&
      (path === '/nacos/v1/auth/login' ||
        path === '/nacos/v1/auth/users/login' ||
        path === '/nacos/v3/auth/user/login')
    )
      return login(ctx, p);
    if (method === 'GET' && path === '/nacos/v3/admin/core/state')
      return ok({
        version: ctx.state.version,
        standalone_mode: 'cluster',
        function_mode: null,
        auth_enabled: String(ctx.state.authEnabled),
        login_page_enabled: 'true',
        auth_system_type: 'nacos',
        startup_mode: 'server',
      });
    const admin = path.startsWith('/nacos/v3/admin/');
    if (!admin) return springError(404, 'Not Found', 'No static resource', path, ctx.now);
    if (ctx.state.authEnabled) authenticate(ctx, req, p);
    if (method === 'GET' && path === '/nacos/v3/admin/core/namespace/list')
      return ok(
        ctx.state.namespaces.map((n) => ({
          ...n,
          quota: 200,
          configCount: 0,
          type: n.namespace === 'public' ? 0 : 2,
        })),
      );
    if (path === '/nacos/v3/admin/ai/mcp/list' && method === 'GET') return ok(list(ctx.state, p));
    if (path === '/nacos/v3/admin/ai/mcp') {
      if (method === 'GET') {
        const ns = p.get('namespaceId') ?? defaultNamespace(ctx.state);
        const s = find(ctx.state, ns, p);
        return ok(detail(ctx.state, s, versionOf(s, p.get('version'))));
      }
      if (method === 'POST') return ok(create(ctx, p));
      if (method === 'PUT') return ok(update(ctx, p));
      if (method === 'DELETE') return ok(remove(ctx, p));
      return springError(405, 'Method Not Allowed', `Request method '${method}' is not supported`, path, ctx.now);
    }
    return springError(404, 'Not Found', 'No static resource', path, ctx.now);
  } catch (e) {
    if (e instanceof ApiError)
      return { status: e.status, body: { code: e.detail.code, message: e.detail.message, data: e.data } };
    if (e instanceof Forbidden) return springError(403, 'Forbidden', e.message, path, ctx.now);
    throw e;
  }
}
