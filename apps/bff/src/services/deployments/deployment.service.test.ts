import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '@dify-console/shared/api/deployments';
import { FakeComputeNest, TEST_PARAMS as PARAMS } from '../../testing/fake-computenest';
import { fakeTemplates } from '../../testing/fake-template';
import { AccountContext } from '../account';
import { ProblemError } from '../../errors/problem-error';
import { DeploymentService } from './deployment.service';

const SECRETS = [PARAMS.postgresPassword, PARAMS.redisPassword, PARAMS.milvusPassword];

function setup() {
  const cloud = new FakeComputeNest();
  const account = new AccountContext({ getCallerIdentity: async () => ({ AccountId: '1234' }) });
  return { cloud, service: new DeploymentService(cloud, account, { unusablePicks: async () => [] }, fakeTemplates()) };
}
const order = (over: Partial<OrderRequest> = {}): OrderRequest => ({
  clientToken: 'token-1',
  regionId: 'cn-hangzhou',
  templateName: '高可用版-已有资源',
  name: 'dify-abcd',
  parameters: { ...PARAMS },
  ...over,
});

describe('names', () => {
  it('refuses invalid names with the rule, and finds exact clashes only (the cloud filter is fuzzy)', async () => {
    const { cloud, service } = setup();
    cloud.add({ ServiceInstanceId: 'si-1', Name: 'dify-abcd-2' });
    cloud.add({ ServiceInstanceId: 'si-2', Name: 'dify-gone', Status: 'Deleted' });
    expect(await service.nameAvailability('1dify', 'en')).toMatchObject({ available: false, message: expect.stringMatching(/start with an English letter/) });
    expect(await service.nameAvailability('dify-abcd', 'en')).toEqual({ name: 'dify-abcd', available: true });
    expect(await service.nameAvailability('dify-gone', 'en')).toMatchObject({ available: true });
    const taken = await service.nameAvailability('dify-abcd-2', 'zh-CN');
    expect(taken).toMatchObject({ available: false, message: expect.stringMatching(/已被本账号的另一个服务实例使用/) });
    await service.nameAvailability('dify-abcd-2', 'en');
    expect(cloud.count('ListServiceInstances')).toBe(3); // the repeat came from the cache
  });
});

describe('orders', () => {
  it('refuses a name already used with a 409 and an issue on name, before ordering', async () => {
    const { cloud, service } = setup();
    cloud.add({ ServiceInstanceId: 'si-1', Name: 'dify-abcd' });
    const err = await service.order(order(), 'en').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect(err).toMatchObject({ status: 409, problem: { code: 'NameTaken', issues: [{ path: ['name'] }] } });
    expect(cloud.count('CreateServiceInstance')).toBe(0);
  });

  it('one instance per clientToken: concurrent and repeated orders share it', async () => {
    const { cloud, service } = setup();
    cloud.latencyMs = 10;
    const results = await Promise.all([service.order(order(), 'en'), service.order(order(), 'en'), service.order(order(), 'en')]);
    expect(new Set(results.map((r) => r.instanceId)).size).toBe(1);
    expect(await service.order(order(), 'en')).toEqual(results[0]);
    expect(cloud.count('CreateServiceInstance')).toBe(1);
    expect(cloud.calls.find((c) => c.action === 'CreateServiceInstance')?.args).toMatchObject({
      name: 'dify-abcd',
      clientToken: 'token-1',
      serviceVersion: '3',
      parameters: { RegionId: 'cn-hangzhou', K8s: PARAMS.clusterId, Database: 'pgm-abc', PgUser: 'postgres', MilvusAddress: PARAMS.milvusEndpoint, EnableHA: true },
    });
    // The name is now taken for the next order.
    expect(await service.nameAvailability('dify-abcd', 'en')).toMatchObject({ available: false });
  });
});

describe('reading', () => {
  it('lists the Dify deployments newest first, without deleted ones', async () => {
    const { cloud, service } = setup();
    cloud.add({ ServiceInstanceId: 'si-old', CreateTime: '2026-01-01T00:00:00Z', Status: 'Deployed', Progress: 100 });
    cloud.add({ ServiceInstanceId: 'si-new', CreateTime: '2026-02-01T00:00:00Z', Status: 'Deploying', Progress: 40 });
    cloud.add({ ServiceInstanceId: 'si-mid', CreateTime: '2026-01-15T00:00:00Z', Status: 'DeployedFailed' });
    cloud.add({ ServiceInstanceId: 'si-del', CreateTime: '2026-03-01T00:00:00Z', Status: 'Deleted' });
    cloud.add({ ServiceInstanceId: 'si-other', Service: { ServiceId: 'service-other' } });
    const items = await service.list();
    expect(items.map((i) => [i.instanceId, i.phase])).toEqual([['si-new', 'installing'], ['si-mid', 'failed'], ['si-old', 'ready']]);
    expect(cloud.count('ListServiceInstances')).toBe(2); // two pages of two
    await service.list();
    expect(cloud.count('ListServiceInstances')).toBe(2);
    await service.list({ refresh: true });
    expect(cloud.count('ListServiceInstances')).toBe(4);
  });

  it('details: outputs parsed, parameters under our names and masked even when the cloud returns the passwords', async () => {
    const { cloud, service } = setup();
    const { instanceId } = await service.order(order(), 'en');
    cloud.update(instanceId, {
      Status: 'Deployed',
      Progress: 100,
      Outputs: JSON.stringify({ '访问说明': `use ${PARAMS.redisPassword} nowhere`, Count: 2, Namespace: 'dify-system' }),
      StatusDetail: 'deploy successfully',
    });
    cloud.resources.set(instanceId, [
      { ResourceARN: 'arn:acs:ros:cn-hangzhou:1:stack/s-1', ProductCode: 'ros', ProductType: 'ros', Status: '' },
      { ResourceARN: 'arn:acs:nas:cn-hangzhou:1:filesystem/0871b3d1c1', ProductCode: 'nas', ProductType: 'nas', Status: 'Running' },
    ]);
    const detail = await service.get(instanceId, 'en');
    expect(detail).toMatchObject({
      status: 'Deployed',
      phase: 'ready',
      regionId: 'cn-hangzhou',
      failure: null,
      statusDetail: 'Deployed successfully',
      outputs: [
        { key: '访问说明', label: '访问说明', value: 'use ****** nowhere', manualAccess: false },
        { key: 'Count', label: 'Count', value: '2', manualAccess: false },
        { key: 'Namespace', label: 'Namespace', value: 'dify-system', manualAccess: false },
      ],
      resources: [
        { arn: 'arn:acs:ros:cn-hangzhou:1:stack/s-1', productCode: 'ros', type: 'ros', status: '', typeLabel: 'Resource stack (ROS)', statusLabel: '', billed: false },
        { arn: 'arn:acs:nas:cn-hangzhou:1:filesystem/0871b3d1c1', productCode: 'nas', type: 'nas', status: 'Running', typeLabel: 'NAS file system', statusLabel: 'Running', billed: true },
      ],
      parameters: { vpcId: 'vpc-main', postgresAccount: 'postgres', postgresPassword: '******', redisPassword: '******', milvusPassword: '******', milvusInstanceId: 'c-m1', highAvailability: true },
    });
    const text = JSON.stringify(detail);
    for (const s of SECRETS) expect(text).not.toContain(s);
  });

  it('explains a failure with the field to correct', async () => {
    const { cloud, service } = setup();
    cloud.add({
      ServiceInstanceId: 'si-f',
      Status: 'DeployedFailed',
      StatusDetail: 'Resource DifyHelm failed: FATAL: password authentication failed for user "postgres"',
    });
    const zh = await service.get('si-f', 'zh-CN');
    expect(zh.failure).toMatchObject({ code: 'PostgresAuthFailed', title: 'PostgreSQL 账号或密码错误', fields: ['postgresPassword'] });
    expect(zh.failure?.detail).toMatch(/password authentication failed/);
  });

  it('answers an unknown instance with a 404 problem', async () => {
    const { service } = setup();
    await expect(service.get('si-nope', 'en')).rejects.toMatchObject({ status: 404, problem: { code: 'DeploymentNotFound', message: 'There is no service instance si-nope' } });
  });
});

describe('deletion', () => {
  it('needs the name typed again', async () => {
    const { cloud, service } = setup();
    cloud.add({ ServiceInstanceId: 'si-d', Name: 'dify-del', Status: 'Deployed' });
    await expect(service.delete('si-d', 'dify-de', 'en')).rejects.toMatchObject({ status: 400, problem: { code: 'ConfirmationMismatch', issues: [{ path: ['confirmName'] }] } });
    expect(cloud.count('DeleteServiceInstances')).toBe(0);
    expect(await service.delete('si-d', 'dify-del', 'en')).toEqual({ instanceId: 'si-d', status: 'Deleting' });
  });
});
