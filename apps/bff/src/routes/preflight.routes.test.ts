import { randomUUID } from 'node:crypto';
import { startCloudSim, type CloudSim, type SimAccountKeys } from '@dify-console/cloud-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreflightCheck, PreflightResult, Prerequisites } from '@dify-console/shared/api/preflight';
import { ruleMessage } from '@dify-console/shared/domain/rules';
import { createTransport } from '../cloud/pop-client';
import { RdsGateway } from '../cloud/rds.gateway';
import { KvstoreGateway } from '../cloud/kvstore.gateway';
import { sandboxCloud } from '../config/cloud';
import { CLUSTERS, GOOD_PARAMETERS, order, orderBody, untilFinal } from '../testing/deployments';
import { appOn, testEnv } from '../testing/harness';

/** Pre-flight checks, the whitelist fix and the prerequisites through app.inject, against the local cloud. */

const IDS = {
  pg14: 'pgm-bp1dfypg14a0b1c2d',
  pg15: 'pgm-bp1dfypg15e3f4g5h',
  pg16: 'pgm-bp1dfypg16i6j7k8l',
  stagingPg: 'pgm-bp1stgpg16r5s6t7u',
  redis60: 'r-bp1dfyredis60f8g9h0',
  redisCluster: 'r-bp1dfyrediscli1j2k3',
  stagingRedis: 'r-bp1stgredis70l4m5n6',
  single: 'ca818a7582f9972eacb159a0cb7a2a16e',
  stagingMilvus: 'c-3d7c0a9b5e2f1846',
};
/** dify-ack-pro's pod vSwitches (terway, FIXTURES.md), read from its ConfigMap kube-system/eni-config. */
const PRO_POD_CIDRS = ['172.16.64.0/18', '172.16.128.0/18'];
/** dify-ack-basic's node vSwitch (flannel): its workers 172.16.0.10 and .11, and any node a scale-out adds. */
const BASIC_NODE_CIDRS = ['172.16.0.0/24'];

let sim: CloudSim;
let account: SimAccountKeys;
const apps: Record<'root' | 'deployer' | 'partial' | 'none', FastifyInstance> = {} as never;

/** A RAM user's keys in a createAccount() account (cloud-sim fixtures/ram.ts ramKeysFor). */
const ramKeys = (suffix: 'Deployer' | 'Partial' | 'None') => ({
  accessKeyId: `${account.accessKeyId}Ram${suffix}`,
  accessKeySecret: `${account.accessKeySecret}Ram${suffix}`,
});

beforeAll(async () => {
  sim = await startCloudSim({ port: 0, speed: 2000 });
  account = await sim.createAccount('default');
  const on = async (keys: { accessKeyId: string; accessKeySecret: string }) =>
    (await appOn({ endpoint: sim.endpoint, ...keys }, { env: { CLOUD_TIMEOUT_MS: '3000' } })).app;
  apps.root = await on(account);
  apps.deployer = await on(ramKeys('Deployer'));
  apps.partial = await on(ramKeys('Partial'));
  apps.none = await on(ramKeys('None'));
}, 30_000);
afterAll(async () => {
  await Promise.all(Object.values(apps).map((a) => a?.close()));
  await sim?.close();
});

const body = (over: Partial<typeof GOOD_PARAMETERS> = {}) => ({
  regionId: 'cn-hangzhou',
  templateName: '高可用版-已有资源',
  parameters: { ...GOOD_PARAMETERS, ...over },
});

async function preflight(over: Partial<typeof GOOD_PARAMETERS> = {}, app = apps.root, lang = 'en'): Promise<PreflightResult> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/preflight', payload: body(over), headers: { 'accept-language': lang } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PreflightResult>();
}
const check = (r: PreflightResult, id: string): PreflightCheck => {
  const c = r.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id} in ${r.checks.map((x) => x.id).join(', ')}`);
  return c;
};

/** The RDS/Redis gateways on the root keys: the whitelists as the cloud holds them. */
const direct = () => {
  const transport = createTransport(sandboxCloud(testEnv(), sim.endpoint, account));
  return { rds: new RdsGateway(transport), kvstore: new KvstoreGateway(transport) };
};

describe('POST /api/v1/preflight', () => {
  it('passes the good set (root keys), every check in the contract shape', async () => {
    const r = await preflight();
    // The live group's probe is started by the first ask: running (preflight-live.routes.test.ts follows it).
    const live = r.checks.filter((c) => c.group === 'live');
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((c) => c.status === 'running')).toBe(true);
    const notPassing = r.checks.filter((c) => c.status !== 'pass' && c.group !== 'live');
    // The sandbox passwords pass every rule, the Redis one included.
    expect(notPassing.map((c) => c.id)).toEqual([]);
    expect(check(r, 'redis.password').detail).toMatch(/none of @ # % &/);
    expect(r.summary).toEqual({ pass: r.checks.length - live.length, warn: 0, fail: 0, running: live.length });
    expect(r.durationMs).toBeGreaterThan(0); // its speed is a figure of `pnpm bench`, not a test
    expect(new Set(r.checks.map((c) => c.group))).toEqual(new Set(['identity', 'computeNest', 'topology', 'cluster', 'postgres', 'redis', 'milvus', 'live']));
    expect(check(r, 'identity.policies').detail).toMatch(/root account/);
    expect(check(r, 'cluster.capacity').detail).toMatch(/vCPU/);
    expect(check(r, 'postgres.databases').detail).toMatch(/dify and dify_plugin exist/);
    expect(check(r, 'postgres.whitelist').detail).toMatch(/172\.16\./);
    // Chinese on request.
    const zh = await preflight({}, apps.root, 'zh-CN');
    expect(check(zh, 'identity.caller').detail).toMatch(/主账号/);
  });

  it('fails the pg15 whitelist with the exact missing ranges: flannel → the node vSwitch CIDRs', async () => {
    const r = await preflight({ postgresInstanceId: IDS.pg15, clusterId: CLUSTERS.basic });
    const w = check(r, 'postgres.whitelist');
    expect(w.status).toBe('fail');
    expect(w.fix).toEqual({ kind: 'whitelist', target: 'postgres', instanceId: IDS.pg15, groupName: 'dify_ack', add: BASIC_NODE_CIDRS });
    expect(w.detail).toMatch(/Flannel: .*vSwitches vsw-bp1prodk0a1b2c3d4e5f6g \(nodes added later included\)/);
    expect(w.detail).toMatch(/rdsnext\.console\.aliyun\.com/);
    // dify and dify_plugin are absent on pg15: still a pass, saying they will be created.
    expect(check(r, 'postgres.databases')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/created by the deployment: dify, dify_plugin/) });
  });

  it('fails the pg15 whitelist with the exact missing ranges: terway → the pod vSwitch CIDRs (terway\'s eni-config)', async () => {
    const r = await preflight({ postgresInstanceId: IDS.pg15 });
    const w = check(r, 'postgres.whitelist');
    expect(w.status).toBe('fail');
    expect(w.fix).toEqual({ kind: 'whitelist', target: 'postgres', instanceId: IDS.pg15, groupName: 'dify_ack', add: PRO_POD_CIDRS });
    expect(w.detail).toMatch(/Terway: pods take addresses of the pod vSwitches vsw-/);
  });

  it('fails a standard account on pg14 (uuid-ossp, dify_plugin) and a missing account', async () => {
    const normal = await preflight({ postgresInstanceId: IDS.pg14, postgresAccount: 'dify_app' });
    expect(check(normal, 'postgres.account')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/uuid-ossp.*dify_plugin/) });
    const missing = await preflight({ postgresInstanceId: IDS.pg14 });
    expect(check(missing, 'postgres.account')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/no account postgres/) });
    expect(check(missing, 'postgres.instance').status).toBe('pass');
  });

  it('fails a Redis cluster (CROSSSLOT) and the redis60 whitelist gap', async () => {
    const cluster = await preflight({ redisInstanceId: IDS.redisCluster });
    expect(check(cluster, 'redis.architecture')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/CROSSSLOT/) });
    const r60 = await preflight({ redisInstanceId: IDS.redis60, clusterId: CLUSTERS.basic });
    expect(check(r60, 'redis.instance').status).toBe('pass');
    const w = check(r60, 'redis.whitelist');
    expect(w.status).toBe('fail');
    expect(w.fix).toEqual({ kind: 'whitelist', target: 'redis', instanceId: IDS.redis60, groupName: 'dify_ack', add: BASIC_NODE_CIDRS });
  });

  it('fails topology for resources of another VPC, naming the resource and its VPC', async () => {
    const r = await preflight({
      postgresInstanceId: IDS.stagingPg,
      redisInstanceId: IDS.stagingRedis,
      milvusInstanceId: IDS.stagingMilvus,
      milvusEndpoint: `${IDS.stagingMilvus}-internal.milvus.aliyuncs.com`,
    });
    for (const [id, name] of [
      ['topology.postgres', IDS.stagingPg],
      ['topology.redis', IDS.stagingRedis],
      ['topology.milvus', IDS.stagingMilvus],
    ] as const) {
      expect(check(r, id)).toMatchObject({ status: 'fail', detail: expect.stringContaining(name) });
      expect(check(r, id).detail).toMatch(/vpc-bp1dfystag3m6n9b2v5c8x/);
    }
    expect(check(r, 'topology.cluster').status).toBe('pass');
  });

  it('warns about HA on a one-node cluster, not without HA', async () => {
    const ha = await preflight({ clusterId: IDS.single });
    expect(check(ha, 'cluster.ha')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/Only 1 schedulable/) });
    const noHa = await preflight({ clusterId: IDS.single, highAvailability: false });
    expect(check(noHa, 'cluster.ha').status).toBe('pass');
  });

  it('fails a Milvus address that is not the instance\'s internal address', async () => {
    const r = await preflight({ milvusEndpoint: 'c-8b1e4c2d7a9f0e35-internal.milvus.aliyuncs.com' });
    expect(check(r, 'milvus.endpoint')).toMatchObject({ status: 'fail', detail: expect.stringContaining('c-5f2a9d7e31b84c06-internal.milvus.aliyuncs.com') });
  });

  it('the RAM user dify-deployer passes identity; dify-partial shows the missing policies and Compute Nest\'s gap', async () => {
    const ok = await preflight({}, apps.deployer);
    expect(check(ok, 'identity.policies')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/AliyunRDSFullAccess \(group dify-ops\)/) });
    expect(check(ok, 'computeNest.dryRun').status).toBe('pass');
    const partial = await preflight({}, apps.partial);
    const p = check(partial, 'identity.policies');
    expect(p.status).toBe('fail');
    expect(p.detail).toMatch(/lacks: AliyunKvstoreFullAccess, AliyunRDSFullAccess/);
    expect(p.fix).toMatchObject({ kind: 'link', url: expect.stringContaining('dify-partial') });
    expect(check(partial, 'identity.computeNest')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/rds:DescribeDBInstances/) });
    expect(check(partial, 'computeNest.dryRun').status).toBe('fail');
    // The missing permissions come from the RAM checks and GenerateServicePolicy; CheckServiceDeployable checks balance and quota only.
    expect(check(partial, 'computeNest.deployable').status).toBe('pass');
    // Its RDS reads are refused: a warn "could not verify", not a crash.
    expect(check(partial, 'postgres.account')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/Could not verify.*rds:DescribeAccounts/) });
  });

  it('a passing dry run is accepted in both forms: the DryRunOperation error and HTTP 200 without an instance ID', async () => {
    const setDryRun = async (answer: 'Accepted' | 'DryRunOperation') => {
      const res = await fetch(`${sim.endpoint}/_sim/dry-run`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accessKeyId: account.accessKeyId, answer }) });
      expect(res.status).toBe(200);
    };
    const dryRuns = () => sim.requests({ accessKeyId: account.accessKeyId, action: 'CreateServiceInstance' }).filter((r) => r.params.DryRun === 'true');
    try {
      for (const [answer, status] of [['Accepted', 200], ['DryRunOperation', 400]] as const) {
        await setDryRun(answer);
        const before = dryRuns().length;
        const r = await preflight();
        expect(check(r, 'computeNest.dryRun')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/dry run passed/) });
        const sent = dryRuns().slice(before);
        expect(sent.map((x) => x.status)).toEqual([status]);
        if (answer === 'DryRunOperation') expect(sent[0]?.code).toBe('DryRunOperation');
      }
      // A refusal is still a refusal in either mode.
      await setDryRun('Accepted');
      const refused = await preflight({}, apps.partial);
      expect(check(refused, 'computeNest.dryRun')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/dify-partial lacks/) });
    } finally {
      await setDryRun('DryRunOperation');
    }
  });

  it('CheckServiceDeployable gets the amounts of the quote; a low balance fails it with the cloud\'s message', async () => {
    const me = await sim.createAccount('default');
    const { app } = await appOn({ endpoint: sim.endpoint, ...me }, { env: { CLOUD_TIMEOUT_MS: '3000' } });
    try {
      const quote = await app.inject({ method: 'POST', url: '/api/v1/quote', payload: body(), headers: { 'accept-language': 'en' } });
      expect(quote.statusCode, quote.body).toBe(200);
      const items = quote.json<{ items: { chargeType: string; tradeAmount: number }[] }>().items;
      const sum = (type: string) => items.filter((i) => i.chargeType === type).reduce((a, i) => a + i.tradeAmount, 0);
      expect(sum('PostPaid')).toBeGreaterThan(0);

      const ok = await preflight({}, app);
      expect(check(ok, 'computeNest.deployable')).toMatchObject({ status: 'pass', detail: 'Account balance and quota checks passed' });
      const sent = sim.requests({ accessKeyId: me.accessKeyId, action: 'CheckServiceDeployable' });
      expect(sent).toHaveLength(1);
      expect(Number(sent[0]?.params.PostPaidAmount)).toBeCloseTo(sum('PostPaid'), 4);
      expect(Number(sent[0]?.params.PrePaidAmount)).toBeCloseTo(sum('PrePaid'), 4);
      expect(sent[0]?.params.TemplateName).toBeUndefined();

      const low = await fetch(`${sim.endpoint}/_sim/balance`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accessKeyId: me.accessKeyId, amount: 20 }) });
      expect(low.status).toBe(200);
      const r = await preflight({}, app);
      expect(check(r, 'computeNest.deployable')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^Failed: Balance: The account balance \(20\.00 CNY\) is insufficient/) });
    } finally {
      await app.close();
    }
  });

  it('a cluster whose API server has no public endpoint: the checks inside it say what to do, in both languages', async () => {
    for (const [lang, text] of [
      ['en', /no public endpoint.*run the console inside the cluster's VPC \(with CLUSTER_API_ACCESS=intranet\), or give the API server a public endpoint/],
      ['zh-CN', /没有公网访问地址.*在该集群所在的VPC内运行控制台.*开启公网访问/],
    ] as const) {
      const r = await preflight({ clusterId: CLUSTERS.stagingNoPublicEndpoint }, apps.root, lang);
      const inside = r.checks.filter((c) => text.test(c.detail));
      expect(inside.length, JSON.stringify(r.checks.map((c) => [c.id, c.detail]))).toBeGreaterThan(0);
      // The cluster's checks (and the live probe, once its answer is in) cannot look inside it: warns.
      expect(inside.some((c) => c.group === 'cluster')).toBe(true);
      expect(inside.every((c) => c.status === 'warn' && (c.group === 'cluster' || c.group === 'live'))).toBe(true);
    }
  });

  it('dify-none: RAM reads denied → cannot verify; even the service template is refused (NoPermission)', async () => {
    const r = await preflight({}, apps.none);
    expect(check(r, 'identity.caller').detail).toMatch(/RAM user dify-none/);
    expect(check(r, 'identity.policies')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/Cannot verify/) });
    // Without GetService the order's Parameters cannot be built: the dry run says which call was refused.
    expect(check(r, 'computeNest.dryRun')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/computenest:GetService \(NoPermission\)/) });
    expect(check(r, 'computeNest.deployable').status).toBe('warn');
    expect(r.checks.every((c) => c.status !== 'pass' || ['identity.caller', 'redis.password'].includes(c.id) || c.group !== 'postgres')).toBe(true);
  });
});

describe('the Redis password rule', () => {
  it('a password with # is refused before any check, with the sentence of the help and the pre-flight', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const res = await apps.root.inject({ method: 'POST', url: '/api/v1/preflight', payload: body({ redisPassword: 'Dify#Redis2026' }), headers: { 'accept-language': lang } });
      expect(res.statusCode).toBe(400);
      const issue = res.json<{ issues: { path: string; message: string }[] }>().issues[0];
      expect(issue).toMatchObject({ message: ruleMessage('redisPassword.urlUnsafe', lang) });
      expect(JSON.stringify(issue?.path)).toContain('redisPassword');
      expect(res.body).not.toContain('Dify#Redis2026');
    }
  });
});

describe('POST /api/v1/preflight/whitelist-fix', () => {
  const fix = (payload: object) => apps.root.inject({ method: 'POST', url: '/api/v1/preflight/whitelist-fix', payload, headers: { 'accept-language': 'en' } });

  // A lone surrogate once gave a 500 here, and spaces a 502 that blamed the AccessKey.
  it.each([
    ['a lone surrogate', 'instanceId', '\ud800'],
    ['a lone surrogate after a valid id', 'instanceId', `${IDS.pg15}\udfff`],
    ['spaces around the id', 'instanceId', ` ${IDS.pg15} `],
    ['a space inside the cluster id', 'clusterId', `${CLUSTERS.basic.slice(0, 8)} ${CLUSTERS.basic.slice(9)}`],
    ['a huge cluster id', 'clusterId', 'c'.repeat(100_000)],
    ['a region with a space', 'regionId', 'cn hangzhou'],
  ])('refuses %s with a 400 naming the field, and asks the cloud nothing', async (_, field, value) => {
    // What a fix changes in the cloud (reads may come from other checks still running).
    const fixCalls = () => sim.requests().filter((r) => r.action === 'ModifySecurityIps').length;
    const before = fixCalls();
    const res = await fix({ regionId: 'cn-hangzhou', target: 'postgres', instanceId: IDS.pg15, clusterId: CLUSTERS.basic, confirm: true, [field]: value });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'ValidationFailed', issues: [{ path: [field] }] });
    expect(res.body).not.toMatch(/AccessKey/i);
    expect(fixCalls()).toBe(before);
  });

  it('requires confirm: true', async () => {
    const res = await fix({ regionId: 'cn-hangzhou', target: 'postgres', instanceId: IDS.pg15, clusterId: CLUSTERS.basic, confirm: false });
    expect(res.statusCode).toBe(400);
  });

  it('adds only the missing ranges to dify_ack, touches no other group, then the check passes; 409 once complete', async () => {
    const { rds } = direct();
    const before = await rds.describeDBInstanceIPArrayList('cn-hangzhou', IDS.pg15);
    const res = await fix({ regionId: 'cn-hangzhou', target: 'postgres', instanceId: IDS.pg15, clusterId: CLUSTERS.basic, confirm: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ instanceId: IDS.pg15, groupName: 'dify_ack', added: BASIC_NODE_CIDRS });
    const after = await rds.describeDBInstanceIPArrayList('cn-hangzhou', IDS.pg15);
    const others = (groups: typeof after) => groups.filter((g) => g.DBInstanceIPArrayName !== 'dify_ack');
    expect(others(after)).toEqual(others(before));
    expect(after.find((g) => g.DBInstanceIPArrayName === 'dify_ack')?.SecurityIPList).toBe('172.16.0.0/24');
    const r = await preflight({ postgresInstanceId: IDS.pg15, clusterId: CLUSTERS.basic });
    expect(check(r, 'postgres.whitelist').status).toBe('pass');
    const again = await fix({ regionId: 'cn-hangzhou', target: 'postgres', instanceId: IDS.pg15, clusterId: CLUSTERS.basic, confirm: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('WhitelistComplete');
  });

  it("after the fix the local cloud's deployment reaches pg15 from the flannel cluster's nodes (no connection timeout)", async () => {
    // Runs after the fix above: dify_ack holds the node vSwitch CIDR, which admits every worker node.
    const res = await order(apps.root, orderBody('dify-flannel', randomUUID(), { clusterId: CLUSTERS.basic, postgresInstanceId: IDS.pg15 }));
    expect(res.statusCode, res.body).toBe(200);
    const detail = await untilFinal(apps.root, res.json<{ instanceId: string }>().instanceId);
    expect(detail.status, JSON.stringify(detail.failure)).toBe('Deployed');
  });

  it('fixes a Redis whitelist the same way (SecurityIpGroupName dify_ack only)', async () => {
    const { kvstore } = direct();
    const before = await kvstore.describeSecurityIps('cn-hangzhou', IDS.redis60);
    const res = await fix({ regionId: 'cn-hangzhou', target: 'redis', instanceId: IDS.redis60, clusterId: CLUSTERS.pro, confirm: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ added: string[] }>().added).toEqual(PRO_POD_CIDRS);
    const after = await kvstore.describeSecurityIps('cn-hangzhou', IDS.redis60);
    const others = (groups: typeof after) => groups.filter((g) => g.SecurityIpGroupName !== 'dify_ack');
    expect(others(after)).toEqual(others(before));
    const r = await preflight({ redisInstanceId: IDS.redis60 });
    expect(check(r, 'redis.whitelist').status).toBe('pass');
  });

  it('refuses a cluster of another VPC (409)', async () => {
    const res = await fix({ regionId: 'cn-hangzhou', target: 'postgres', instanceId: IDS.stagingPg, clusterId: CLUSTERS.pro, confirm: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('NotSameVpc');
  });
});

describe('GET /api/v1/prerequisites', () => {
  const get = async (app: FastifyInstance, lang = 'en') => {
    const res = await app.inject({ url: '/api/v1/prerequisites', headers: { 'accept-language': lang } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Prerequisites>();
  };

  it('root: every policy notNeeded', async () => {
    const p = await get(apps.root);
    expect(p.identity).toMatchObject({ type: 'Account', userName: null, arn: expect.stringMatching(/:root$/) });
    expect(p.policies).toHaveLength(8);
    expect(p.policies.every((x) => x.status === 'notNeeded')).toBe(true);
    // The page says it once (its own line for a root account), not again in a note.
    expect(p.note).toBeNull();
  });

  it('RAM users: via user / group, missing, or unknown when RAM reads are denied', async () => {
    const deployer = await get(apps.deployer);
    expect(deployer.identity).toMatchObject({ type: 'RAMUser', userName: 'dify-deployer' });
    expect(deployer.policies.find((x) => x.name === 'AliyunRDSFullAccess')).toMatchObject({ status: 'granted', via: 'group:dify-ops' });
    expect(deployer.policies.find((x) => x.name === 'AliyunROSFullAccess')).toMatchObject({ status: 'granted', via: 'user' });
    const partial = await get(apps.partial, 'zh-CN');
    expect(partial.policies.filter((x) => x.status === 'missing').map((x) => x.name)).toEqual(['AliyunKvstoreFullAccess', 'AliyunRDSFullAccess']);
    expect(partial.policies.find((x) => x.name === 'AliyunRDSFullAccess')?.purpose).toMatch(/RDS/);
    const none = await get(apps.none);
    expect(none.policies.every((x) => x.status === 'unknown')).toBe(true);
    expect(none.note).toMatch(/AliyunRAMReadOnlyAccess/);
  });
});
