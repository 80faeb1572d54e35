import { startCloudSim, type CloudSim, type SimAccountKeys } from '@dify-console/cloud-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentDetail } from '@dify-console/shared/api/deployments';
import type { TemplateForm } from '@dify-console/shared/api/template';
import { GOOD_PARAMETERS, order, orderBody, untilFinal } from '../testing/deployments';
import { appOn, recordBodies } from '../testing/harness';

/**
 * The template from the service, through app.inject against the local cloud: the default
 * version, and version 7 (renamed parameters, a select, a bounded number, a stricter account
 * name) with COMPUTE_NEST_SERVICE_VERSION=7. No parameter name of either version is in the code.
 */

let sim: CloudSim;
let account: SimAccountKeys;
let v6: FastifyInstance;
let v7: FastifyInstance;
const bodies: string[] = [];

beforeAll(async () => {
  sim = await startCloudSim({ port: 0, speed: 2000 });
  account = await sim.createAccount('default');
  ({ app: v6 } = await appOn({ endpoint: sim.endpoint, ...account }));
  ({ app: v7 } = await appOn({ endpoint: sim.endpoint, ...account }, { env: { COMPUTE_NEST_SERVICE_VERSION: '7' } }));
  recordBodies(v6, bodies);
  recordBodies(v7, bodies);
});
afterAll(async () => {
  await v6?.close();
  await v7?.close();
  await sim?.close();
});

const requests = (action: string) => sim.requests({ accessKeyId: account.accessKeyId, action });
const form = async (app: FastifyInstance) => {
  const res = await app.inject({ url: '/api/v1/template?lang=en' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TemplateForm>();
};
const sentParameters = () => JSON.parse(requests('CreateServiceInstance').at(-1)!.params.Parameters!) as Record<string, unknown>;

describe('GET /api/v1/template', () => {
  it('the default version: every console field bound, nothing to draw, the service template list', async () => {
    const f = await form(v6);
    expect(f.serviceVersion).toBe('6');
    expect(f.templates.map((t) => t.name)).toEqual(['单机版', '高可用版', '高可用版-已有资源']);
    expect(f.bindings.map((b) => b.field).sort()).toEqual(
      ['regionId', 'vpcId', 'clusterId', 'postgresInstanceId', 'postgresAccount', 'postgresPassword', 'redisInstanceId', 'redisPassword', 'milvusEndpoint', 'milvusUser', 'milvusPassword', 'highAvailability'].sort(),
    );
    expect(f.bindings.find((b) => b.field === 'postgresInstanceId')?.by).toBe('associationProperty');
    expect(f.drawn).toEqual([]);
    expect(f.blocked).toEqual([]);
    // Read the way a real account reads it, and once per version.
    await form(v6);
    expect(requests('GetTemplateSummary').filter((r) => r.params.TemplateURL?.includes('/6/')).length).toBe(1);
  });

  it('version 7: the renamed parameters bound again, the new ones drawn with their metadata', async () => {
    const f = await form(v7);
    expect(f.serviceVersion).toBe('7');
    expect(f.bindings.find((b) => b.field === 'vpcId')).toMatchObject({ by: 'associationProperty' });
    expect(f.bindings.length).toBe(12);
    expect(f.drawn.sort()).toEqual(['DifyLogLevel', 'PluginStorageSize']);
    expect(f.parameters.find((p) => p.key === 'DifyLogLevel')).toMatchObject({ allowedValues: ['DEBUG', 'INFO', 'WARNING', 'ERROR'], default: 'INFO', group: { en: 'Advanced' } });
  });
});

describe('orders on both versions', () => {
  it('the default version: ordered with ServiceVersion 6, shown back under our field names', async () => {
    const res = await order(v6, orderBody('dify-v6', 'token-v6-000001'));
    expect(res.statusCode, res.body).toBe(200);
    expect(requests('CreateServiceInstance').at(-1)!.params.ServiceVersion).toBe('6');
    const detail = (await v6.inject({ url: `/api/v1/deployments/${res.json<{ instanceId: string }>().instanceId}` })).json<DeploymentDetail>();
    expect(detail).toMatchObject({ serviceVersion: '6', parameters: { vpcId: GOOD_PARAMETERS.vpcId, postgresPassword: '******' }, templateParameters: {} });
  });

  it('version 7: a drawn parameter is sent, the cloud records version 7', async () => {
    const body = { ...orderBody('dify-v7', 'token-v7-000001'), templateParameters: { DifyLogLevel: 'DEBUG', PluginStorageSize: '40' } };
    const res = await order(v7, body);
    expect(res.statusCode, res.body).toBe(200);
    const sent = requests('CreateServiceInstance').at(-1)!.params;
    expect(sent.ServiceVersion).toBe('7');
    const params = sentParameters();
    expect(params).toMatchObject({ DifyLogLevel: 'DEBUG', PluginStorageSize: 40 });
    expect(Object.values(params)).toContain(GOOD_PARAMETERS.vpcId);
    const id = res.json<{ instanceId: string }>().instanceId;
    const detail = (await v7.inject({ url: `/api/v1/deployments/${id}` })).json<DeploymentDetail>();
    expect(detail.serviceVersion).toBe('7');
    expect(detail.parameters).toMatchObject({ clusterId: GOOD_PARAMETERS.clusterId, redisPassword: '******' });
    expect(detail.templateParameters).toMatchObject({ DifyLogLevel: 'DEBUG' });
  });

  it('version 7 deployed: the access entry and the health check find the cluster under its new parameter name', async () => {
    // An account of its own: the default version's order above already put Dify on the cluster.
    const fresh = await sim.createAccount('default');
    const { app } = await appOn({ endpoint: sim.endpoint, ...fresh }, { env: { COMPUTE_NEST_SERVICE_VERSION: '7' } });
    try {
      const res = await order(app, orderBody('dify-v7-access', 'token-v7-access1'));
      expect(res.statusCode, res.body).toBe(200);
      const id = res.json<{ instanceId: string }>().instanceId;
      const final = await untilFinal(app, id);
      expect(final.status, final.statusDetail).toBe('Deployed');
      const access = await app.inject({ url: `/api/v1/deployments/${id}/access` });
      expect(access.statusCode, access.body).toBe(200);
      const health = await app.inject({ url: `/api/v1/deployments/${id}/health` });
      expect(health.statusCode, health.body).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('an order is pinned to the version its form was drawn from, whatever the BFF is configured with', async () => {
    const body = { ...orderBody('dify-pinned', 'token-pin-000001'), serviceVersion: '7', templateParameters: { DifyLogLevel: 'WARNING' } };
    const res = await order(v6, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(requests('CreateServiceInstance').at(-1)!.params.ServiceVersion).toBe('7');
    expect(sentParameters()).toMatchObject({ DifyLogLevel: 'WARNING' });
    // The version of the request is checked against the service: one it does not have is refused.
    const bad = await order(v6, { ...orderBody('dify-pinned-x', 'token-pin-000002'), serviceVersion: '99' });
    expect(bad.statusCode, bad.body).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
  });

  it("version 7's constraints hold in the BFF: 400 naming the field, in the template's words", async () => {
    const creates = requests('CreateServiceInstance').length;
    const upper = await order(v7, orderBody('dify-v7-bad', 'token-v7-000002', { postgresAccount: 'Postgres' }), 'zh-CN');
    expect(upper.statusCode).toBe(400);
    expect(upper.json().issues).toContainEqual({ path: ['parameters', 'postgresAccount'], message: '由 2 到 32 个小写字母、数字或下划线组成，以小写字母开头' });
    const level = await order(v7, { ...orderBody('dify-v7-bad', 'token-v7-000003'), templateParameters: { DifyLogLevel: 'TRACE', PluginStorageSize: 9000 } });
    expect(level.statusCode).toBe(400);
    expect(level.json().issues).toEqual(
      expect.arrayContaining([
        { path: ['templateParameters', 'DifyLogLevel'], message: 'Must be one of: DEBUG, INFO, WARNING, ERROR' },
        { path: ['templateParameters', 'PluginStorageSize'], message: 'Between 10 and 500' },
      ]),
    );
    // The default version takes the same account name: the rule is the template's, not ours.
    const quote = await v6.inject({ method: 'POST', url: '/api/v1/quote', payload: { regionId: 'cn-hangzhou', templateName: '高可用版-已有资源', parameters: { ...GOOD_PARAMETERS, postgresAccount: 'Postgres' } } });
    expect(quote.statusCode, quote.body).toBe(200);
    expect(requests('CreateServiceInstance').length).toBe(creates);
  });

  it('a template name the service does not have is a 400 naming it', async () => {
    const res = await order(v6, { ...orderBody('dify-x', 'token-x-0000001'), templateName: '不存在' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ path: ['templateName'], message: expect.stringContaining('has no template 不存在') });
  });

  it('no password in any response', () => {
    for (const secret of [GOOD_PARAMETERS.postgresPassword, GOOD_PARAMETERS.redisPassword, GOOD_PARAMETERS.milvusPassword]) {
      expect(bodies.join('\n')).not.toContain(secret);
    }
  });
});
