import { startCloudSim, type CloudSim, type SimAccountKeys } from '@dify-console/cloud-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOn } from '../testing/harness';

/** The list routes through app.inject, with the real gateways against an in-process local cloud. */

const PROD = 'vpc-bp1dfyprod7q2w5e8r1t4y';
const STAGING = 'vpc-bp1dfystag3m6n9b2v5c8x';

let sim: CloudSim;
let account: SimAccountKeys;
let app: FastifyInstance;

beforeAll(async () => {
  sim = await startCloudSim({ port: 0 });
  account = await sim.createAccount('default');
  ({ app } = await appOn({ endpoint: sim.endpoint, ...account }));
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

type Item = { id: string; name: string; eligible: boolean; reasons: { code: string; params: Record<string, string>; message: string }[] } & Record<string, unknown>;
const get = async (url: string, lang?: string) => {
  const res = await app.inject({ url, headers: lang ? { 'accept-language': lang } : {} });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Item[]; fetchedAt: string }>();
};
const byName = (items: Item[]) => Object.fromEntries(items.map((i) => [i.name, i]));
const calls = (action: string) => sim.requests({ accessKeyId: account.accessKeyId, action }).length;

describe('GET /api/v1/regions', () => {
  it('names regions as the Compute Nest console does, in the user language', async () => {
    const zh = await get('/api/v1/regions', 'zh-CN,zh;q=0.9');
    expect(zh.items).toContainEqual({ regionId: 'cn-hangzhou', name: '华东1（杭州）' });
    const en = await get('/api/v1/regions?lang=en');
    expect(en.items).toContainEqual({ regionId: 'cn-shanghai', name: 'China (Shanghai)' });
    expect(sim.requests({ accessKeyId: account.accessKeyId, action: 'DescribeRegions' }).map((r) => r.params.AcceptLanguage)).toEqual(['zh-CN', 'en-US']);
  });
});

describe('GET /api/v1/regions/:regionId/vpcs', () => {
  it('lists the VPCs with their vSwitch count', async () => {
    const { items } = await get('/api/v1/regions/cn-hangzhou/vpcs');
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.find((v) => v.id === PROD)).toMatchObject({ name: 'dify-prod', status: 'Available', cidrBlock: expect.any(String) });
  });
});

describe('GET /api/v1/regions/:regionId/clusters', () => {
  it('accepts Pro and Basic managed clusters and explains the others, in English', async () => {
    const { items } = await get(`/api/v1/regions/cn-hangzhou/clusters?vpcId=${PROD}&lang=en`);
    const c = byName(items);
    expect(c['dify-ack-pro']).toMatchObject({ kind: 'pro', eligible: true, reasons: [] });
    expect(c['dify-ack-basic']).toMatchObject({ kind: 'basic', eligible: true });
    expect(c['dify-ack-dedicated']).toMatchObject({ kind: 'dedicated', eligible: false });
    expect(c['dify-ack-dedicated']?.reasons[0]).toMatchObject({ code: 'notManagedCluster', message: 'Not an ACK managed cluster (Kubernetes); only ACK Pro and ACK Basic are supported' });
    expect(c['dify-ack-serverless']).toMatchObject({ kind: 'serverless', eligible: false, reasons: [{ code: 'unsupportedProfile' }] });
    const notRunning = items.find((i) => i.status !== 'running');
    expect(notRunning?.reasons.map((r) => r.code)).toContain('notRunning');
    expect(c['staging-ack-pro']?.reasons).toEqual([
      { code: 'otherVpc', params: { vpcId: STAGING }, message: `In another VPC (${STAGING}); every resource must be in the chosen VPC` },
    ]);
    expect(items.findIndex((i) => !i.eligible)).toBeGreaterThan(items.filter((i) => i.eligible).length - 1);
  });

  it('says it in Chinese by default', async () => {
    const { items } = await get(`/api/v1/regions/cn-hangzhou/clusters?vpcId=${PROD}`);
    expect(byName(items)['staging-ack-pro']?.reasons[0]?.message).toBe(`位于其他专有网络 ${STAGING}，所有资源必须位于所选VPC中`);
    expect(byName(items)['dify-ack-serverless']?.reasons[0]?.message).toBe('Serverless 类型的集群不受支持，仅支持ACK Pro版和基础版');
  });
});

describe('GET /api/v1/regions/:regionId/postgres', () => {
  it('accepts running primary PostgreSQL in the VPC, with its address; refuses the rest with reasons', async () => {
    const { items } = await get(`/api/v1/regions/cn-hangzhou/postgres?vpcId=${PROD}&lang=en`);
    const p = byName(items);
    expect(p['dify-pg16']).toMatchObject({ eligible: true, engine: 'PostgreSQL', engineVersion: '16.0', internalAddress: { host: expect.stringContaining('.pg.rds.aliyuncs.com'), port: 5432 } });
    expect(p['legacy-mysql80']?.reasons.map((r) => r.code)).toEqual(['notPostgres']);
    expect(p['dify-pg16-ro']?.reasons[0]?.message).toBe('This is a read-only instance; a primary instance is needed');
    expect(p['dify-pg16-new']?.reasons.map((r) => r.code)).toEqual(['notRunning']);
    expect(p['staging-pg16']?.reasons.map((r) => r.code)).toEqual(['otherVpc']);
  });

  it('says it in Chinese', async () => {
    const { items } = await get(`/api/v1/regions/cn-hangzhou/postgres?vpcId=${PROD}`, 'zh-CN');
    const p = byName(items);
    expect(p['legacy-mysql80']?.reasons[0]?.message).toBe('数据库引擎为 MySQL，Dify 需要 PostgreSQL');
    expect(p['dify-pg16-ro']?.reasons[0]?.message).toBe('这是只读实例，需要主实例');
  });

  it('serves a repeat from the cache, and ?refresh=true asks the cloud again', async () => {
    const before = calls('DescribeDBInstances');
    const first = await get('/api/v1/regions/cn-hangzhou/postgres');
    await get('/api/v1/regions/cn-hangzhou/postgres?vpcId=' + STAGING);
    expect(calls('DescribeDBInstances')).toBe(before);
    const refreshed = await get('/api/v1/regions/cn-hangzhou/postgres?refresh=true');
    expect(calls('DescribeDBInstances')).toBe(before + 1);
    expect(refreshed.fetchedAt >= first.fetchedAt).toBe(true);
  });
});

describe('GET /api/v1/regions/:regionId/redis', () => {
  it('refuses cluster-architecture Redis (Celery) and instances not Normal', async () => {
    const { items } = await get(`/api/v1/regions/cn-hangzhou/redis?vpcId=${PROD}&lang=en`);
    const r = byName(items);
    expect(r['dify-redis70']).toMatchObject({ eligible: true, architecture: 'standard', internalAddress: { port: 6379 } });
    expect(r['dify-redis-cluster']).toMatchObject({ eligible: false, architecture: 'cluster' });
    expect(r['dify-redis-cluster']?.reasons[0]?.message).toMatch(/Celery/);
    expect(r['dify-redis-new']?.reasons.map((x) => x.code)).toEqual(['notRunning']);
    expect(r['staging-redis70']?.reasons.map((x) => x.code)).toEqual(['otherVpc']);
    const zh = await get(`/api/v1/regions/cn-hangzhou/redis?vpcId=${PROD}&lang=zh-CN`);
    expect(byName(zh.items)['dify-redis-cluster']?.reasons[0]?.message).toMatch(/^集群架构的Redis/);
  });
});

describe('GET /api/v1/regions/:regionId/milvus', () => {
  it('lists Milvus with the internal endpoint and port, marking other VPCs', async () => {
    const { items } = await get(`/api/v1/regions/cn-hangzhou/milvus?vpcId=${PROD}&lang=en`);
    const m = byName(items);
    expect(m['dify-milvus24']).toMatchObject({ eligible: true, internalEndpoint: expect.stringMatching(/^c-[a-z0-9]+-internal\.milvus\.aliyuncs\.com$/), port: 19530 });
    expect(m['staging-milvus']?.reasons.map((x) => x.code)).toEqual(['otherVpc']);
    const req = sim.requests({ accessKeyId: account.accessKeyId, action: 'ListInstances' })[0];
    expect(req).toMatchObject({ method: 'POST', path: '/webapi/order/list' });
  });
});

describe('many identical requests', () => {
  it('50 concurrent requests make one upstream call per page (1,000 RDS instances, 10 pages)', async () => {
    const large = await sim.createAccount('large');
    const { app: fresh } = await appOn({ endpoint: sim.endpoint, ...large });
    sim.setLatency(30, { accessKeyId: large.accessKeyId });
    const replies = await Promise.all(Array.from({ length: 50 }, () => fresh.inject({ url: '/api/v1/regions/cn-hangzhou/postgres' })));
    expect(replies.every((r) => r.statusCode === 200)).toBe(true);
    expect(replies[0]?.json<{ items: unknown[] }>().items).toHaveLength(1000);
    const pages = sim.requests({ accessKeyId: large.accessKeyId, action: 'DescribeDBInstances' }).map((r) => r.params.PageNumber);
    expect([...pages].sort((a, b) => Number(a) - Number(b))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(sim.requests({ accessKeyId: large.accessKeyId, action: 'GetCallerIdentity' })).toHaveLength(1);
    sim.setLatency(0, { accessKeyId: large.accessKeyId });
    await fresh.close();
  });
});

describe('a picker asks the first page, then the whole list', () => {
  it('answers the first 100 of 1,000 RDS instances at once, then the whole list from the same upstream listing', async () => {
    const large = sim.largeAccount;
    const { app: largeApp } = await appOn({ endpoint: sim.endpoint, ...large });
    try {
      const before = sim.requests({ accessKeyId: large.accessKeyId, action: 'DescribeDBInstances' }).length;
      const first = await largeApp.inject({ url: '/api/v1/regions/cn-hangzhou/postgres?firstPage=true&lang=en' });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ complete: false });
      expect(first.json<{ items: unknown[] }>().items).toHaveLength(100);
      const whole = await largeApp.inject({ url: '/api/v1/regions/cn-hangzhou/postgres?lang=en' });
      expect(whole.json()).toMatchObject({ complete: true });
      expect(whole.json<{ items: unknown[] }>().items).toHaveLength(1000);
      const pages = sim.requests({ accessKeyId: large.accessKeyId, action: 'DescribeDBInstances' }).slice(before);
      expect(pages.map((r) => Number(r.params.PageNumber)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    } finally {
      await largeApp.close();
    }
  });

  it('refuses a firstPage that is not a boolean, naming the field', async () => {
    const res = await app.inject({ url: '/api/v1/regions/cn-hangzhou/vpcs?firstPage=maybe' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('firstPage');
  });
});
