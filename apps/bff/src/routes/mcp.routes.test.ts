import { NACOS_SANDBOX_PASSWORD, startCloudSim, type CloudSim, type SimAccountKeys } from '@dify-console/cloud-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, DifyCard, DifyView, McpServerDetail, McpServerPage, MseRegistry } from '@dify-console/shared/api/mcp';
import { CLUSTERS, order, orderBody } from '../testing/deployments';
import { appOn, recordBodies, type LogCapture } from '../testing/harness';

/**
 * The Nacos MCP Registry routes through app.inject, against an in-process local cloud: MSE
 * instances of a fresh account (each with its Nacos stand-in) and the self-hosted Nacos.
 */

let sim: CloudSim;
let account: SimAccountKeys;
let app: FastifyInstance;
let logs: LogCapture;
const bodies: string[] = [];
let registries: MseRegistry[];

beforeAll(async () => {
  sim = await startCloudSim({ port: 0, speed: 1 });
  account = await sim.createAccount('default');
  ({ app, logs } = await appOn({ endpoint: sim.endpoint, ...account }, { env: { LOG_LEVEL: 'trace', CLOUD_TIMEOUT_MS: '3000' } }));
  recordBodies(app, bodies);
  const res = await app.inject({ url: '/api/v1/mcp/registries?regionId=cn-hangzhou', headers: { 'accept-language': 'en' } });
  expect(res.statusCode, res.body).toBe(200);
  registries = res.json<{ items: MseRegistry[] }>().items;
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

const idOf = (name: string) => registries.find((r) => r.name === name)?.instanceId ?? '';
const connectTo = (name: string, auth: object, lang = 'en') =>
  app.inject({
    method: 'PUT',
    url: '/api/v1/mcp/connection',
    payload: { target: { kind: 'mse', regionId: 'cn-hangzhou', instanceId: idOf(name) }, auth },
    headers: { 'accept-language': lang },
  });
const nacosUser = { type: 'password', username: 'nacos', password: NACOS_SANDBOX_PASSWORD };
const get = async <T>(url: string) => {
  const res = await app.inject({ url, headers: { 'accept-language': 'en' } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};
const serverNamed = async (name: string) => {
  const page = await get<McpServerPage>(`/api/v1/mcp/servers?namespaceId=public&search=${name}`);
  const s = page.items.find((x) => x.name === name);
  if (!s) throw new Error(`no server ${name}`);
  return get<McpServerDetail>(`/api/v1/mcp/servers/${s.id}?namespaceId=public`);
};
const changeTool = (d: McpServerDetail, tool: string, change: object, revision = d.revision) =>
  app.inject({
    method: 'PUT',
    url: `/api/v1/mcp/servers/${d.id}/tools/${tool}`,
    payload: { namespaceId: 'public', version: d.version, revision, ...change },
    headers: { 'accept-language': 'en' },
  });
const recordedPuts = () => sim.requests({ accessKeyId: account.accessKeyId }).filter((r) => r.product === 'nacos' && r.method === 'PUT');

describe('MSE registries of the account', () => {
  it('lists every instance, marking what cannot serve as an MCP registry and why', () => {
    const byName = Object.fromEntries(registries.map((r) => [r.name, r]));
    expect(byName['dify-nacos']).toMatchObject({ engine: 'Nacos-Ans', version: '3.0.3', eligible: true, running: true, vpcId: 'vpc-bp1dfyprod7q2w5e8r1t4y' });
    expect(byName['legacy-nacos']).toMatchObject({ eligible: false });
    expect(byName['legacy-nacos']?.reason).toMatch(/3\.0\.0 is older than 3\.0\.1/);
    expect(byName['kafka-zk']?.reason).toMatch(/not Nacos/);
    expect(byName['microservices-nacos']?.eligible).toBe(false);
  });
});

describe('connecting', () => {
  it('refuses a 3.0.0 server with a clear message', async () => {
    const res = await connectTo('legacy-nacos', nacosUser);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'Mcp.VersionTooOld' });
    expect(res.json<{ message: string }>().message).toMatch(/3\.0\.0, older than 3\.0\.1/);
  });

  it('a wrong password gives a clear message and no secret in any answer or log', async () => {
    const secret = 'Wr0ng#Secret-Value-42';
    const res = await connectTo('dify-nacos', { type: 'password', username: 'nacos', password: secret }, 'zh-CN');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'Mcp.WrongCredentials' });
    expect(res.json<{ message: string }>().message).toContain('用户名或密码');
    expect((await get<Connection>('/api/v1/mcp/connection')).connected).toBe(false);
    expect(logs.text).not.toContain(secret);
    expect(bodies.join('\n')).not.toContain(secret);
    // The request did reach Nacos (the refusal is Nacos', not a guess).
    expect(sim.requests({ accessKeyId: account.accessKeyId }).some((r) => r.product === 'nacos' && r.status === 403)).toBe(true);
  });

  it('an address with no route is said in plain words (both languages); nothing is connected', async () => {
    const to = (lang: string) =>
      app.inject({
        method: 'PUT',
        url: '/api/v1/mcp/connection',
        payload: { target: { kind: 'selfHosted', address: '127.0.0.1:1' }, auth: nacosUser },
        headers: { 'accept-language': lang },
      });
    const en = await to('en');
    expect(en.statusCode).toBe(502);
    expect(en.json()).toMatchObject({ code: 'Mcp.Unreachable' });
    expect(en.json<{ message: string }>().message).toMatch(/^Cannot reach Nacos at 127\.0\.0\.1:1: check the address and port/);
    const zh = await to('zh-CN');
    // The sentence is in the user's language only; what the network said is kept apart, verbatim.
    expect(zh.json<{ message: string; evidence: string }>()).toMatchObject({
      message: expect.stringMatching(/^无法连接 127\.0\.0\.1:1 上的 Nacos：请检查地址和端口/),
      evidence: expect.stringMatching(/ECONNREFUSED|refused|connect/i),
    });
    expect(zh.json<{ message: string }>().message).not.toMatch(/[A-Z]{5,}|refused/);
    expect((await get<Connection>('/api/v1/mcp/connection')).connected).toBe(false);
    expect(bodies.join('\n')).not.toContain(NACOS_SANDBOX_PASSWORD);
  });

  it('connects with the Nacos user, never echoing the password', async () => {
    const res = await connectTo('dify-nacos', nacosUser);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json<Connection>();
    expect(c).toMatchObject({ connected: true, kind: 'mse', version: '3.0.3', authType: 'password', principal: 'nacos', expiresAt: null });
    expect(c.namespaces.map((n) => n.id)).toEqual(['public', 'dev']);
    expect(bodies.join('\n')).not.toContain(NACOS_SANDBOX_PASSWORD);
    expect(logs.text).not.toContain(NACOS_SANDBOX_PASSWORD);
  });
});

describe('servers and tools', () => {
  it('lists servers by namespace with search and paging', async () => {
    const page = await get<McpServerPage>('/api/v1/mcp/servers?namespaceId=public&pageNo=1&pageSize=3');
    expect(page.totalCount).toBe(4);
    expect(page.items.map((s) => [s.name, s.protocol, s.visibleToDify])).toEqual([
      ['amap-maps', 'mcp-sse', true],
      ['dify-knowledge', 'mcp-streamable', true],
      ['filesystem', 'stdio', false],
    ]);
    const found = await get<McpServerPage>('/api/v1/mcp/servers?namespaceId=public&search=know');
    expect(found.items.map((s) => s.name)).toEqual(['dify-knowledge']);
    const dev = await get<McpServerPage>('/api/v1/mcp/servers?namespaceId=dev');
    expect(dev.items.map((s) => s.name)).toEqual(['echo']);
  });

  it("shows a server's versions, endpoint and tools with schemas and state", async () => {
    const d = await serverNamed('amap-maps');
    expect(d).toMatchObject({ protocol: 'mcp-sse', version: '1.1.0', latestVersion: '1.1.0', endpoints: ['http://172.16.0.50:8080/sse'] });
    expect(d.versions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
    expect(d.tools.map((t) => [t.name, t.enabled])).toEqual([
      ['maps_geo', true],
      ['maps_weather', true],
      ['maps_direction_driving', false],
    ]);
    expect(d.tools[0]?.inputSchema).toMatchObject({ required: ['address'] });
  });

  it('switching a tool off changes only that tool and is gone from what Dify sees', async () => {
    const before = await serverNamed('dify-knowledge');
    const putsBefore = recordedPuts().length;
    const res = await changeTool(before, 'search_knowledge', { enabled: false });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<McpServerDetail>();
    expect(after.tools.find((t) => t.name === 'search_knowledge')?.enabled).toBe(false);
    // Every other tool, the description and the publication are as they were.
    expect(after.tools.filter((t) => t.name !== 'search_knowledge')).toEqual(before.tools.filter((t) => t.name !== 'search_knowledge'));
    expect({ ...after, tools: [], revision: '', versions: after.versions.map((v) => v.version) }).toEqual({
      ...before,
      tools: [],
      revision: '',
      versions: before.versions.map((v) => v.version),
    });
    // What Nacos received: one update of that version, spec as read, the tool's meta only.
    const puts = recordedPuts().slice(putsBefore);
    expect(puts).toHaveLength(1);
    const form = puts[0]?.params ?? {};
    expect(form.latest).toBe('true');
    expect(JSON.parse(form.serverSpecification ?? '{}')).toMatchObject({ name: 'dify-knowledge', protocol: 'mcp-streamable', versionDetail: { version: '1.0.0' } });
    const tools = JSON.parse(form.toolSpecification ?? '{}') as { toolsMeta: Record<string, { enabled: boolean }> };
    expect(tools.toolsMeta).toEqual({ delete_dataset: { enabled: false }, search_knowledge: { enabled: false } });

    const view = await get<DifyView>('/api/v1/mcp/dify-view?namespaceId=public');
    const knowledge = view.servers.find((s) => s.name === 'dify-knowledge');
    expect(knowledge?.tools.map((t) => t.name)).toEqual(['list_datasets']);
    expect(view.servers.map((s) => s.name)).toEqual(['amap-maps', 'dify-knowledge']);
    expect(view.hidden.map((h) => h.name)).toEqual(
      expect.arrayContaining(['filesystem', 'order-api', 'dify-knowledge / search_knowledge', 'amap-maps / maps_direction_driving']),
    );
  });

  it('a change made meanwhile is detected: no overwrite, the new state is there', async () => {
    const seen = await serverNamed('amap-maps');
    // Someone else edits another tool's description first.
    const other = await changeTool(seen, 'maps_weather', { description: 'Weather now and the next three days.' });
    expect(other.statusCode, other.body).toBe(200);
    const putsBefore = recordedPuts().length;
    const stale = await changeTool(seen, 'maps_geo', { description: 'Geocode an address.' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'Mcp.ConcurrentChange' });
    expect(recordedPuts().length).toBe(putsBefore);
    const now = await serverNamed('amap-maps');
    expect(now.tools.find((t) => t.name === 'maps_weather')?.description).toBe('Weather now and the next three days.');
    expect(now.tools.find((t) => t.name === 'maps_geo')?.description).toBe(seen.tools.find((t) => t.name === 'maps_geo')?.description);
  });

  it('edits a description of an older version without publishing it, then publishes that version', async () => {
    const latest = await serverNamed('amap-maps');
    const old = await get<McpServerDetail>(`/api/v1/mcp/servers/${latest.id}?namespaceId=public&version=1.0.0`);
    const res = await changeTool(old, 'maps_geo', { description: 'Old geocoder.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<McpServerDetail>()).toMatchObject({ version: '1.0.0', latestVersion: '1.1.0' });
    expect(recordedPuts().at(-1)?.params.latest).toBe('false');
    const edited = res.json<McpServerDetail>();
    const pub = await app.inject({
      method: 'POST',
      url: `/api/v1/mcp/servers/${latest.id}/publish`,
      payload: { namespaceId: 'public', version: '1.0.0', revision: edited.revision },
    });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json<McpServerDetail>()).toMatchObject({ latestVersion: '1.0.0' });
    expect((await serverNamed('amap-maps')).tools.find((t) => t.name === 'maps_geo')?.description).toBe('Old geocoder.');
  });
});

describe('connecting Dify', () => {
  it('gives the intranet address, the user, the namespace, and checks a deployment can reach the registry', async () => {
    const ordered = await order(app, orderBody('dify-mcp', 'mcp-token-00000001', { clusterId: CLUSTERS.pro }));
    expect(ordered.statusCode, ordered.body).toBe(200);
    const id = ordered.json<{ instanceId: string }>().instanceId;
    const card = await get<DifyCard>(`/api/v1/mcp/dify-card?namespaceId=public&deploymentId=${id}`);
    const intranet = registries.find((r) => r.name === 'dify-nacos')?.intranetAddress?.replace(/:\d+$/, '');
    expect(card.plugin).toMatchObject({ nacos_addr: `${intranet}:8848`, nacos_username: 'nacos', namespace_id: 'public', nacos_accessKey: null });
    expect(card.plugin.nacos_password).not.toContain(NACOS_SANDBOX_PASSWORD);
    expect(card.router.url).toMatch(/:8000\/mcp$/);
    expect(card.reachability?.checks.map((c) => [c.id, c.status])).toEqual([
      ['vpc', 'pass'],
      ['whitelist', 'pass'],
    ]);
  });

  it('an AccessKey works with MSE only, and a self-hosted Nacos connects by address', async () => {
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/mcp/connection',
      payload: { target: { kind: 'selfHosted', address: sim.nacosAddress }, auth: { type: 'accessKey', accessKeyId: 'x', accessKeySecret: 'y' } },
    });
    expect(bad.statusCode).toBe(400);
    const ak = await connectTo('dify-nacos', { type: 'accessKey', accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret });
    expect(ak.statusCode, ak.body).toBe(200);
    expect(ak.json<Connection>().principal).not.toBe(account.accessKeyId);
    const self = await app.inject({
      method: 'PUT',
      url: '/api/v1/mcp/connection',
      payload: { target: { kind: 'selfHosted', address: sim.nacosAddress }, auth: nacosUser, keepMinutes: 30 },
    });
    expect(self.statusCode, self.body).toBe(200);
    expect(self.json<Connection>()).toMatchObject({ kind: 'selfHosted', version: '3.1.0' });
    expect(self.json<Connection>().expiresAt).not.toBeNull();
    expect(bodies.join('\n')).not.toContain(account.accessKeySecret);
    const gone = await app.inject({ method: 'DELETE', url: '/api/v1/mcp/connection' });
    expect(gone.json<Connection>().connected).toBe(false);
    const none = await app.inject({ url: '/api/v1/mcp/servers' });
    expect(none.statusCode).toBe(409);
  });
});
