import { randomUUID } from 'node:crypto';
import { startCloudSim, type CloudSim, type SimAccountKeys } from '@dify-console/cloud-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentHealth } from '@dify-console/shared/api/deployment-health';
import { order, orderBody, untilFinal } from '../testing/deployments';
import { appOn } from '../testing/harness';

/** GET /api/v1/deployments/:id/health against deployments that really ran in the local cloud. */

let sim: CloudSim;
let app: FastifyInstance;
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
  ({ app } = await appOn({ endpoint: sim.endpoint, ...account }));
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
  it('a good deployment: every component ready, the HPA, replicas on several nodes; healthy', async () => {
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
    ]);
    expect(h).toMatchObject({ status: 'healthy', diagnosis: [] });
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
    // The worker crash-loops with the same line: a card of its own, in both languages.
    expect(h.checks.find((c) => c.id === 'pods.worker')).toMatchObject({ status: 'fail' });
    expect(h.diagnosis.find((d) => d.component === 'worker')?.evidence).toContain('WRONGPASS');
    const zh = (await health(instanceId, 'zh-CN')).json<DeploymentHealth>();
    expect(zh.diagnosis.find((d) => d.component === 'worker')?.explanation).toBe('Redis 拒绝了 Dify 使用的密码。');
  });

  it('answers 404 for an unknown instance and 400 for a malformed id', async () => {
    if (!app) await deploy('dify-any');
    expect((await health('si-doesnotexist0000')).statusCode).toBe(404);
    expect((await health('not-an-id')).statusCode).toBe(400);
  });
});
