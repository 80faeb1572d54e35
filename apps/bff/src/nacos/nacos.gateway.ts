import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { z } from 'zod';
import type { NacosNetwork } from '../config/cloud';
import { NacosError } from '../errors/nacos-error';

/**
 * The only code that speaks Nacos HTTP (open-source Nacos 3.x or MSE Nacos): login (token with a
 * lifetime, refreshed before it runs out), the server state, namespaces and the MCP admin API
 * (`/nacos/v3/admin/ai/mcp`, envelope `{code, message, data}`). MSE also takes the Alibaba Cloud
 * AccessKey signature the maintainer SDK sends (`Spas-AccessKey`, `Spas-Signature`, `Timestamp`).
 * Credentials live in the client object only: never in an error, an event or a log.
 */

export type NacosAuth =
  | { type: 'password'; username: string; password: string }
  | { type: 'accessKey'; accessKeyId: string; accessKeySecret: string };

export interface NacosCallEvent {
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

const LoginWire = z.looseObject({ accessToken: z.string().min(1), tokenTtl: z.number().optional() });
const EnvelopeWire = z.looseObject({ code: z.number(), message: z.string().nullish(), data: z.unknown() });
const StateWire = z.looseObject({ version: z.string() });
const NamespaceWire = z.looseObject({ namespace: z.string(), namespaceShowName: z.string().nullish(), namespaceDesc: z.string().nullish() });

const VersionDetailWire = z.looseObject({
  version: z.string(),
  release_date: z.string().nullish(),
  is_latest: z.boolean().nullish(),
});
export const McpSummaryWire = z.looseObject({
  id: z.string().nullish(),
  name: z.string(),
  protocol: z.string(),
  frontProtocol: z.string().nullish(),
  description: z.string().nullish(),
  enabled: z.boolean().nullish(),
  version: z.string().nullish(),
  versionDetail: VersionDetailWire.nullish(),
  latestPublishedVersion: z.string().nullish(),
  versionDetails: z.array(VersionDetailWire).nullish(),
});
export type McpSummaryWire = z.output<typeof McpSummaryWire>;
const PageWire = z.looseObject({
  totalCount: z.number(),
  pageNumber: z.number(),
  pagesAvailable: z.number().nullish(),
  pageItems: z.array(McpSummaryWire),
});
export const McpToolSpecWire = z.looseObject({
  tools: z
    .array(z.looseObject({ name: z.string(), description: z.string().nullish(), inputSchema: z.record(z.string(), z.unknown()).nullish() }))
    .nullish(),
  toolsMeta: z.record(z.string(), z.looseObject({ enabled: z.boolean().nullish() })).nullish(),
});
export const McpDetailWire = McpSummaryWire.extend({
  namespaceId: z.string().nullish(),
  backendEndpoints: z
    .array(z.looseObject({ protocol: z.string().nullish(), address: z.string(), port: z.number(), path: z.string().nullish() }))
    .nullish(),
  toolSpec: McpToolSpecWire.nullish(),
  allVersions: z.array(VersionDetailWire).nullish(),
  localServerConfig: z.unknown().optional(),
  remoteServerConfig: z.looseObject({ exportPath: z.string().nullish() }).nullish(),
});
export type McpDetailWire = z.output<typeof McpDetailWire>;

/** The Spas signature of the Nacos maintainer SDK: HMAC-SHA1 over `[namespace+group+]timestamp`, Base64. */
export function spasSignature(secret: string, timestamp: string, namespaceId = ''): string {
  const resource = namespaceId !== '' ? `${namespaceId}+` : '';
  const content = resource !== '' ? `${resource}+${timestamp}` : timestamp;
  return createHmac('sha1', secret).update(content).digest('base64');
}

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  form?: Record<string, string | undefined>;
  namespaceId?: string;
  /** Send no identity (login, server state). */
  anonymous?: boolean;
}

interface Raw {
  status: number;
  body: unknown;
}

const qs = (v: Record<string, string | number | boolean | undefined>) =>
  new URLSearchParams(Object.entries(v).flatMap(([k, x]): [string, string][] => (x === undefined ? [] : [[k, String(x)]]))).toString();

/** One registry: its address and the credentials, nowhere else. */
export class NacosClient {
  private token: { value: string; refreshAt: number } | null = null;

  constructor(
    readonly address: string,
    private readonly auth: NacosAuth,
    private readonly network: NacosNetwork,
    private readonly options: { timeoutMs: number; now?: () => number; onCall?: (e: NacosCallEvent) => void },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private send(call: Call, headers: Record<string, string>): Promise<Raw> {
    const { origin, host } = this.network.route(this.address);
    const query = call.query ? qs(call.query) : '';
    const url = new URL(`${origin}${call.path}${query ? `?${query}` : ''}`);
    const body = call.form ? qs(call.form) : undefined;
    const started = performance.now();
    return new Promise<Raw>((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method: call.method,
          timeout: this.options.timeoutMs,
          headers: {
            host,
            accept: 'application/json',
            ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', () => reject(new NacosError('unreachable', 'the connection to Nacos broke off')));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              /* plain text answers (some auth errors) */
            }
            const status = res.statusCode ?? 0;
            this.options.onCall?.({ method: call.method, path: call.path, status, durationMs: performance.now() - started });
            resolve({ status, body: parsed });
          });
        },
      );
      req.on('timeout', () => req.destroy(new NacosError('timeout', `Nacos at ${this.address} did not answer in ${this.options.timeoutMs} ms`)));
      req.on('error', (e) => {
        this.options.onCall?.({ method: call.method, path: call.path, status: 0, durationMs: performance.now() - started });
        reject(e instanceof NacosError ? e : new NacosError('unreachable', `no answer from Nacos at ${this.address} (${(e as NodeJS.ErrnoException).code ?? e.message})`));
      });
      req.end(body);
    });
  }

  private async identity(call: Call, renew: boolean): Promise<Record<string, string>> {
    if (call.anonymous) return {};
    if (this.auth.type === 'accessKey') {
      const ts = String(this.now());
      return {
        'Spas-AccessKey': this.auth.accessKeyId,
        Timestamp: ts,
        'Spas-Signature': spasSignature(this.auth.accessKeySecret, ts, call.namespaceId ?? ''),
      };
    }
    if (renew || !this.token || this.now() >= this.token.refreshAt) await this.login();
    return { accessToken: this.token?.value ?? '' };
  }

  /** POST /nacos/v3/auth/user/login (falls back to the v1 path on servers without it). */
  async login(): Promise<void> {
    if (this.auth.type !== 'password') return;
    const form = { username: this.auth.username, password: this.auth.password };
    let res = await this.send({ method: 'POST', path: '/nacos/v3/auth/user/login', form, anonymous: true }, {});
    if (res.status === 404) res = await this.send({ method: 'POST', path: '/nacos/v1/auth/users/login', form, anonymous: true }, {});
    if (res.status === 403 || res.status === 401) throw new NacosError('auth', messageOf(res.body) ?? 'unknown user!', res.status);
    const parsed = LoginWire.safeParse(res.body);
    if (res.status !== 200 || !parsed.success) throw unexpected(res, 'login');
    // Refresh 10 s before the lifetime runs out, as the Nacos clients do.
    const ttl = parsed.data.tokenTtl ?? 18000;
    this.token = { value: parsed.data.accessToken, refreshAt: this.now() + Math.max(0, ttl - 10) * 1000 };
  }

  /** A call with the envelope checked; a token refused as expired is renewed once. */
  private async envelope(call: Call): Promise<unknown> {
    let res = await this.send(call, await this.identity(call, false));
    if (res.status === 403 && this.auth.type === 'password' && /token/i.test(messageOf(res.body) ?? ''))
      res = await this.send(call, await this.identity(call, true));
    if (res.status === 403 || res.status === 401) throw new NacosError('auth', messageOf(res.body) ?? 'access denied', res.status);
    const env = EnvelopeWire.safeParse(res.body);
    if (!env.success) {
      if (res.status === 404) throw new NacosError('notFound', `${call.path} does not exist on this Nacos`, 404);
      throw unexpected(res, call.path);
    }
    if (env.data.code !== 0)
      throw new NacosError(
        'api',
        [env.data.message, typeof env.data.data === 'string' ? env.data.data : null].filter(Boolean).join(': '),
        res.status,
        env.data.code,
      );
    return env.data.data;
  }

  /** GET /nacos/v3/admin/core/state: the server version (anonymous, then with identity when refused). */
  async serverVersion(): Promise<string> {
    const call: Call = { method: 'GET', path: '/nacos/v3/admin/core/state', anonymous: true };
    const res = await this.send(call, {});
    if (res.status === 404) throw new NacosError('notFound', 'this server has no Nacos 3 admin API', 404);
    const body = res.status === 403 ? await this.envelope({ ...call, anonymous: false }) : EnvelopeWire.safeParse(res.body).data?.data;
    const state = StateWire.safeParse(body);
    if (!state.success) throw unexpected(res, 'server state');
    return state.data.version;
  }

  async namespaces() {
    const data = await this.envelope({ method: 'GET', path: '/nacos/v3/admin/core/namespace/list' });
    return z.array(NamespaceWire).parse(data);
  }

  async listMcp(q: { namespaceId: string; mcpName?: string; search: 'accurate' | 'blur'; pageNo: number; pageSize: number }) {
    const data = await this.envelope({ method: 'GET', path: '/nacos/v3/admin/ai/mcp/list', query: q, namespaceId: q.namespaceId });
    return parseData(PageWire, data, 'list');
  }

  async getMcp(q: { namespaceId: string; mcpId?: string; mcpName?: string; version?: string }): Promise<McpDetailWire> {
    const data = await this.envelope({ method: 'GET', path: '/nacos/v3/admin/ai/mcp', query: q, namespaceId: q.namespaceId });
    return parseData(McpDetailWire, data, 'detail');
  }

  /** PUT /nacos/v3/admin/ai/mcp: a version's full specification (an existing version is overwritten). */
  async updateMcp(form: {
    namespaceId: string;
    mcpName: string;
    serverSpecification: string;
    toolSpecification?: string;
    endpointSpecification?: string;
    latest: boolean;
  }): Promise<void> {
    await this.envelope({
      method: 'PUT',
      path: '/nacos/v3/admin/ai/mcp',
      form: { ...form, latest: String(form.latest) },
      namespaceId: form.namespaceId,
    });
  }
}

function messageOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() || undefined;
  if (body && typeof body === 'object') {
    const m = (body as Record<string, unknown>).message;
    if (typeof m === 'string') return m;
  }
  return undefined;
}

function unexpected(res: Raw, what: string): NacosError {
  return new NacosError('unexpected', `unexpected answer to ${what} (HTTP ${res.status})`, res.status);
}

function parseData<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new NacosError('unexpected', `the ${what} answer does not have the expected shape (${issue ? issue.path.join('.') : ''})`);
}

export class NacosGateway {
  constructor(
    private readonly network: NacosNetwork,
    private readonly options: { timeoutMs: number; now?: () => number; onCall?: (e: NacosCallEvent) => void },
  ) {}

  client(address: string, auth: NacosAuth): NacosClient {
    return new NacosClient(address, auth, this.network, this.options);
  }
}
