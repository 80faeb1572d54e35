import { startCloudSim, type CloudSim, type SimAccountKeys } from '@dify-console/cloud-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentDetail, Quote } from '@dify-console/shared/api/deployments';
import { CLUSTERS, FAILING, GOOD_PARAMETERS, order, orderBody, SIM_PASSWORDS, untilFinal } from '../testing/deployments';
import { appOn, recordBodies, type LogCapture } from '../testing/harness';

/** Quote, names, orders, details and deletion through app.inject, against the local cloud. */

// Short enough for the hang tests, long enough for a loaded machine.
const TIMEOUT_MS = 3000;
let sim: CloudSim;
let account: SimAccountKeys;
let app: FastifyInstance;
let logs: LogCapture;
const bodies: string[] = [];

beforeAll(async () => {
  sim = await startCloudSim({ port: 0, speed: 2000 });
  account = await sim.createAccount('default');
  ({ app, logs } = await appOn(
    { endpoint: sim.endpoint, ...account },
    { env: { CLOUD_TIMEOUT_MS: String(TIMEOUT_MS), LOG_LEVEL: 'trace' } },
  ));
  // Every response body, for the secrets check at the end.
  recordBodies(app, bodies);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

const requests = (action: string) => sim.requests({ accessKeyId: account.accessKeyId, action });
const quoteBody = (over: Partial<typeof GOOD_PARAMETERS> = {}) => ({
  regionId: 'cn-hangzhou',
  templateName: '高可用版-已有资源',
  parameters: { ...GOOD_PARAMETERS, ...over },
});

describe('POST /api/v1/quote', () => {
  it('prices item by item, flags the sandbox, lists the existing resources apart', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/quote', payload: quoteBody(), headers: { 'accept-language': 'en' } });
    expect(res.statusCode, res.body).toBe(200);
    const q = res.json<Quote>();
    expect(q.sandbox).toBe(true);
    expect(q.currency).toBe('CNY');
    expect(q.items.map((i) => i.label)).toEqual(expect.arrayContaining(['NAS file system', 'Cloud disk']));
    expect(q.total.tradeAmount).toBeCloseTo(q.items.reduce((s, i) => s + i.tradeAmount, 0), 4);
    expect(q.total.priceUnit).toBe('/Hour');
    expect(q.existingResources.map((r) => r.kind)).toEqual(['cluster', 'postgres', 'redis', 'milvus']);
    expect(q.accessEntry.note).toMatch(/estimate/);
    const zh = (await app.inject({ method: 'POST', url: '/api/v1/quote?lang=zh-CN', payload: quoteBody() })).json<Quote>();
    expect(zh.items.map((i) => i.label)).toEqual(expect.arrayContaining(['NAS 文件系统', '云盘']));
    // The API region is cn-hangzhou; the deployment region travels inside Parameters.
    const sent = requests('GetServiceEstimateCost')[0]!.params;
    expect(sent).toMatchObject({ RegionId: 'cn-hangzhou', ServiceId: 'service-c8afb895dd314f70a020', TemplateName: '高可用版-已有资源' });
    expect(JSON.parse(sent.Parameters!)).toMatchObject({ RegionId: 'cn-hangzhou', ClusterId: GOOD_PARAMETERS.clusterId, PgInstanceId: GOOD_PARAMETERS.postgresInstanceId });
  });

  it('answers identical parameters from the cache: one GetServiceEstimateCost for two (and for concurrent) quotes', async () => {
    const body = quoteBody({ highAvailability: false });
    const before = requests('GetServiceEstimateCost').length;
    const [a, b] = await Promise.all([
      app.inject({ method: 'POST', url: '/api/v1/quote', payload: body }),
      app.inject({ method: 'POST', url: '/api/v1/quote', payload: body }),
    ]);
    const c = await app.inject({ method: 'POST', url: '/api/v1/quote', payload: body });
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([200, 200, 200]);
    expect(requests('GetServiceEstimateCost').length).toBe(before + 1);
  });

  it('refuses invalid parameters with field issues in the user language', async () => {
    const bad = quoteBody({ postgresPassword: 'short', milvusEndpoint: 'localhost:19530' });
    const en = await app.inject({ method: 'POST', url: '/api/v1/quote?lang=en', payload: bad });
    expect(en.statusCode).toBe(400);
    expect(en.json().issues).toEqual(
      expect.arrayContaining([
        { path: ['parameters', 'postgresPassword'], message: 'The password must be 8-30 characters long' },
        { path: ['parameters', 'milvusEndpoint'], message: expect.stringMatching(/^The Milvus internal address has the form/) },
      ]),
    );
    const zh = await app.inject({ method: 'POST', url: '/api/v1/quote', payload: bad });
    expect(zh.json().issues).toContainEqual({ path: ['parameters', 'postgresPassword'], message: '密码长度须为8-30个字符' });
  });
});

describe('names and orders', () => {
  let instanceId = '';

  it('orders: the instance exists in the cloud with our parameters under the template names', async () => {
    const res = await order(app, orderBody('dify-main', 'token-main-0001'));
    expect(res.statusCode, res.body).toBe(200);
    instanceId = res.json<{ instanceId: string }>().instanceId;
    expect(instanceId).toMatch(/^si-/);
    const sent = requests('CreateServiceInstance')[0]!.params;
    expect(sent).toMatchObject({ RegionId: 'cn-hangzhou', ServiceId: 'service-c8afb895dd314f70a020', ServiceVersion: '6', Name: 'dify-main', ClientToken: 'token-main-0001' });
    expect(JSON.parse(sent.Parameters!)).toEqual({
      RegionId: 'cn-hangzhou',
      VpcId: GOOD_PARAMETERS.vpcId,
      ClusterId: GOOD_PARAMETERS.clusterId,
      PgInstanceId: GOOD_PARAMETERS.postgresInstanceId,
      PostgresSQLUserName: 'postgres',
      PostgresSQLPassword: SIM_PASSWORDS.postgres,
      RedisInstanceId: GOOD_PARAMETERS.redisInstanceId,
      RedisInstancePassword: SIM_PASSWORDS.redis,
      MilvusInternalAddress: GOOD_PARAMETERS.milvusEndpoint,
      MilvusUser: 'root',
      MilvusPassword: SIM_PASSWORDS.milvus,
      HPAOption: true,
    });
  });

  it("carries the user's resource group and tags to Compute Nest under their real names, the console's own tag last", async () => {
    const body = { ...orderBody('dify-tagged', 'token-tagged-0009', { clusterId: CLUSTERS.pro }), resourceGroupId: 'rg-acfmzw2jz2z2dky', tags: [{ key: 'team', value: 'ai' }] };
    const res = await order(app, body);
    expect(res.statusCode, res.body).toBe(200);
    const sent = requests('CreateServiceInstance').find((r) => r.params.ClientToken === 'token-tagged-0009')!.params;
    expect(sent).toMatchObject({ ResourceGroupId: 'rg-acfmzw2jz2z2dky', 'Tag.1.Key': 'team', 'Tag.1.Value': 'ai', 'Tag.2.Key': 'dify-console:order' });
    // Bad values are refused before anything is ordered, saying what is wrong.
    const bad = await order(app, { ...body, clientToken: 'token-tagged-0010', resourceGroupId: 'default', tags: [{ key: 'acs:x', value: '' }] }, 'en');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual(
      expect.arrayContaining([
        { path: ['resourceGroupId'], message: expect.stringMatching(/starts with rg-/) },
        { path: ['tags', 0, 'key'], message: expect.stringMatching(/cannot start with aliyun or acs:/) },
      ]),
    );
  });

  it('says the name is taken, and refuses a second order with that name (409, issue on name) before ordering', async () => {
    const taken = await app.inject({ url: '/api/v1/deployments/name-availability?name=dify-main&lang=en' });
    expect(taken.json()).toMatchObject({ name: 'dify-main', available: false, message: expect.stringMatching(/already used/) });
    const prefix = await app.inject({ url: '/api/v1/deployments/name-availability?name=dify-mai' });
    expect(prefix.json()).toEqual({ name: 'dify-mai', available: true });
    const invalid = await app.inject({ url: '/api/v1/deployments/name-availability?name=9lives&lang=en' });
    expect(invalid.json()).toMatchObject({ available: false, message: expect.stringMatching(/start with an English letter/) });

    const creates = requests('CreateServiceInstance').length;
    const res = await order(app, orderBody('dify-main', 'token-other-0002'), 'zh-CN');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'NameTaken', issues: [{ path: ['name'], message: expect.stringMatching(/dify-main/) }] });
    expect(requests('CreateServiceInstance').length).toBe(creates);
  });

  // Orders that are not followed go to the one-node cluster with a wrong password: they fail.
  const stopped = FAILING;

  it('the same clientToken yields one instance, concurrent or repeated', async () => {
    const body = orderBody('dify-twice', 'token-twice-0003', stopped);
    const replies = await Promise.all([order(app, body), order(app, body), order(app, body)]);
    const again = await order(app, body);
    const ids = new Set([...replies, again].map((r) => r.json<{ instanceId: string }>().instanceId));
    expect(ids.size).toBe(1);
    const list = await app.inject({ url: '/api/v1/deployments?refresh=true' });
    expect(list.json<{ items: { name: string }[] }>().items.filter((i) => i.name === 'dify-twice')).toHaveLength(1);
  });

  it('the same clientToken yields the same instance after a BFF restart (the cloud is the only record)', async () => {
    const body = orderBody('dify-restart', 'token-restart-0005', stopped);
    const first = await order(app, body);
    expect(first.statusCode, first.body).toBe(200);
    // A fresh BFF on the same cloud remembers nothing: the order's tag on the instance answers.
    const { app: restarted } = await appOn({ endpoint: sim.endpoint, ...account });
    try {
      const again = await order(restarted, body);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toEqual(first.json());
      // A different order with that name is still refused.
      const other = await order(restarted, { ...body, clientToken: 'token-restart-other' });
      expect(other.statusCode).toBe(409);
    } finally {
      await restarted.close();
    }
    const created = requests('CreateServiceInstance').filter((r) => r.params.Name === 'dify-restart');
    expect(created).toHaveLength(1);
    expect(created[0]!.params['Tag.1.Key']).toBe('dify-console:order');
  });

  it('a clientToken reused with another order is refused (409), before and after a BFF restart', async () => {
    const body = orderBody('dify-bound', 'token-bound-0006', stopped);
    const first = await order(app, body);
    expect(first.statusCode, first.body).toBe(200);
    const creates = requests('CreateServiceInstance').length;
    const others = [
      { ...body, parameters: { ...body.parameters, highAvailability: true } },
      { ...body, parameters: { ...body.parameters, redisPassword: 'Other_Redis2026' } }, // a secret differs
      { ...body, name: 'dify-bound-other' }, // the cloud's own IdempotentParameterMismatch
    ];
    const { app: restarted } = await appOn({ endpoint: sim.endpoint, ...account });
    try {
      for (const bff of [app, restarted]) {
        for (const other of others) {
          const res = await order(bff, other);
          expect(res.statusCode, res.body).toBe(409);
          expect(res.json()).toMatchObject({ code: 'IdempotentParameterMismatch', issues: [{ path: ['clientToken'] }] });
        }
        // The order it was made with still answers its instance.
        expect((await order(bff, body)).json()).toEqual(first.json());
      }
    } finally {
      await restarted.close();
    }
    // Only the cloud's refusal of the renamed order reached CreateServiceInstance; nothing was created.
    const after = requests('CreateServiceInstance').slice(creates);
    expect(after.every((r) => r.params.Name === 'dify-bound-other')).toBe(true);
    const list = (await app.inject({ url: '/api/v1/deployments?refresh=true' })).json<{ items: { name: string }[] }>().items;
    expect(list.filter((i) => i.name.startsWith('dify-bound'))).toHaveLength(1);
  });

  it.each(['hang', 'hang-after'] as const)('a first CreateServiceInstance that never answers (%s) is retried with the same token: one instance', async (kind) => {
    const name = `dify-${kind}`;
    const token = `token-${kind}-0004`;
    sim.injectFault({ kind, action: 'CreateServiceInstance', accessKeyId: account.accessKeyId, times: 1 });
    const res = await order(app, orderBody(name, token, stopped));
    expect(res.statusCode, res.body).toBe(200);
    const attempts = requests('CreateServiceInstance').filter((r) => r.params.Name === name);
    expect(attempts.length).toBe(2);
    expect(new Set(attempts.map((r) => r.params.ClientToken))).toEqual(new Set([token]));
    const found = (await app.inject({ url: '/api/v1/deployments?refresh=true' })).json<{ items: { name: string; instanceId: string }[] }>().items;
    expect(found.filter((i) => i.name === name)).toEqual([expect.objectContaining({ instanceId: res.json().instanceId })]);
  });

  it('follows the deployment to Deployed; the detail has outputs, resources and masked parameters', async () => {
    const detail = await untilFinal(app, instanceId);
    expect(detail).toMatchObject({ status: 'Deployed', phase: 'ready', progress: 100, failure: null, name: 'dify-main', regionId: 'cn-hangzhou' });
    expect(detail.outputs.length).toBeGreaterThan(0);
    expect(detail.resources.some((r) => r.arn.startsWith('arn:acs:ros:'))).toBe(true);
    expect(detail.parameters).toMatchObject({ clusterId: GOOD_PARAMETERS.clusterId, postgresPassword: '******', redisPassword: '******', milvusPassword: '******', highAvailability: true });
  });

  // A client that skips the pre-flight page (the API is public) cannot order what can only fail.
  const unusable: [string, Partial<typeof GOOD_PARAMETERS>, string, RegExp][] = [
    ['a stopped cluster', { clusterId: CLUSTERS.failed }, 'clusterId', /status is failed; it must be running/],
    ['a cluster that does not exist', { clusterId: 'c0000000000000000000000000000000' }, 'clusterId', /There is no c0000000000000000000000000000000 in the region cn-hangzhou/],
    ['a dedicated cluster', { clusterId: 'cfc7ed13cb54300c13a55ff00bd915efb' }, 'clusterId', /Not an ACK managed cluster/],
    ['a cluster in another VPC', { clusterId: 'c99fbf29c1e52e7d41b9fd93da25246a2' }, 'clusterId', /In another VPC/],
    ['PostgreSQL still being created', { postgresInstanceId: 'pgm-bp1dfypgnewo2p3q4' }, 'postgresInstanceId', /status is creating/],
    ['PostgreSQL in another VPC', { postgresInstanceId: 'pgm-bp1stgpg16r5s6t7u' }, 'postgresInstanceId', /In another VPC/],
    ['cluster-architecture Redis', { redisInstanceId: 'r-bp1dfyrediscli1j2k3' }, 'redisInstanceId', /Cluster-architecture Redis/],
    ['Redis of another region', { redisInstanceId: 'r-uf6shredis70r0s1t2' }, 'redisInstanceId', /There is no r-uf6shredis70r0s1t2/],
    ['Milvus in another VPC', { milvusInstanceId: 'c-3d7c0a9b5e2f1846' }, 'milvusInstanceId', /In another VPC/],
    ['a VPC that does not exist', { vpcId: 'vpc-bp1nowhere0000000000' }, 'vpcId', /There is no vpc-bp1nowhere0000000000/],
    ['Redis still being created', { redisInstanceId: 'r-bp1dfyredisnwo7p8q9' }, 'redisInstanceId', /status is creating/],
    ['PostgreSQL of another region', { postgresInstanceId: 'pgm-uf6shpg16y1z2a3b4' }, 'postgresInstanceId', /There is no pgm-uf6shpg16y1z2a3b4 in the region cn-hangzhou/],
    ['a Milvus that does not exist', { milvusInstanceId: 'c-0000000000000000' }, 'milvusInstanceId', /There is no c-0000000000000000/],
  ];
  it.each(unusable)('refuses %s with the field, and creates nothing', async (_, over, field, text) => {
    const creates = requests('CreateServiceInstance').length;
    const res = await order(app, orderBody(`dify-refused-${field.slice(0, 8)}`, `token-refused-${Object.values(over)[0]}`, over), 'en');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('ResourcesNotUsable');
    expect(res.json().issues).toContainEqual({ path: ['parameters', field], message: expect.stringMatching(text) });
    expect(requests('CreateServiceInstance').length).toBe(creates);
  });

  it('refuses a MySQL instance picked as PostgreSQL (the wrong kind) with the field, and creates nothing', async () => {
    const creates = requests('CreateServiceInstance').length;
    const res = await order(app, orderBody('dify-refused-mysql', 'token-refused-mysql', { postgresInstanceId: 'rm-bp1dfymysql8v8w9x0' }), 'en');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().issues).toContainEqual({ path: ['parameters', 'postgresInstanceId'], message: expect.any(String) });
    expect(requests('CreateServiceInstance').length).toBe(creates);
  });

  it('names every unusable pick at once, in the user language', async () => {
    const res = await order(app, orderBody('dify-refused-all', 'token-refused-all', { clusterId: CLUSTERS.failed, redisInstanceId: 'r-bp1dfyrediscli1j2k3' }), 'zh-CN');
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual(['parameters.clusterId', 'parameters.redisInstanceId']);
    expect(res.json().message).toBe('所选资源不能用于此部署，未创建任何内容');
  });

  it('lists the deployments newest first', async () => {
    const { items } = (await app.inject({ url: '/api/v1/deployments' })).json<{ items: { name: string; createdAt: string }[] }>();
    expect(items.length).toBeGreaterThanOrEqual(4);
    const times = items.map((i) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('a wrong Postgres password fails the deployment with the field to correct, in zh-CN and en', async () => {
    const res = await order(app, orderBody('dify-wrongpg', 'token-wrongpg-0005', { clusterId: CLUSTERS.basic, postgresPassword: 'Wrong#Pass2026' }));
    const id = res.json<{ instanceId: string }>().instanceId;
    const en = await untilFinal(app, id, 'en');
    expect(en.status).toBe('DeployedFailed');
    expect(en.phase).toBe('failed');
    expect(en.failure).toMatchObject({ code: 'PostgresAuthFailed', title: 'Wrong PostgreSQL password', fields: ['postgresPassword'] });
    expect(en.failure?.detail).toMatch(/password authentication failed for user "postgres"/);
    const zh = (await app.inject({ url: `/api/v1/deployments/${id}`, headers: { 'accept-language': 'zh-CN' } })).json<DeploymentDetail>();
    expect(zh.failure).toMatchObject({ title: 'PostgreSQL 账号或密码错误', fields: ['postgresPassword'] });
    expect(JSON.stringify(zh)).not.toContain('Wrong#Pass2026');
  });

  it('answers an unknown instance with 404', async () => {
    const res = await app.inject({ url: '/api/v1/deployments/si-0000000000000000000a?lang=en' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'DeploymentNotFound', message: 'There is no service instance si-0000000000000000000a' });
  });

  it('deletes only with the right confirmName', async () => {
    const wrong = await app.inject({ method: 'DELETE', url: `/api/v1/deployments/${instanceId}?lang=en`, payload: { confirmName: 'dify-mian' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'ConfirmationMismatch', issues: [{ path: ['confirmName'], message: 'Type the instance name dify-main to confirm the deletion' }] });
    expect(requests('DeleteServiceInstances')).toHaveLength(0);
    const ok = await app.inject({ method: 'DELETE', url: `/api/v1/deployments/${instanceId}`, payload: { confirmName: 'dify-main' } });
    expect(ok.statusCode, ok.body).toBe(200);
    // At this speed the local cloud may already have finished deleting when it answers.
    expect(ok.json()).toEqual({ instanceId, status: expect.stringMatching(/^Delet(ing|ed)$/) });
    expect(requests('DeleteServiceInstances')[0]!.params).toMatchObject({ 'ServiceInstanceId.1': instanceId });
    const gone = await untilFinal(app, instanceId);
    expect(gone).toMatchObject({ status: 'Deleted', phase: 'deleted' });
  });

  it('never shows or logs a password: responses, log lines, and cloud calls other than the Compute Nest order and quote', () => {
    const logText = logs.text;
    expect(logText.length).toBeGreaterThan(1000);
    for (const secret of [...Object.values(SIM_PASSWORDS), 'Wrong#Pass2026']) {
      for (const body of bodies) expect(body).not.toContain(secret);
      expect(logText).not.toContain(secret);
    }
    const carrying = sim
      .requests({ accessKeyId: account.accessKeyId })
      .filter((r) => Object.values(r.params).some((v) => v.includes(SIM_PASSWORDS.postgres)))
      .map((r) => r.action);
    expect(new Set(carrying)).toEqual(new Set(['GetServiceEstimateCost', 'CreateServiceInstance']));
  });
});
