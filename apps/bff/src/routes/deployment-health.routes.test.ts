import { randomUUID } from 'node:crypto';
import { startCloudSim, type CloudSim, type SimAccountKeys } from '@dify-console/cloud-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentHealth } from '@dify-console/shared/api/deployment-health';
import { GOOD_PARAMETERS, order, orderBody, SIM_PASSWORDS, untilFinal } from '../testing/deployments';
import { appOn } from '../testing/harness';

/** GET /api/v1/deployments/:id/health against deployments that really ran in the local cloud. */

let sim: CloudSim;
let app: FastifyInstance;
let lastAccount: SimAccountKeys;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  sim = await startCloudSim({ port: 0, speed: 2000 });
}, 30_000);
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await sim?.close();
});

/** Each deployment in an account of its own: one Dify release per cluster. */
async function deploy(name: string, over: Parameters<typeof orderBody>[2] = {}) {
  const account: SimAccountKeys = await sim.createAccount('default');
  ({ app } = await appOn({ endpoint: sim.endpoint, ...account, sim }));
  lastAccount = account;
  apps.push(app);
  const res = await order(app, orderBody(name, randomUUID(), over));
  expect(res.statusCode, res.body).toBe(200);
  const { instanceId } = res.json<{ instanceId: string }>();
  const detail = await untilFinal(app, instanceId, 'en', 30_000);
  return { instanceId, detail };
}

async function health(instanceId: string, lang = 'en') {
  return app.inject({ url: `/api/v1/deployments/${instanceId}/health`, headers: { 'accept-language': lang } });
}

describe('deployment health', () => {
  it('a good deployment: every component ready, the HPA, spread, the api’s /health inside the cluster; healthy; kept, and run again on demand with /install through the entry', async () => {
    const { instanceId, detail } = await deploy('dify-healthy');
    expect(detail.status).toBe('Deployed');
    // The pods start after the stack finishes its wait; simulated time moves on.
    sim.advance(120_000);
    const res = await health(instanceId);
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json<DeploymentHealth>();
    expect(h.checks.map((c) => [c.id, c.status]), JSON.stringify(h)).toEqual([
      ['pods.api', 'pass'],
      ['pods.worker', 'pass'],
      ['pods.web', 'pass'],
      ['pods.sandbox', 'pass'],
      ['pods.plugin-daemon', 'pass'],
      ['pods.proxy', 'pass'],
      ['hpa', 'pass'],
      ['spread', 'pass'],
      ['api.health', 'pass'],
      ['install', 'warn'],
    ]);
    expect(h).toMatchObject({ status: 'healthy', diagnosis: [] });
    // Dify's own answer, through the API server's service proxy to Service ack-dify-api.
    expect(h.checks.find((c) => c.id === 'api.health')?.detail).toBe('status ok, Dify 1.1.3');
    expect(sim.requests({ accessKeyId: lastAccount.accessKeyId }).some((r) => r.product === 'Kubernetes' && r.action === 'get services/proxy')).toBe(true);
    expect(h.checks.find((c) => c.id === 'install')?.detail).toMatch(/^No access entry yet/);

    // Kept in the cluster (both languages), so the next reader, on any replica, gets it as it was.
    const kept = (sim.clusterObjects(lastAccount.accessKeyId, GOOD_PARAMETERS.clusterId) ?? []).find(
      (o) => o.kind === 'ConfigMap' && o.metadata.namespace === 'dify-console-probe' && o.metadata.name === `health-${instanceId}`,
    );
    expect(Object.keys((kept as { data?: Record<string, string> } | undefined)?.data ?? {}).sort()).toEqual(['deploymentStatus', 'en', 'zh-CN']);
    // When it ran, on the cluster's clock (the one of the deployment's other times): when the API server
    // recorded the result. The local cloud's clock runs ahead of the console's; the console's is not used.
    expect(h.checkedAt).toBe(kept?.metadata.creationTimestamp && new Date(kept.metadata.creationTimestamp).toISOString());
    expect(Date.parse(h.checkedAt)).toBeGreaterThan(Date.now() + 60_000); // the local cloud was advanced 2 minutes
    const again = (await health(instanceId, 'zh-CN')).json<DeploymentHealth>();
    expect(again.checkedAt).toBe(h.checkedAt);
    expect(again.checks.find((c) => c.id === 'api.health')?.title).toBe('api 在集群内通过健康检查（ack-dify-api）');

    // An entry, then "check again": /install answers through it.
    const put = await app.inject({ method: 'PUT', url: `/api/v1/deployments/${instanceId}/access`, payload: { kind: 'loadBalancer', addressType: 'internet' } });
    expect(put.statusCode, put.body).toBe(200);
    sim.advance(60_000);
    const rerun = await app.inject({ method: 'POST', url: `/api/v1/deployments/${instanceId}/health`, headers: { 'accept-language': 'en' } });
    expect(rerun.statusCode, rerun.body).toBe(200);
    const r = rerun.json<DeploymentHealth>();
    expect(r.checks.find((c) => c.id === 'install')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/\/install/) });
    expect(r.checkedAt).not.toBe(h.checkedAt);
    expect((await health(instanceId)).json<DeploymentHealth>().checkedAt).toBe(r.checkedAt);
  });

  it('a failed deployment (wrong Redis password): api and worker crash-loop; Redis’s own WRONGPASS as evidence, the field to change', async () => {
    const { instanceId, detail } = await deploy('dify-wrongpass', { redisPassword: 'Wrong_Redis2026' });
    expect(detail.status).toBe('DeployedFailed');
    const h = (await health(instanceId)).json<DeploymentHealth>();
    expect(h.status).toBe('unhealthy');
    const api = h.diagnosis.find((d) => d.component === 'api');
    expect(api).toMatchObject({ signature: 'redis.auth', fix: { kind: 'field', field: 'redisPassword' } });
    expect(api?.evidence).toContain('WRONGPASS invalid username-password pair or user is disabled.');
    expect(h.diagnosis.every((d) => d.signature === 'redis.auth')).toBe(true);
    // No api pod is ready: the API server itself says so for Service ack-dify-api; no /install check on a failed deployment.
    expect(h.checks.find((c) => c.id === 'api.health')).toMatchObject({ status: 'fail', detail: 'No healthy answer (HTTP 503)', evidence: 'no endpoints available for service "ack-dify-api"' });
    expect(h.checks.some((c) => c.id === 'install')).toBe(false);
    // The worker crash-loops with the same line: a card of its own, in both languages.
    expect(h.checks.find((c) => c.id === 'pods.worker')).toMatchObject({ status: 'fail' });
    expect(h.diagnosis.find((d) => d.component === 'worker')?.evidence).toContain('WRONGPASS');
    const zh = (await health(instanceId, 'zh-CN')).json<DeploymentHealth>();
    expect(zh.diagnosis.find((d) => d.component === 'worker')?.explanation).toBe('Redis 拒绝了 Dify 使用的密码。');
    // The pod's state in words, Kubernetes' reason kept in brackets as the value it is.
    expect(zh.checks.find((c) => c.id === 'pods.worker')?.detail).toMatch(/^0\/\d 就绪：反复崩溃重启（CrashLoopBackOff）$/);
    expect(h.checks.find((c) => c.id === 'pods.worker')?.detail).toMatch(/^0\/\d ready: crash-looping \(CrashLoopBackOff\)$/);
  });

  // The local cloud's scenarios (FIXTURES.md): the release's pods fail the way the real components do.
  const SCENARIOS = {
    tiny: 'c5afc009dff7797a791d5510c64410d97',
    locked: 'ca0d1b499057b157a720aaad9e57f3d27',
    limits: 'c893916af8e3c12274e3847635bcea8ae',
    pg14: 'pgm-bp1dfypg14a0b1c2d',
    pg16Basic: 'pgm-bp1dfypg16bsc2x3y',
  };

  it('pods Pending for lack of memory (dify-ack-tiny, HA): the scheduler’s own FailedScheduling text, scale the node pool', async () => {
    const { instanceId, detail } = await deploy('dify-tiny', { clusterId: SCENARIOS.tiny });
    // The api fits: Compute Nest says Deployed; the plugin daemon finds no node.
    expect(detail.status).toBe('Deployed');
    sim.advance(120_000);
    const h = (await health(instanceId)).json<DeploymentHealth>();
    expect(h.status).toBe('unhealthy');
    expect(h.checks.find((c) => c.id === 'pods.plugin-daemon')).toMatchObject({ status: 'fail', detail: expect.stringContaining('Pending') });
    const d = h.diagnosis.find((x) => x.component === 'plugin-daemon');
    expect(d).toMatchObject({
      signature: 'pending.resources',
      explanation: 'Pods cannot be scheduled: the cluster lacks CPU or memory.',
      evidence: '0/2 nodes are available: 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
      fix: { kind: 'link', url: `https://cs.console.aliyun.com/#/k8s/cluster/${SCENARIOS.tiny}/v2/nodepool/list?region=cn-hangzhou` },
    });
  });

  it('images that cannot be pulled (dify-ack-locked): ErrImagePull/ImagePullBackOff with the pull error itself, let the nodes reach the registry', async () => {
    const { instanceId, detail } = await deploy('dify-locked', { clusterId: SCENARIOS.locked, highAvailability: false });
    expect(detail.status).toBe('DeployedFailed');
    const h = (await health(instanceId)).json<DeploymentHealth>();
    const d = h.diagnosis.find((x) => x.component === 'api');
    expect(d).toMatchObject({ signature: 'image.pull', explanation: "The nodes cannot pull Dify's images: the cluster cannot reach the image registry.", fix: { kind: 'text' } });
    expect(d?.evidence).toMatch(/^Failed to pull image "registry-cn-hangzhou-vpc\.ack\.aliyuncs\.com\/acs\/dify-api:[^"]+": rpc error: code = DeadlineExceeded .*dial tcp [\d.]+:443: i\/o timeout$/);
    expect(d?.fix).toMatchObject({ text: expect.stringContaining('security group') });
    // Every component, not only the api.
    expect(h.diagnosis.map((x) => x.component).sort()).toEqual(['api', 'plugin-daemon', 'proxy', 'sandbox', 'web', 'worker']);
  });

  it('OOMKilled (dify-ack-limits: a LimitRange gives every container 1Gi): exit code 137 as evidence, raise the limit', async () => {
    const { instanceId, detail } = await deploy('dify-limits', { clusterId: SCENARIOS.limits, highAvailability: false });
    expect(detail.status).toBe('DeployedFailed');
    const h = (await health(instanceId)).json<DeploymentHealth>();
    for (const component of ['api', 'worker']) {
      const d = h.diagnosis.find((x) => x.component === component);
      expect(d, JSON.stringify(h.diagnosis)).toMatchObject({
        signature: 'oom',
        explanation: 'The container was killed for exceeding its memory limit (OOMKilled).',
        evidence: 'OOMKilled: exit code 137',
        fix: { kind: 'text', text: expect.stringContaining('limitrange') },
      });
    }
    expect(h.diagnosis.find((x) => x.component === 'web')).toBeUndefined();
  });

  it('migrations racing between the api replicas (dify-pg16-basic, HA): the DuplicateTable line, restart the api', async () => {
    const { instanceId, detail } = await deploy('dify-race', { postgresInstanceId: SCENARIOS.pg16Basic });
    expect(detail.status).toBe('DeployedFailed');
    const h = (await health(instanceId)).json<DeploymentHealth>();
    expect(h.checks.find((c) => c.id === 'pods.api')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^1\/2 ready/) });
    const race = h.diagnosis.filter((x) => x.component === 'api');
    expect(race).toHaveLength(1);
    expect(race[0]).toMatchObject({
      signature: 'migrations.race',
      evidence: 'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.DuplicateTable) relation "dify_setups" already exists',
      fix: { kind: 'text', text: 'Run in the cluster: `kubectl -n dify-system rollout restart deployment/ack-dify-api`' },
    });
  });

  it('a missing database (dify-pg14, a standard account and no database dify): PostgreSQL’s FATAL line, change the account', async () => {
    const { instanceId, detail } = await deploy('dify-nodb', { postgresInstanceId: SCENARIOS.pg14, postgresAccount: 'dify_app', postgresPassword: SIM_PASSWORDS.app, highAvailability: false });
    expect(detail.status).toBe('DeployedFailed');
    const h = (await health(instanceId)).json<DeploymentHealth>();
    const d = h.diagnosis.find((x) => x.component === 'api');
    expect(d).toMatchObject({
      signature: 'postgres.database',
      explanation: 'A database Dify uses does not exist and the account could not create it.',
      fix: { kind: 'field', field: 'postgresAccount' },
    });
    expect(d?.evidence).toMatch(/port 5432 failed: FATAL: {2}database "dify" does not exist$/);
  });

  it('answers 404 for an unknown instance and 400 for a malformed id', async () => {
    if (!app) await deploy('dify-any');
    expect((await health('si-doesnotexist0000')).statusCode).toBe(404);
    expect((await health('not-an-id')).statusCode).toBe(400);
  });
});
