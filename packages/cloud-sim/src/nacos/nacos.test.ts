import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudSim, type CloudSim, type SimAccountKeys } from '../index';
import { rpc } from '../test-clients';
import { spasSign } from './http';
import { NACOS_SANDBOX_PASSWORD } from './model';

// The Nacos 3.x stand-ins driven over HTTP as the Dify plugin's SDK and the console drive them.

interface Envelope<T = unknown> {
  code: number;
  message: string;
  data: T;
}
interface Page {
  totalCount: number;
  pageNumber: number;
  pagesAvailable: number;
  pageItems: Record<string, unknown>[];
}

let sim: CloudSim;
let keys: SimAccountKeys;
let domains: Record<string, string>;

beforeAll(async () => {
  sim = await startCloudSim({ speed: 1 });
  keys = await sim.createAccount('default');
  const client = rpc(sim.endpoint, '2019-05-31', keys);
  const out = await client.request<{ Data: { ClusterAliasName: string; InternetDomain: string; IntranetDomain: string }[] }>(
    'ListClusters',
    { RegionId: 'cn-hangzhou', PageNum: 1, PageSize: 10 },
    { method: 'POST' },
  );
  domains = Object.fromEntries(
    out.Data.map((c) => [c.ClusterAliasName, c.InternetDomain || c.IntranetDomain]),
  );
});
afterAll(async () => sim.close());

/** A request to the MSE instance `alias` (by its domain, as a real client addresses it). */
async function mse(
  alias: string,
  path: string,
  init: { method?: string; query?: Record<string, string>; form?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const qs = new URLSearchParams(init.query ?? {}).toString();
  const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
  // fetch cannot set Host; node:http can, as any real client reaching the domain does.
  const url = new URL(`${sim.endpoint}${path}${qs ? `?${qs}` : ''}`);
  return new Promise<{ status: number; body: Record<string, unknown> }>((ok, fail) => {
    const req = request(
      url,
      {
        method: init.method ?? 'GET',
        headers: {
          host: `${domains[alias] ?? ''}:8848`,
          ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...init.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          ok({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

async function login(alias: string, path = '/nacos/v1/auth/users/login'): Promise<string> {
  const r = await mse(alias, path, {
    method: 'POST',
    form: { username: 'nacos', password: NACOS_SANDBOX_PASSWORD },
  });
  expect(r.status).toBe(200);
  return r.body.accessToken as string;
}

describe('MSE 2019-05-31 through pop-core', () => {
  it('lists the registry instances with their engine, version, VPC and addresses', async () => {
    const client = rpc(sim.endpoint, '2019-05-31', keys);
    const out = await client.request<{ TotalCount: number; Data: Record<string, unknown>[]; Success: boolean }>(
      'ListClusters',
      { RegionId: 'cn-hangzhou', PageNum: 1, PageSize: 2 },
      { method: 'POST' },
    );
    expect(out.Success).toBe(true);
    expect(out.TotalCount).toBe(5);
    expect(out.Data).toHaveLength(2);
    expect(out.Data[0]).toMatchObject({
      ClusterAliasName: 'dify-nacos',
      ClusterType: 'Nacos-Ans',
      AppVersion: '3.0.3',
      InitStatus: 'RESTART_SUCCESS',
      VpcId: 'vpc-bp1dfyprod7q2w5e8r1t4y',
    });
    const detail = await client.request<{ Data: Record<string, unknown> }>(
      'QueryClusterDetail',
      { InstanceId: out.Data[0]?.InstanceId as string, AclSwitch: true },
      { method: 'POST' },
    );
    expect(detail.Data).toMatchObject({
      IntranetPort: '8848',
      AclEntryList: '172.16.0.0/12',
      VSwitchId: 'vsw-bp1prodk0a1b2c3d4e5f6g',
    });
  });

  it('requires PageNum and PageSize', async () => {
    const client = rpc(sim.endpoint, '2019-05-31', keys);
    await expect(
      client.request('ListClusters', { RegionId: 'cn-hangzhou' }, { method: 'POST' }),
    ).rejects.toMatchObject({ code: 'MissingParameter' });
  });
});

describe('Nacos admin API auth', () => {
  it('refuses the MCP API without a token (auth on by default) and a wrong password', async () => {
    const none = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp/list');
    expect(none.status).toBe(403);
    expect(none.body.message).toBe('user not found!');
    const wrong = await mse('dify-nacos', '/nacos/v3/auth/user/login', {
      method: 'POST',
      form: { username: 'nacos', password: 'nope' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.message).toBe('unknown user!');
    const bad = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp/list', {
      headers: { accessToken: 'forged.token' },
    });
    expect(bad.body.message).toBe('token invalid!');
  });

  it('logs in on the v1 and v3 paths with a token lifetime', async () => {
    for (const path of ['/nacos/v1/auth/login', '/nacos/v1/auth/users/login', '/nacos/v3/auth/user/login']) {
      const r = await mse('dify-nacos', path, {
        method: 'POST',
        form: { username: 'nacos', password: NACOS_SANDBOX_PASSWORD },
      });
      expect(r.body).toMatchObject({ tokenTtl: 18000, globalAdmin: true, username: 'nacos' });
    }
  });

  it('accepts the account AccessKey signature on MSE, not another secret', async () => {
    const ts = String(Date.now());
    const good = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp/list', {
      query: { namespaceId: 'public' },
      headers: {
        'Spas-AccessKey': keys.accessKeyId,
        Timestamp: ts,
        'Spas-Signature': spasSign(keys.accessKeySecret, ts, 'public'),
      },
    });
    expect(good.status).toBe(200);
    const bad = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp/list', {
      query: { namespaceId: 'public' },
      headers: {
        'Spas-AccessKey': keys.accessKeyId,
        Timestamp: ts,
        'Spas-Signature': spasSign('wrong', ts, 'public'),
      },
    });
    expect(bad.status).toBe(403);
  });
});

describe('Nacos MCP admin API (3.0.3)', () => {
  it('lists with accurate and blur search and paging', async () => {
    const token = await login('dify-nacos');
    const h = { accessToken: token };
    const all = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp/list', { headers: h, query: { pageNo: '1', pageSize: '3' } });
    const page = (all.body as unknown as Envelope<Page>).data;
    expect(all.body).toMatchObject({ code: 0, message: 'success' });
    expect(page).toMatchObject({ totalCount: 4, pageNumber: 1, pagesAvailable: 2 });
    expect(page.pageItems.map((s) => s.name)).toEqual(['amap-maps', 'dify-knowledge', 'filesystem']);
    expect(page.pageItems[0]).toMatchObject({ latestPublishedVersion: '1.1.0', protocol: 'mcp-sse' });
    const accurate = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp/list', { headers: h, query: { mcpName: 'amap' } });
    expect((accurate.body as unknown as Envelope<Page>).data.totalCount).toBe(0);
    const blur = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp/list', { headers: h, query: { mcpName: 'amap', search: 'blur' } });
    expect((blur.body as unknown as Envelope<Page>).data.totalCount).toBe(1);
    const bad = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp/list', { headers: h, query: { search: 'fuzzy' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(20002);
    const dev = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp/list', { headers: h, query: { namespaceId: 'dev' } });
    expect((dev.body as unknown as Envelope<Page>).data.pageItems.map((s) => s.name)).toEqual(['echo']);
  });

  it('details by name or id and version, with detail codes for what is missing', async () => {
    const h = { accessToken: await login('dify-nacos') };
    const byName = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp', { headers: h, query: { mcpName: 'amap-maps', version: '1.0.0' } });
    const d = (byName.body as unknown as Envelope<Record<string, unknown>>).data;
    expect(d).toMatchObject({ name: 'amap-maps', versionDetail: { version: '1.0.0', is_latest: false } });
    expect((d.toolSpec as { tools: unknown[] }).tools).toHaveLength(2);
    expect(d.allVersions).toHaveLength(2);
    const byId = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp', { headers: h, query: { mcpId: d.id as string } });
    expect((byId.body as unknown as Envelope<Record<string, unknown>>).data).toMatchObject({ versionDetail: { version: '1.1.0', is_latest: true } });
    const missing = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp', { headers: h, query: {} });
    expect(missing).toMatchObject({ status: 400, body: { code: 10000 } });
    const unknown = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp', { headers: h, query: { mcpName: 'nope' } });
    expect(unknown).toMatchObject({ status: 404, body: { code: 50000 } });
    const noVersion = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp', { headers: h, query: { mcpName: 'amap-maps', version: '9.9.9' } });
    expect(noVersion).toMatchObject({ status: 404, body: { code: 50001 } });
  });

  it('creates, refuses a duplicate, updates a version without publishing it, and deletes', async () => {
    const h = { accessToken: await login('dify-nacos') };
    const spec = (version: string) =>
      JSON.stringify({ name: 'weather', protocol: 'mcp-streamable', description: 'w', versionDetail: { version } });
    const endpoint = JSON.stringify({ type: 'DIRECT', data: { address: '172.16.0.60', port: 8080 } });
    const created = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp', {
      method: 'POST',
      headers: h,
      form: { namespaceId: 'public', mcpName: 'weather', serverSpecification: spec('1.0.0'), endpointSpecification: endpoint },
    });
    expect(created.status).toBe(200);
    expect(String((created.body as unknown as Envelope).data)).toMatch(/^[0-9a-f-]{36}$/);
    const dup = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp', {
      method: 'POST',
      headers: h,
      form: { mcpName: 'weather', serverSpecification: spec('1.0.0'), endpointSpecification: endpoint },
    });
    expect(dup).toMatchObject({ status: 409, body: { code: 20005 } });
    const noEndpoint = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp', {
      method: 'POST',
      headers: h,
      form: { mcpName: 'other', serverSpecification: spec('1.0.0').replace('weather', 'other') },
    });
    expect(noEndpoint).toMatchObject({ status: 400, body: { code: 10000 } });
    const upd = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp', {
      method: 'PUT',
      headers: h,
      form: { mcpName: 'weather', serverSpecification: spec('2.0.0'), latest: 'false' },
    });
    expect(upd.status).toBe(200);
    const list = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp/list', { headers: h, query: { mcpName: 'weather' } });
    expect((list.body as unknown as Envelope<Page>).data.pageItems[0]).toMatchObject({ latestPublishedVersion: '1.0.0' });
    const del = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp', { method: 'DELETE', headers: h, query: { mcpName: 'weather' } });
    expect(del.status).toBe(200);
    const gone = await mse('dify-nacos', '/nacos/v3/admin/ai/mcp', { headers: h, query: { mcpName: 'weather' } });
    expect(gone.status).toBe(404);
  });
});

describe('version differences', () => {
  it('3.0.0 reports its version and answers the first MCP API (no ids, its own default namespace)', async () => {
    const state = await mse('legacy-nacos', '/nacos/v3/admin/core/state');
    expect((state.body as unknown as Envelope<{ version: string }>).data.version).toBe('3.0.0');
    const h = { accessToken: await login('legacy-nacos') };
    const list = await mse('legacy-nacos', '/nacos/v3/admin/ai/mcp/list', { headers: h });
    const page = (list.body as unknown as Envelope<Page>).data;
    expect(page.totalCount).toBe(4);
    expect(page.pageItems[0]).not.toHaveProperty('id');
    expect(page.pageItems[0]).not.toHaveProperty('versionDetail');
    const pub = await mse('legacy-nacos', '/nacos/v3/admin/ai/mcp/list', { headers: h, query: { namespaceId: 'public' } });
    expect((pub.body as unknown as Envelope<Page>).data.totalCount).toBe(0);
  });

  it('the self-hosted Nacos answers on its own port', async () => {
    const res = await fetch(`http://${sim.nacosAddress}/nacos/v3/admin/core/state`);
    expect(((await res.json()) as Envelope<{ version: string }>).data.version).toBe('3.1.0');
  });
});
