import type { PreflightCheck, PreflightResult } from '@dify-console/shared/api/preflight';
import { ruleMessage } from '@dify-console/shared/domain/rules';
import { describe, expect, it } from 'vitest';
import { CloudError } from '../../errors/cloud-error';
import { FakeComputeNest, TEST_PARAMS } from '../../testing/fake-computenest';
import type { ClusterDetailRecord, PreflightPorts, WhitelistGroupRecord } from '../../ports/preflight';
import { PreflightService, type LiveChecks } from './preflight.service';
import { fakeTemplates } from '../../testing/fake-template';

/** The pre-flight service on in-memory ports: Compute Nest's answers and the flannel whitelist rule. */

const NODE_VSW = { VSwitchId: 'vsw-node', CidrBlock: '172.16.0.0/24', VpcId: TEST_PARAMS.vpcId };
const WORKERS = ['172.16.0.10', '172.16.0.11'];

function setup(over: { whitelist?: string; vswitchesFail?: boolean; difyInstalled?: boolean; live?: LiveChecks } = {}) {
  const computeNest = new FakeComputeNest();
  const whitelist: WhitelistGroupRecord[] = [{ name: 'default', attribute: '', ips: over.whitelist ?? '127.0.0.1' }];
  const appended: string[][] = [];
  const detail: ClusterDetailRecord = {
    cluster_id: TEST_PARAMS.clusterId,
    name: 'flannel-basic',
    cluster_type: 'ManagedKubernetes',
    profile: 'Default',
    cluster_spec: 'ack.standard',
    state: 'running',
    current_version: '1.31.1-aliyun.1',
    vpc_id: TEST_PARAMS.vpcId,
    vswitch_ids: [NODE_VSW.VSwitchId],
    container_cidr: '10.240.0.0/16',
    meta_data: { NetworkPlugin: 'flannel' },
    parameters: {},
  };
  const ports: PreflightPorts = {
    caller: { getCallerIdentity: async () => ({ AccountId: '1234', IdentityType: 'Account' }) },
    ram: { listPoliciesForUser: async () => [], listGroupsForUser: async () => [], listPoliciesForGroup: async () => [] },
    computeNest,
    template: fakeTemplates(),
    amounts: { orderAmounts: async () => ({ prePaid: 0, postPaid: 1.29 }) },
    clusters: {
      describeClusterDetail: async () => detail,
      describeClusterNodes: async () => ({
        items: WORKERS.map((ip, i) => ({
          instance_id: `i-${i}`,
          node_name: `node-${i}`,
          instance_type: 'ecs.g7.large',
          instance_type_family: 'ecs.g7',
          instance_role: 'Worker',
          state: 'running',
          node_status: 'Ready',
          ip_address: [ip],
        })),
        totalCount: WORKERS.length,
      }),
      listClusterAddonInstances: async () => [],
    },
    vswitches: {
      describeVSwitches: async () => {
        if (over.vswitchesFail) throw new CloudError({ code: 'Forbidden.RAM', message: 'denied', httpStatus: 403, action: 'DescribeVSwitches' });
        return { items: [NODE_VSW, { VSwitchId: 'vsw-other', CidrBlock: '172.16.1.0/24', VpcId: TEST_PARAMS.vpcId }], totalCount: 2 };
      },
    },
    rds: {
      describeDBInstanceAttribute: async (_r, id) => ({
        DBInstanceId: id,
        Engine: 'PostgreSQL',
        EngineVersion: '16.0',
        DBInstanceStatus: 'Running',
        DBInstanceType: 'Primary',
        VpcId: TEST_PARAMS.vpcId,
      }),
      describeAccounts: async () => [{ AccountName: TEST_PARAMS.postgresAccount, AccountType: 'Super', AccountStatus: 'Available' }],
      describeDatabases: async () => [],
      describeDBInstanceIPArrayList: async () =>
        whitelist.map((g) => ({ DBInstanceIPArrayName: g.name, DBInstanceIPArrayAttribute: g.attribute, SecurityIPList: g.ips })),
      appendSecurityIps: async (_r, _id, _group, ips) => {
        appended.push(ips);
      },
    },
    redis: {
      describeInstanceAttribute: async () => null,
      describeSecurityIps: async () => [],
      appendSecurityIps: async () => undefined,
    },
    milvus: { listInstances: async () => ({ items: [], totalCount: 0 }) },
    kube: {
      inspect: () => ({
        listNodes: async () => [],
        listStorageClasses: async () => [],
        namespaceExists: async () => over.difyInstalled ?? false,
        readConfigMap: async () => null,
        releaseExists: async () => over.difyInstalled ?? false,
      }),
    },
  };
  return { service: new PreflightService(ports, { checkTimeoutMs: 1000, ...(over.live ? { live: over.live } : {}) }), computeNest, appended };
}

const request = { regionId: 'cn-hangzhou', templateName: '高可用版-已有资源', parameters: TEST_PARAMS };
const check = (r: PreflightResult, id: string): PreflightCheck => {
  const c = r.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
};

describe('PreflightService', () => {
  it("asks the injected Compute Nest port: deployability, the template's policy and the dry run", async () => {
    const { service, computeNest } = setup();
    const ok = await service.run(request, 'en');
    expect(check(ok, 'computeNest.deployable').status).toBe('pass');
    expect(check(ok, 'identity.computeNest').status).toBe('pass');
    expect(check(ok, 'computeNest.dryRun').status).toBe('pass');
    expect(computeNest.calls.find((c) => c.action === 'CreateServiceInstance')?.args).toMatchObject({ dryRun: true, name: 'dify-preflight' });
    expect(computeNest.instances.size).toBe(0);
    // The amounts of the order's quote, by way of payment.
    expect(computeNest.calls.find((c) => c.action === 'CheckServiceDeployable')?.args).toMatchObject({ prePaidAmount: 0, postPaidAmount: 1.29 });

    computeNest.deployable = [
      { Type: 'Balance', Value: 'false', Message: 'insufficient balance' },
      { Type: 'Quota', Value: 'true', Message: '' },
    ];
    computeNest.missingPolicy = [{ ServiceName: 'rds', Action: ['rds:DescribeDBInstances'] }];
    computeNest.dryRunError = new CloudError({ code: 'InvalidParameter', message: 'bad parameter', httpStatus: 400, action: 'CreateServiceInstance' });
    const bad = await service.run(request, 'en');
    expect(check(bad, 'computeNest.deployable')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/Balance: insufficient balance/) });
    expect(check(bad, 'identity.computeNest')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/rds:DescribeDBInstances/) });
    expect(check(bad, 'computeNest.dryRun')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/InvalidParameter/) });
  });

  it('a check that cannot look says why in the words of the one classification; only a refused key blames the credentials', async () => {
    const { service, computeNest } = setup();
    const cases: [CloudError, RegExp][] = [
      [new CloudError({ code: 'Cloud.NetworkError', message: 'socket hang up', httpStatus: 0, action: 'CreateServiceInstance' }), /Could not connect to the cloud \(Cloud.NetworkError\)/],
      [new CloudError({ code: 'Throttling.User', message: 'slow down', httpStatus: 400, action: 'CreateServiceInstance' }), /rate-limiting/],
      [new CloudError({ code: 'SignatureDoesNotMatch', message: 'bad signature', httpStatus: 400, action: 'CreateServiceInstance' }), /credentials were refused \(SignatureDoesNotMatch\)/],
    ];
    for (const [error, words] of cases) {
      computeNest.dryRunError = error;
      const dryRun = check(await service.run(request, 'en'), 'computeNest.dryRun');
      expect(dryRun, error.code).toMatchObject({ status: 'warn', detail: expect.stringMatching(words) });
      expect(/credential|AccessKey/i.test(dryRun.detail), error.code).toBe(error.code === 'SignatureDoesNotMatch');
    }
  });

  it('Dify already installed on the cluster is known to fail: a failure that blocks the order, not a warning', async () => {
    const r = await setup({ difyInstalled: true }).service.run(request, 'en');
    expect(check(r, 'cluster.existing')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/ack-dify already exists.*will fail/) });
    expect(check(await setup().service.run(request, 'en'), 'cluster.existing').status).toBe('pass');
  });

  it('the Redis password check states the form rule in the same words', async () => {
    const ok = await setup().service.run(request, 'en');
    expect(check(ok, 'redis.password')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/none of @ # % &/) });
    const bad = await setup().service.run({ ...request, parameters: { ...TEST_PARAMS, redisPassword: 'Dify#Redis2026' } }, 'zh-CN');
    expect(check(bad, 'redis.password')).toMatchObject({ status: 'fail', detail: ruleMessage('redisPassword.urlUnsafe', 'zh-CN') });
  });

  it('lists in Chinese details are separated by 、, in English by commas', async () => {
    const zh = await setup({ whitelist: '172.16.0.10,172.16.0.11/32' }).service.run(request, 'zh-CN');
    const en = await setup({ whitelist: '172.16.0.10,172.16.0.11/32' }).service.run(request, 'en');
    expect(check(zh, 'cluster.capacity').detail).toMatch(/api 2×500m\/1024Mi、worker 2×500m\/1024Mi、web/);
    expect(check(en, 'cluster.capacity').detail).toMatch(/api 2×500m\/1024Mi, worker 2×500m\/1024Mi, web/);
    expect(check(zh, 'postgres.whitelist').detail).toContain('172.16.0.10/32、172.16.0.11/32');
    for (const c of zh.checks) expect(c.detail, c.id).not.toMatch(/[\u3400-\u9fff][,;]|[,;] /);
  });

  it("flannel: the fix adds the node vSwitch CIDR; a whitelist admitting every node IP otherwise still passes", async () => {
    const missing = await setup().service.run(request, 'en');
    expect(check(missing, 'postgres.whitelist')).toMatchObject({ status: 'fail', fix: { add: ['172.16.0.0/24'] } });
    expect(check(missing, 'postgres.whitelist').detail).toMatch(/vSwitches vsw-node/);

    const byIp = setup({ whitelist: '172.16.0.10,172.16.0.11/32' });
    const r = await byIp.service.run(request, 'en');
    expect(check(r, 'postgres.whitelist')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/every worker node today.*172\.16\.0\.0\/24/) });
    const fix = byIp.service.applyWhitelistFix(
      { regionId: 'cn-hangzhou', target: 'postgres', instanceId: TEST_PARAMS.postgresInstanceId, clusterId: TEST_PARAMS.clusterId },
      'en',
    );
    await expect(fix).rejects.toMatchObject({ status: 409 });
    expect(byIp.appended).toEqual([]);
  });

  it("a whitelist fix makes the live probe of that cluster look again (its timed-out login is stale)", async () => {
    const forgotten: string[] = [];
    const live: LiveChecks = { checks: () => [], forget: (accountId, clusterId) => void forgotten.push(`${accountId}/${clusterId}`) };
    const { service, appended } = setup({ live });
    await service.applyWhitelistFix(
      { regionId: 'cn-hangzhou', target: 'postgres', instanceId: TEST_PARAMS.postgresInstanceId, clusterId: TEST_PARAMS.clusterId },
      'en',
    );
    expect(appended).toHaveLength(1);
    expect(forgotten).toEqual([`1234/${TEST_PARAMS.clusterId}`]);
  });

  it('flannel: falls back to the node IPs when the vSwitches cannot be read', async () => {
    const { service, appended } = setup({ vswitchesFail: true });
    const r = await service.run(request, 'en');
    expect(check(r, 'postgres.whitelist')).toMatchObject({ status: 'fail', fix: { add: ['172.16.0.10/32', '172.16.0.11/32'] } });
    expect(check(r, 'postgres.whitelist').detail).toMatch(/could not be read/);
    const added = await service.applyWhitelistFix(
      { regionId: 'cn-hangzhou', target: 'postgres', instanceId: TEST_PARAMS.postgresInstanceId, clusterId: TEST_PARAMS.clusterId },
      'en',
    );
    expect(added.added).toEqual(['172.16.0.10/32', '172.16.0.11/32']);
    expect(appended).toEqual([['172.16.0.10/32', '172.16.0.11/32']]);
  });
});
