import { startCloudSim, type CloudSim, type KubeObject, type SimAccountKeys } from '@dify-console/cloud-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreflightCheck, PreflightResult } from '@dify-console/shared/api/preflight';
import { CLUSTERS, GOOD_PARAMETERS } from '../testing/deployments';
import { appOn, type LogCapture } from '../testing/harness';

/** The live group of POST /api/v1/preflight: a probe Job in the cluster of the local cloud, through app.inject. */

let sim: CloudSim;
let account: SimAccountKeys;
let app: FastifyInstance;
let logs: LogCapture;
const bodies: string[] = [];

beforeAll(async () => {
  sim = await startCloudSim({ port: 0, speed: 200 });
  account = await sim.createAccount('default');
  ({ app, logs } = await appOn({ endpoint: sim.endpoint, ...account }, { deps: { liveProbe: { pollMs: 20 } } }));
}, 30_000);
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

async function preflight(over: Partial<typeof GOOD_PARAMETERS> = {}, extra: { rerunProbe?: boolean } = {}): Promise<PreflightResult> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/preflight',
    payload: { regionId: 'cn-hangzhou', templateName: '高可用版-已有资源', parameters: { ...GOOD_PARAMETERS, ...over }, ...extra },
    headers: { 'accept-language': 'en' },
  });
  expect(res.statusCode, res.body).toBe(200);
  bodies.push(res.body);
  return res.json<PreflightResult>();
}
const live = (r: PreflightResult) => r.checks.filter((c) => c.group === 'live');

/** Asks again until the live checks are known (the probe runs in simulated time). */
async function settled(over: Partial<typeof GOOD_PARAMETERS> = {}): Promise<PreflightCheck[]> {
  let last: PreflightCheck[] = [];
  await expect
    .poll(
      async () => {
        last = live(await preflight(over));
        return last.some((c) => c.status === 'running');
      },
      { timeout: 30_000, interval: 100 },
    )
    .toBe(false);
  return last;
}
const byId = (checks: PreflightCheck[], id: string) => checks.find((c) => c.id === id);

async function probeObjects(clusterId: string): Promise<KubeObject[]> {
  const res = await fetch(`${sim.endpoint}/_sim/kubernetes?accessKeyId=${account.accessKeyId}&clusterId=${clusterId}`);
  const all = ((await res.json()) as { objects: KubeObject[] }).objects;
  return all.filter((o) => o.metadata.namespace === 'dify-console-probe');
}

describe('the live probe', () => {
  it('answers running at once, then the results from inside the cluster; Job, Pod, Secret and script removed; namespace labelled', async () => {
    const first = live(await preflight());
    expect(first.map((c) => c.id)).toEqual(['live.dns', 'live.postgres.login', 'live.postgres.databases', 'live.redis.auth', 'live.redis.mode', 'live.milvus.login']);
    expect(first.every((c) => c.status === 'running')).toBe(true);
    const checks = await settled();
    expect(checks.map((c) => [c.id, c.status])).toEqual(first.map((c) => [c.id, 'pass']));
    await expect.poll(async () => (await probeObjects(CLUSTERS.pro)).map((o) => o.kind).filter((k) => k !== 'Event'), { timeout: 10_000 }).toEqual([]);
    const res = await fetch(`${sim.endpoint}/_sim/kubernetes?accessKeyId=${account.accessKeyId}&clusterId=${CLUSTERS.pro}`);
    const ns = ((await res.json()) as { objects: KubeObject[] }).objects.find((o) => o.kind === 'Namespace' && o.metadata.name === 'dify-console-probe');
    expect(ns?.metadata.labels?.['app.kubernetes.io/managed-by']).toBe('dify-console');
    // The Job the cluster received: what the console asked for.
    const recorded = await fetch(`${sim.endpoint}/_sim/requests?accessKeyId=${account.accessKeyId}`).then((r) => r.json() as Promise<{ requests?: { action: string; status: number }[] }>);
    const actions = (recorded.requests ?? []).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['create jobs', 'create secrets', 'create configmaps', 'delete jobs', 'delete secrets', 'delete configmaps']));
  });

  it('catches a wrong Redis password and a wrong Milvus password, naming the fields; the same parameters reuse the result', async () => {
    const over = { redisPassword: 'Wrong_Redis2026', milvusPassword: 'Wrong#Milvus2026' };
    const checks = await settled(over);
    expect(byId(checks, 'live.redis.auth')).toMatchObject({ status: 'fail', field: 'redisPassword' });
    expect(byId(checks, 'live.redis.auth')?.detail).toContain('WRONGPASS');
    expect(byId(checks, 'live.milvus.login')).toMatchObject({ status: 'fail', field: 'milvusPassword' });
    expect(byId(checks, 'live.postgres.login')?.status).toBe('pass');
    expect(live(await preflight(over)).map((c) => c.status)).toEqual(checks.map((c) => c.status));
  });

  it('a cluster-mode Redis, a blocked PostgreSQL and an account that cannot create the databases', async () => {
    const a = await settled({ redisInstanceId: 'r-bp1dfyrediscli1j2k3', postgresInstanceId: 'pgm-bp1dfypg15e3f4g5h' });
    expect(byId(a, 'live.redis.mode')).toMatchObject({ status: 'fail', field: 'redisInstanceId' });
    expect(byId(a, 'live.redis.mode')?.detail).toContain('CROSSSLOT');
    expect(byId(a, 'live.postgres.login')).toMatchObject({ status: 'fail', field: 'postgresInstanceId' });
    expect(byId(a, 'live.postgres.login')?.detail).toContain('timeout expired');
    const b = await settled({ postgresInstanceId: 'pgm-bp1dfypg14a0b1c2d', postgresAccount: 'dify_app', postgresPassword: 'Dify#App2026' });
    expect(byId(b, 'live.postgres.login')?.status).toBe('pass');
    expect(byId(b, 'live.postgres.databases')).toMatchObject({ status: 'fail', field: 'postgresAccount' });
  });

  it('a cluster that cannot pull the image: reported plainly as a warn, the order stays possible', async () => {
    const checks = await settled({ clusterId: CLUSTERS.basic });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ id: 'live.probe', status: 'warn' });
    expect(checks[0]?.detail).toContain('cannot pull the probe image postgres:16-alpine');
    expect(checks[0]?.detail).toContain('PROBE_IMAGE');
    // The kubelet's own (English) words apart, verbatim, not inside the sentence.
    expect(checks[0]?.evidence).toMatch(/\S/);
    expect(checks[0]?.detail).not.toContain(checks[0]?.evidence);
  });

  it('after the one-click whitelist fix the probe runs anew (its login failed through the old whitelist) and passes', async () => {
    const over = { postgresInstanceId: 'pgm-bp1dfypg15e3f4g5h' };
    expect(byId(await settled(over), 'live.postgres.login')?.status).toBe('fail');
    const fix = await app.inject({
      method: 'POST',
      url: '/api/v1/preflight/whitelist-fix',
      payload: { regionId: 'cn-hangzhou', target: 'postgres', instanceId: over.postgresInstanceId, clusterId: GOOD_PARAMETERS.clusterId, confirm: true },
    });
    expect(fix.statusCode, fix.body).toBe(200);
    // The same parameters, without "check again": not the stale failure, a new run.
    expect(live(await preflight(over)).every((c) => c.status === 'running')).toBe(true);
    expect(byId(await settled(over), 'live.postgres.login')?.status).toBe('pass');
  });

  it('runs again on request after a fix (rerunProbe), and never shows or logs a password', async () => {
    const over = { redisPassword: 'Wrong_Redis2026', milvusPassword: 'Wrong#Milvus2026' };
    const again = live(await preflight(over, { rerunProbe: true }));
    expect(again.every((c) => c.status === 'running')).toBe(true);
    for (const secret of ['Wrong_Redis2026', 'Wrong#Milvus2026', GOOD_PARAMETERS.redisPassword, GOOD_PARAMETERS.postgresPassword]) {
      expect(bodies.join('\n')).not.toContain(secret);
      expect(logs.text).not.toContain(secret);
    }
  });
});
