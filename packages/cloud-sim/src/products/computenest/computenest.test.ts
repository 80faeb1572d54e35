import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS } from '../../fixtures/default';
import { PASSWORDS } from '../../fixtures/scenario';
import { startCloudSim, type CloudSim, type KubeObject, type SimAccountKeys } from '../../index';
import { rejectionOf, rpc } from '../../test-clients';
import { FAIL_AT_READINESS, T } from './deploy';

// Compute Nest end to end through pop-core's RPCClient (POST, as the BFF calls it). Simulated
// time is driven with advance(): no real waiting.

const SERVICE = 'service-c8afb895dd314f70a020';
const TEMPLATE = '高可用版-已有资源';

let sim: CloudSim;

beforeAll(async () => {
  sim = await startCloudSim();
});
afterAll(async () => {
  await sim.close();
});

type Body = Record<string, unknown>;

function call<T = Body>(
  keys: SimAccountKeys,
  action: string,
  params: Record<string, unknown>,
  opts: object = {},
  endpoint = sim.endpoint,
): Promise<T> {
  return rpc(endpoint, '2021-06-01', keys).request<T>(
    action,
    { RegionId: 'cn-hangzhou', ...params },
    { method: 'POST', ...opts },
  );
}

const GOOD = {
  RegionId: 'cn-hangzhou',
  VpcId: IDS.vpcProd,
  ClusterId: IDS.ackPro,
  PgInstanceId: IDS.pg16,
  PostgresSQLUserName: 'postgres',
  PostgresSQLPassword: PASSWORDS.postgresSuper,
  RedisInstanceId: IDS.redis70,
  RedisInstancePassword: PASSWORDS.redis,
  MilvusInternalAddress: `${IDS.milvus25}-internal.milvus.aliyuncs.com`,
  MilvusUser: 'root',
  MilvusPassword: PASSWORDS.milvusRoot,
  HPAOption: true,
};

interface Instance {
  ServiceInstanceId: string;
  Name: string;
  Status: string;
  Progress: number;
  StatusDetail: string;
  Parameters: string;
  Outputs: string;
  TemplateName: string;
  Service: { ServiceId: string; DeployType: string };
}

async function create(
  keys: SimAccountKeys,
  params: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
  opts: object = {},
  endpoint = sim.endpoint,
): Promise<string> {
  const res = await call<{ ServiceInstanceId: string; Status: string }>(
    keys,
    'CreateServiceInstance',
    {
      ServiceId: SERVICE,
      TemplateName: TEMPLATE,
      Parameters: JSON.stringify({ ...GOOD, ...params }),
      ...extra,
    },
    opts,
    endpoint,
  );
  expect(res.ServiceInstanceId).toMatch(/^si-[0-9a-f]{20}$/);
  return res.ServiceInstanceId;
}

const get = (keys: SimAccountKeys, id: string) =>
  call<Instance>(keys, 'GetServiceInstance', { ServiceInstanceId: id });

function difyObjects(keys: SimAccountKeys, clusterId = IDS.ackPro): KubeObject[] {
  return (sim.clusterObjects(keys.accessKeyId, clusterId) ?? []).filter(
    (o) => o.metadata.namespace === 'dify-system' || o.metadata.name === 'dify-system',
  );
}

function find(objects: KubeObject[], kind: string, name: string): KubeObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata.name === name);
}

async function deployAndFail(params: Record<string, unknown>): Promise<Instance> {
  const me = await sim.createAccount();
  const id = await create(me, params);
  sim.advance(FAIL_AT_READINESS + 1_000);
  return get(me, id);
}

describe('Compute Nest service and template', () => {
  it('GetService: the default version, DeployMetadata with the real TemplateConfigs fields only', async () => {
    const me = await sim.createAccount();
    const s = await call<{
      ServiceId: string;
      Version: string;
      DefaultVersion: boolean;
      DeployType: string;
      DeployMetadata: string;
      ServiceInfos: { Name: string }[];
    }>(me, 'GetService', { ServiceId: SERVICE });
    expect(s).toMatchObject({
      ServiceId: SERVICE,
      Version: '6',
      DefaultVersion: true,
      DeployType: 'ros',
    });
    expect(s.ServiceInfos[0]?.Name).toBe('Dify社区版');
    const meta = JSON.parse(s.DeployMetadata) as { TemplateConfigs: Record<string, unknown>[] };
    expect(meta.TemplateConfigs.map((t) => t.Name)).toEqual(['单机版', '高可用版', TEMPLATE]);
    const t = meta.TemplateConfigs.find((x) => x.Name === TEMPLATE) ?? {};
    // Only the fields the real TemplateConfigs carry: the parameters live in the template document.
    expect(Object.keys(t).sort()).toEqual(
      ['AllowedRegions', 'HiddenParameterKeys', 'Name', 'PredefinedParameters', 'Url'].sort(),
    );
    expect(t.Url).toMatch(new RegExp(`^${sim.endpoint}/oss/.+/template\\.yaml$`));
    await expect(call(me, 'GetService', { ServiceId: 'service-nope' })).rejects.toMatchObject({
      code: 'ServiceNotFound',
    });
    await expect(
      call(me, 'GetService', { ServiceId: SERVICE, ServiceVersion: '99' }),
    ).rejects.toMatchObject({ code: 'ServiceNotFound' });
  });

  it('GetServiceTemplateParameterConstraints lists every parameter; a bad deploy region is refused', async () => {
    const me = await sim.createAccount();
    const res = await call<{
      ParameterConstraints: { ParameterKey: string; AllowedValues: string[]; Behavior: string }[];
    }>(me, 'GetServiceTemplateParameterConstraints', {
      ServiceId: SERVICE,
      TemplateName: TEMPLATE,
      DeployRegionId: 'cn-hangzhou',
    });
    expect(res.ParameterConstraints.map((c) => c.ParameterKey)).toContain('MilvusInternalAddress');
    expect(
      res.ParameterConstraints.find((c) => c.ParameterKey === 'HPAOption')?.AllowedValues,
    ).toEqual(['true', 'false']);
    await expect(
      call(me, 'GetServiceTemplateParameterConstraints', {
        ServiceId: SERVICE,
        TemplateName: TEMPLATE,
        DeployRegionId: 'us-east-1',
      }),
    ).rejects.toMatchObject({ code: 'InvalidParameter' });
  });

  it('the API lives in cn-hangzhou and ap-southeast-1 only', async () => {
    const me = await sim.createAccount();
    const err = await rejectionOf(call(me, 'ListServiceInstances', { RegionId: 'cn-shanghai' }));
    expect(err.code).toBe('InvalidRegionId');
    expect(err.entry?.response?.statusCode).toBe(400);
    const intl = await call<{ TotalCount: number }>(me, 'ListServiceInstances', {
      RegionId: 'ap-southeast-1',
    });
    expect(intl.TotalCount).toBe(0);
    // The deployment region travels in Parameters; a region the template does not allow is refused.
    await expect(create(me, { RegionId: 'eu-west-1' })).rejects.toMatchObject({
      code: 'InvalidParameter',
    });
  });

  it('a catalogued action not built yet answers Sandbox.NotImplemented', async () => {
    const me = await sim.createAccount();
    const err = await rejectionOf(
      call(me, 'ContinueDeployServiceInstance', { ServiceInstanceId: 'si-x' }),
    );
    expect(err.code).toBe('Sandbox.NotImplemented');
  });
});

describe('parameter validation', () => {
  it('rejects patterns, lengths, types, unknown and missing parameters the way ROS words them', async () => {
    const me = await sim.createAccount();
    const bad = async (p: Record<string, unknown>, drop?: string) => {
      const params: Record<string, unknown> = { ...GOOD, ...p };
      if (drop) delete params[drop];
      return rejectionOf(
        call(me, 'CreateServiceInstance', {
          ServiceId: SERVICE,
          TemplateName: TEMPLATE,
          Parameters: JSON.stringify(params),
        }),
      );
    };
    const pattern = await bad({ MilvusInternalAddress: 'milvus.example.com' });
    expect(pattern.code).toBe('InvalidParameter');
    expect(pattern.message).toContain(
      'Parameter validation failed: Parameter (MilvusInternalAddress) is invalid',
    );
    expect(pattern.message).toContain('does not match pattern');

    const weak = await bad({ PostgresSQLPassword: 'alllowercase1' });
    expect(weak.message).toContain('Parameter (PostgresSQLPassword) is invalid');
    expect(weak.message).toContain('******');
    expect(weak.message).not.toContain('alllowercase1');

    const short = await bad({ RedisInstancePassword: 'Ab1!' });
    expect(short.message).toContain('length must be between 8 and 30');

    const user = await bad({ PostgresSQLUserName: 'a' });
    expect(user.message).toContain('Parameter (PostgresSQLUserName)');

    expect((await bad({ HPAOption: 'maybe' })).message).toContain('is not a valid Boolean');
    expect((await bad({ Foo: 'x' })).message).toContain(
      'The Parameter (Foo) was not defined in template.',
    );
    expect((await bad({}, 'ClusterId')).message).toContain(
      'The Parameter (ClusterId) was not provided.',
    );
    expect((await bad({ ClusterId: 'C-UPPER' })).message).toContain('Parameter (ClusterId)');

    const name = await rejectionOf(
      call(me, 'CreateServiceInstance', {
        ServiceId: SERVICE,
        TemplateName: TEMPLATE,
        Name: '-starts-with-dash',
        Parameters: JSON.stringify(GOOD),
      }),
    );
    expect(name.message).toContain('"Name" is not valid');
    await expect(
      call(me, 'CreateServiceInstance', {
        ServiceId: 'service-other',
        TemplateName: TEMPLATE,
        Parameters: JSON.stringify(GOOD),
      }),
    ).rejects.toMatchObject({ code: 'ServiceNotFound' });
    await expect(
      call(me, 'CreateServiceInstance', {
        ServiceId: SERVICE,
        TemplateName: 'nope',
        Parameters: JSON.stringify(GOOD),
      }),
    ).rejects.toMatchObject({ code: 'InvalidParameter' });
    await expect(
      call(me, 'CreateServiceInstance', {
        ServiceId: SERVICE,
        TemplateName: '单机版',
        Parameters: '{}',
      }),
    ).rejects.toMatchObject({ code: 'Sandbox.NotImplemented' });
    await expect(
      call(me, 'CreateServiceInstance', {
        ServiceId: SERVICE,
        TemplateName: TEMPLATE,
        Parameters: 'not json',
      }),
    ).rejects.toMatchObject({ code: 'InvalidParameter' });
    const list = await call<{ TotalCount: number }>(me, 'ListServiceInstances', {});
    expect(list.TotalCount).toBe(0);
  });

  it('Boolean accepts "false" as a string; NoEcho values are masked in GetServiceInstance', async () => {
    const me = await sim.createAccount();
    const id = await create(me, { HPAOption: 'false' });
    const si = await get(me, id);
    const p = JSON.parse(si.Parameters) as Record<string, unknown>;
    expect(p.HPAOption).toBe(false);
    expect(p.PostgresSQLPassword).toBe('******');
    expect(p.RedisInstancePassword).toBe('******');
    expect(p.MilvusPassword).toBe('******');
    expect(p.PostgresSQLUserName).toBe('postgres');
    expect(p.RegionId).toBe('cn-hangzhou');
    expect(si.Parameters).not.toContain(PASSWORDS.postgresSuper);
  });

  it('DryRun validates everything and creates nothing', async () => {
    const me = await sim.createAccount();
    const ok = await rejectionOf(
      call(me, 'CreateServiceInstance', {
        ServiceId: SERVICE,
        TemplateName: TEMPLATE,
        Parameters: JSON.stringify(GOOD),
        DryRun: true,
      }),
    );
    expect(ok.code).toBe('DryRunOperation');
    expect(ok.message).toContain('Request validation has been passed with DryRun flag set.');
    const bad = await rejectionOf(
      call(me, 'CreateServiceInstance', {
        ServiceId: SERVICE,
        TemplateName: TEMPLATE,
        Parameters: JSON.stringify({ ...GOOD, MilvusInternalAddress: 'x' }),
        DryRun: true,
      }),
    );
    expect(bad.code).toBe('InvalidParameter');
    const list = await call<{ TotalCount: number }>(me, 'ListServiceInstances', {});
    expect(list.TotalCount).toBe(0);
    // TemplateName is optional (the SDK model): the deployable template is checked.
    const noTemplate = await rejectionOf(
      call(me, 'CreateServiceInstance', {
        ServiceId: SERVICE,
        Parameters: JSON.stringify(GOOD),
        DryRun: true,
      }),
    );
    expect(noTemplate.code).toBe('DryRunOperation');
  });

  it('PUT /_sim/dry-run: a passing dry run answers HTTP 200 without an instance ID, per account', async () => {
    const me = await sim.createAccount();
    const other = await sim.createAccount();
    const dryRun = (keys: SimAccountKeys) =>
      call<Body>(keys, 'CreateServiceInstance', {
        ServiceId: SERVICE,
        TemplateName: TEMPLATE,
        Parameters: JSON.stringify(GOOD),
        DryRun: true,
      });
    const put = (body: unknown) =>
      fetch(`${sim.endpoint}/_sim/dry-run`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put({ accessKeyId: me.accessKeyId, answer: 'Maybe' })).status).toBe(400);
    expect((await put({ accessKeyId: 'nobody', answer: 'Accepted' })).status).toBe(404);
    const res = await put({ accessKeyId: me.accessKeyId, answer: 'Accepted' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accessKeyId: me.accessKeyId, answer: 'Accepted' });

    const accepted = await dryRun(me);
    expect(accepted.ServiceInstanceId).toBeUndefined();
    expect(Object.keys(accepted)).toEqual(['RequestId']);
    // Validation still runs first, and nothing is created.
    const bad = await rejectionOf(
      call(me, 'CreateServiceInstance', {
        ServiceId: SERVICE,
        TemplateName: TEMPLATE,
        Parameters: JSON.stringify({ ...GOOD, MilvusInternalAddress: 'x' }),
        DryRun: true,
      }),
    );
    expect(bad.code).toBe('InvalidParameter');
    expect((await call<{ TotalCount: number }>(me, 'ListServiceInstances', {})).TotalCount).toBe(0);
    // The other account keeps the default answer; switching back restores it.
    expect((await rejectionOf(dryRun(other))).code).toBe('DryRunOperation');
    expect((await put({ accessKeyId: me.accessKeyId, answer: 'DryRunOperation' })).status).toBe(200);
    expect((await rejectionOf(dryRun(me))).code).toBe('DryRunOperation');
  });
});

describe('a deployment in simulated time', () => {
  it('HA on: Created → Deploying (progress rising) → Deployed, with Dify in the cluster', async () => {
    const me = await sim.createAccount();
    const id = await create(me, {}, { Name: 'dify-happy' });
    const first = await get(me, id);
    expect(first.Status).toBe('Created');
    expect(first.Name).toBe('dify-happy');
    expect(first.Service.ServiceId).toBe(SERVICE);

    sim.advance(T.nasStart + 5_000);
    const early = await get(me, id);
    expect(early.Status).toBe('Deploying');
    sim.advance(T.wait - T.nasStart);
    const mid = await get(me, id);
    expect(mid.Status).toBe('Deploying');
    expect(mid.Progress).toBeGreaterThan(early.Progress);
    // The release is installed but not ready yet.
    const installing = difyObjects(me);
    expect(
      (find(installing, 'Deployment', 'ack-dify-api')?.status as Body).readyReplicas,
    ).toBeUndefined();

    sim.advance(T.done - T.wait);
    const done = await get(me, id);
    expect(done.Status).toBe('Deployed');
    expect(done.Progress).toBe(100);
    expect(done.StatusDetail).toBe('deploy successfully');
    const outputs = JSON.parse(done.Outputs) as Record<string, string>;
    expect(outputs.Namespace).toBe('dify-system');
    expect(outputs.ServiceName).toBe('ack-dify');
    expect(outputs['请到ACK集群中配置服务访问']).toContain('ack-dify');

    const objects = difyObjects(me);
    expect(find(objects, 'Namespace', 'dify-system')).toBeDefined();
    for (const [name, replicas] of [
      ['ack-dify-api', 2],
      ['ack-dify-worker', 2],
      ['ack-dify-web', 2],
      ['ack-dify-sandbox', 2],
      ['ack-dify-plugin-daemon', 1],
      ['ack-dify-proxy', 1],
    ] as const) {
      const d = find(objects, 'Deployment', name);
      expect(d?.apiVersion).toBe('apps/v1');
      expect((d?.spec as { replicas: number }).replicas).toBe(replicas);
      expect((d?.status as { readyReplicas: number }).readyReplicas).toBe(replicas);
      expect(d?.metadata.labels?.['app.kubernetes.io/instance']).toBe('ack-dify');
      expect(Number(d?.metadata.resourceVersion)).toBeGreaterThan(0);
    }
    const entry = find(objects, 'Service', 'ack-dify');
    expect(entry?.spec).toMatchObject({
      type: 'ClusterIP',
      ports: [{ name: 'http-dify', port: 80, targetPort: 'dify' }],
      selector: { component: 'proxy' },
    });
    expect(
      (find(objects, 'Service', 'ack-dify-api')?.spec as { ports: { port: number }[] }).ports[0]
        ?.port,
    ).toBe(5001);
    expect(
      (find(objects, 'Service', 'ack-dify-web')?.spec as { ports: { port: number }[] }).ports[0]
        ?.port,
    ).toBe(3000);
    expect(
      (find(objects, 'Service', 'ack-dify-sandbox')?.spec as { ports: { port: number }[] }).ports[0]
        ?.port,
    ).toBe(8194);
    expect(
      (find(objects, 'Service', 'ack-dify-plugin-daemon')?.spec as { ports: { port: number }[] })
        .ports[0]?.port,
    ).toBe(5002);
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'ack-dify-worker');
    expect(hpa?.apiVersion).toBe('autoscaling/v2');
    expect(hpa?.spec).toMatchObject({ minReplicas: 1, maxReplicas: 5 });

    // The cluster also holds what a real ACK cluster has.
    const all = sim.clusterObjects(me.accessKeyId, IDS.ackPro) ?? [];
    expect(all.filter((o) => o.kind === 'Node')).toHaveLength(3);
    expect(
      all
        .filter((o) => o.kind === 'StorageClass')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['alibabacloud-cnfs-nas', 'alicloud-disk-topology-alltype']);
    expect(find(all, 'Service', 'kube-dns')?.metadata.namespace).toBe('kube-system');

    // Logs tell the same story.
    const logs = await call<{
      ServiceInstancesLogs: { Content: string; Status: string }[];
      NextToken?: string;
    }>(me, 'ListServiceInstanceLogs', {
      ServiceInstanceId: id,
      MaxResults: 100,
      SortOrder: 'Ascending',
    });
    const text = logs.ServiceInstancesLogs.map((l) => l.Content).join('\n');
    expect(logs.ServiceInstancesLogs[0]?.Content).toBe('Start creating service instance');
    expect(text).toContain('ALIYUN::ROS::Sleep');
    expect(text).toContain('helm install ack-dify --namespace dify-system');
    expect(text).toContain('ack-dify-api readyReplicas 2/2');
    const latest = await call<{
      ServiceInstancesLogs: { Content: string }[];
      NextToken?: string;
      MaxResults: number;
    }>(me, 'ListServiceInstanceLogs', { ServiceInstanceId: id, MaxResults: 3 });
    expect(latest.ServiceInstancesLogs[0]?.Content).toBe('Deploy service instance successfully');
    expect(latest.ServiceInstancesLogs).toHaveLength(3);
    expect(latest.NextToken).toBeTruthy();
    const ros = await call<{ ServiceInstancesLogs: { Source: string }[] }>(
      me,
      'ListServiceInstanceLogs',
      {
        ServiceInstanceId: id,
        LogSource: 'ros',
        MaxResults: 100,
      },
    );
    expect(ros.ServiceInstancesLogs.every((l) => l.Source === 'ros')).toBe(true);

    // Resources the stack created (existing resources are not among them).
    const res = await call<{ Resources: { ResourceARN: string; ProductCode: string }[] }>(
      me,
      'ListServiceInstanceResources',
      { ServiceInstanceId: id },
    );
    const arns = res.Resources.map((r) => r.ResourceARN);
    expect(
      arns.some((a) => a.startsWith(`arn:acs:nas:cn-hangzhou:${me.accountId}:filesystem/`)),
    ).toBe(true);
    expect(arns.some((a) => a.startsWith(`arn:acs:ecs:cn-hangzhou:${me.accountId}:disk/d-`))).toBe(
      true,
    );
    expect(arns.some((a) => a.startsWith(`arn:acs:ros:cn-hangzhou:${me.accountId}:stack/`))).toBe(
      true,
    );
    expect(arns.join()).not.toContain(IDS.pg16);
    const containers = await call<{ Resources: { ProductType: string; Status: string }[] }>(
      me,
      'ListServiceInstanceResources',
      { ServiceInstanceId: id, ServiceInstanceResourceType: 'ContainerResource' },
    );
    expect(containers.Resources).toHaveLength(6);
    expect(containers.Resources.every((r) => r.Status === 'running')).toBe(true);

    // Delete: Deleting → Deleted, the release leaves the cluster, the cluster itself stays.
    await call(me, 'DeleteServiceInstances', { ServiceInstanceId: [id] });
    expect((await get(me, id)).Status).toBe('Deleting');
    sim.advance(61_000);
    expect((await get(me, id)).Status).toBe('Deleted');
    expect(difyObjects(me)).toEqual([]);
    const after = sim.clusterObjects(me.accessKeyId, IDS.ackPro) ?? [];
    expect(after.filter((o) => o.kind === 'Node')).toHaveLength(3);
    const gone = await call<{ Resources: unknown[] }>(me, 'ListServiceInstanceResources', {
      ServiceInstanceId: id,
    });
    expect(gone.Resources).toEqual([]);
    await expect(get(me, 'si-00000000000000000000')).rejects.toMatchObject({
      code: 'ServiceInstanceNotFound',
    });
  });

  it('HA off: one replica each and no HPA', async () => {
    const me = await sim.createAccount();
    const id = await create(me, { HPAOption: false });
    sim.advance(T.done + 1_000);
    expect((await get(me, id)).Status).toBe('Deployed');
    const objects = difyObjects(me);
    for (const name of ['ack-dify-api', 'ack-dify-worker', 'ack-dify-web', 'ack-dify-sandbox'])
      expect((find(objects, 'Deployment', name)?.spec as { replicas: number }).replicas).toBe(1);
    expect(objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')).toEqual([]);
  });
});

describe('failure modes → DeployedFailed with the detail the stack gives', () => {
  it('cluster not running: fails early with ErrorClusterState', async () => {
    const me = await sim.createAccount();
    const id = await create(me, { ClusterId: IDS.ackFailed });
    sim.advance(T.cluster + 1_000);
    const si = await get(me, id);
    expect(si.Status).toBe('DeployedFailed');
    expect(si.StatusDetail).toMatch(
      /^Create stack failed: Resource \[ClusterKubeconfig\] \(DATASOURCE::CS::ClusterUserKubeconfig\) CREATE_FAILED: code: 400, ErrorClusterState: /,
    );
    expect(si.Progress).toBeLessThan(20);
    expect(sim.clusterObjects(me.accessKeyId, IDS.ackFailed)).toEqual([]);
  });

  it('a database in another VPC: readiness timeout naming the unreachable host', async () => {
    const si = await deployAndFail({ PgInstanceId: IDS.pgStaging });
    expect(si.Status).toBe('DeployedFailed');
    expect(si.StatusDetail).toContain(
      'Resource [AckDify] (MODULE::ACS::ComputeNest::FluxOciHelmDeploy) CREATE_FAILED: WaitUntil timed out after 360s',
    );
    expect(si.StatusDetail).toContain(`${IDS.pgStaging}.pg.rds.aliyuncs.com`);
    expect(si.StatusDetail).toContain('Connection timed out');
  });

  it('a cluster in another VPC than VpcId: the NAS mount times out', async () => {
    const si = await deployAndFail({ ClusterId: IDS.ackStaging });
    expect(si.Status).toBe('DeployedFailed');
    expect(si.StatusDetail).toContain('mount.nfs: Connection timed out');
    expect(si.StatusDetail).toContain('.nas.aliyuncs.com');
  });

  it('Postgres password wrong, or the account missing', async () => {
    const wrong = await deployAndFail({ PostgresSQLPassword: 'Wrong#Pass2026' });
    expect(wrong.StatusDetail).toContain('password authentication failed for user "postgres"');
    const missing = await deployAndFail({ PostgresSQLUserName: 'nobody' });
    expect(missing.StatusDetail).toContain('password authentication failed for user "nobody"');
  });

  it('Postgres account not privileged: uuid-ossp cannot be created', async () => {
    const si = await deployAndFail({
      PostgresSQLUserName: 'dify_app',
      PostgresSQLPassword: PASSWORDS.postgresApp,
    });
    expect(si.StatusDetail).toContain('permission denied to create extension "uuid-ossp"');
  });

  it('Redis password wrong', async () => {
    const si = await deployAndFail({ RedisInstancePassword: 'Wrong#Redis2026' });
    expect(si.StatusDetail).toContain('WRONGPASS invalid username-password pair');
  });

  it('Milvus password wrong', async () => {
    const si = await deployAndFail({ MilvusPassword: 'nope' });
    expect(si.StatusDetail).toContain(
      'auth check failure, please check username and password are correct',
    );
  });

  it('logs tell the failure too; the release stays with api not ready', async () => {
    const me = await sim.createAccount();
    const id = await create(me, { RedisInstancePassword: 'Wrong#Redis2026' });
    sim.advance(FAIL_AT_READINESS + 1_000);
    const logs = await call<{ ServiceInstancesLogs: { Content: string; Status: string }[] }>(
      me,
      'ListServiceInstanceLogs',
      { ServiceInstanceId: id, MaxResults: 100 },
    );
    expect(logs.ServiceInstancesLogs[0]?.Status).toBe('DeployedFailed');
    expect(
      logs.ServiceInstancesLogs.some((l) =>
        l.Content.includes('Back-off restarting failed container api'),
      ),
    ).toBe(true);
    const api = find(difyObjects(me), 'Deployment', 'ack-dify-api');
    expect((api?.status as Body).readyReplicas).toBeUndefined();
    expect(
      (find(difyObjects(me), 'Deployment', 'ack-dify-web')?.status as Body).readyReplicas,
    ).toBe(2);
  });
});

describe('resource group and tags', () => {
  it('records ResourceGroupId and Tag.N.Key/Value as given; refuses a malformed group and a reserved tag key', async () => {
    const me = await sim.createAccount();
    const id = await create(me, {}, { ResourceGroupId: 'rg-acfmzw2jz2z2dky', 'Tag.1.Key': 'team', 'Tag.1.Value': 'ai', 'Tag.2.Key': 'env', 'Tag.2.Value': 'prod' });
    const si = await call<{ ResourceGroupId: string; Tags: { Key: string; Value: string }[] }>(me, 'GetServiceInstance', { ServiceInstanceId: id });
    expect(si.ResourceGroupId).toBe('rg-acfmzw2jz2z2dky');
    expect(si.Tags).toEqual([
      { Key: 'team', Value: 'ai' },
      { Key: 'env', Value: 'prod' },
    ]);
    const rg = await rejectionOf(create(me, {}, { ResourceGroupId: 'my-group' }));
    expect([rg.code, rg.message]).toEqual(['InvalidParameter', expect.stringContaining('ResourceGroupId')]);
    const tag = await rejectionOf(create(me, {}, { 'Tag.1.Key': 'acs:owner', 'Tag.1.Value': 'x' }));
    expect([tag.code, tag.message]).toEqual(['InvalidParameter', expect.stringContaining('Tag.1.Key')]);
  });
});

describe('ClientToken idempotency', () => {
  it('the same token twice → the same instance; a different request → IdempotentParameterMismatch', async () => {
    const me = await sim.createAccount();
    const a = await create(me, {}, { ClientToken: 'tok-1' });
    const b = await create(me, {}, { ClientToken: 'tok-1' });
    expect(b).toBe(a);
    const err = await rejectionOf(create(me, { HPAOption: false }, { ClientToken: 'tok-1' }));
    expect(err.code).toBe('IdempotentParameterMismatch');
    expect(err.entry?.response?.statusCode).toBe(400);
    const list = await call<{ TotalCount: number }>(me, 'ListServiceInstances', {});
    expect(list.TotalCount).toBe(1);
  });

  it('the answer is lost after the instance was created: the retry returns the same id, one instance exists', async () => {
    const me = await sim.createAccount();
    sim.injectFault({
      kind: 'hang-after',
      action: 'CreateServiceInstance',
      accessKeyId: me.accessKeyId,
    });
    const timeout = await rejectionOf(
      create(me, {}, { ClientToken: 'tok-lost' }, { timeout: 300 }),
    );
    expect(timeout.name).toBe('RequestTimeoutError');
    const list1 = await call<{
      TotalCount: number;
      ServiceInstances: { ServiceInstanceId: string }[];
    }>(me, 'ListServiceInstances', {});
    expect(list1.TotalCount).toBe(1);
    const retry = await create(me, {}, { ClientToken: 'tok-lost' });
    expect(retry).toBe(list1.ServiceInstances[0]?.ServiceInstanceId);
    const list2 = await call<{ TotalCount: number }>(me, 'ListServiceInstances', {});
    expect(list2.TotalCount).toBe(1);
  });

  it('the first attempt hangs unprocessed: the retry creates exactly one instance', async () => {
    const me = await sim.createAccount();
    sim.injectFault({ kind: 'hang', action: 'CreateServiceInstance', accessKeyId: me.accessKeyId });
    await expect(
      create(me, {}, { ClientToken: 'tok-hang' }, { timeout: 300 }),
    ).rejects.toMatchObject({
      name: 'RequestTimeoutError',
    });
    const id = await create(me, {}, { ClientToken: 'tok-hang' });
    expect(await create(me, {}, { ClientToken: 'tok-hang' })).toBe(id);
    const list = await call<{ TotalCount: number }>(me, 'ListServiceInstances', {});
    expect(list.TotalCount).toBe(1);
  });
});

describe('listing', () => {
  it('filters (Name, ServiceInstanceName, ServiceInstanceId, ServiceId, Status) and token paging', async () => {
    const me = await sim.createAccount();
    const ids: string[] = [];
    for (const name of ['alpha-one', 'alpha-two', 'beta-three'])
      ids.push(await create(me, { ClusterId: IDS.ackFailed }, { Name: name }));
    sim.advance(T.cluster + 1_000);
    const ok = await create(me, {}, { Name: 'gamma' });
    type List = {
      TotalCount: number;
      NextToken?: string;
      MaxResults: number;
      ServiceInstances: Instance[];
    };
    const all = await call<List>(me, 'ListServiceInstances', {});
    expect(all.TotalCount).toBe(4);
    expect(all.ServiceInstances[0]?.ServiceInstanceId).toBe(ok);
    expect(all.MaxResults).toBe(20);
    // A list item lacks what only GetServiceInstance gives (the SDK models of the two differ).
    const item = all.ServiceInstances[0] as unknown as Record<string, unknown>;
    const full = await call<Record<string, unknown>>(me, 'GetServiceInstance', {
      ServiceInstanceId: ok,
    });
    for (const only of ['UserId', 'SupplierUid', 'NetworkConfig', 'LicenseEndTime'])
      expect([only, only in full, only in item]).toEqual([only, true, false]);
    expect(item.Service).not.toHaveProperty('DeployMetadata');
    expect(full.Service).toHaveProperty('DeployMetadata');
    expect(item).toMatchObject({ ServiceInstanceId: ok, TemplateName: TEMPLATE, Status: full.Status });

    const byName = await call<List>(me, 'ListServiceInstances', {
      Filter: [{ Name: 'ServiceInstanceName', Value: ['alpha'] }],
    });
    expect(byName.ServiceInstances.map((s) => s.Name).sort()).toEqual(['alpha-one', 'alpha-two']);
    const byStatus = await call<List>(me, 'ListServiceInstances', {
      Filter: [{ Name: 'Status', Value: ['DeployedFailed'] }],
    });
    expect(byStatus.TotalCount).toBe(3);
    const byId = await call<List>(me, 'ListServiceInstances', {
      Filter: [{ Name: 'ServiceInstanceId', Value: [ids[0], ids[2]] }],
    });
    expect(byId.TotalCount).toBe(2);
    const bySvc = await call<List>(me, 'ListServiceInstances', {
      Filter: [
        { Name: 'ServiceId', Value: [SERVICE] },
        { Name: 'Name', Value: ['*Dify*'] },
      ],
    });
    expect(bySvc.TotalCount).toBe(4);
    const none = await call<List>(me, 'ListServiceInstances', {
      Filter: [{ Name: 'ServiceId', Value: ['service-x'] }],
    });
    expect(none.TotalCount).toBe(0);

    const p1 = await call<List>(me, 'ListServiceInstances', { MaxResults: 3 });
    expect(p1.ServiceInstances).toHaveLength(3);
    expect(p1.NextToken).toBeTruthy();
    const p2 = await call<List>(me, 'ListServiceInstances', {
      MaxResults: 3,
      NextToken: p1.NextToken,
    });
    expect(p2.ServiceInstances).toHaveLength(1);
    expect(p2.NextToken).toBeUndefined();
    await expect(call(me, 'ListServiceInstances', { MaxResults: 101 })).rejects.toMatchObject({
      code: 'InvalidParameter',
    });
  });
});

describe('price and deployability', () => {
  interface Cost {
    Resources: Record<
      string,
      {
        Type: string;
        Success: boolean;
        Result: {
          Order: {
            Currency: string;
            TradeAmount: number;
            OriginalAmount: number;
            DiscountAmount: number;
          };
          OrderSupplement: {
            PriceUnit: string;
            ChargeType: string;
            Quantity: number;
            PriceType: string;
          };
          Rules: { Rule: { Name: string }[] };
        };
      }
    >;
  }

  it('GetServiceEstimateCost: pay-as-you-go by the hour; PrePaid for a period; existing resources absent', async () => {
    const me = await sim.createAccount();
    const post = await call<Cost>(me, 'GetServiceEstimateCost', {
      ServiceId: SERVICE,
      TemplateName: TEMPLATE,
      Parameters: JSON.stringify(GOOD),
    });
    expect(Object.keys(post.Resources).sort()).toEqual(['NasFileSystem', 'PluginDaemonDisk']);
    const nas = post.Resources.NasFileSystem;
    expect(nas?.Type).toBe('ALIYUN::NAS::FileSystem');
    expect(nas?.Success).toBe(true);
    expect(nas?.Result.Order.Currency).toBe('CNY');
    expect(nas?.Result.OrderSupplement).toMatchObject({
      PriceUnit: '/Hour',
      ChargeType: 'PostPaid',
      Quantity: 1,
      PriceType: 'Total',
    });
    expect(nas?.Result.Rules.Rule[0]?.Name).toBe('Sandbox price');
    expect(post.Resources.PluginDaemonDisk?.Type).toBe('ALIYUN::ECS::Disk');

    const pre = await call<Cost>(me, 'GetServiceEstimateCost', {
      ServiceId: SERVICE,
      TemplateName: TEMPLATE,
      Parameters: JSON.stringify(GOOD),
      Commodity: JSON.stringify({ PayPeriod: 3, PayPeriodUnit: 'Month' }),
    });
    const disk = pre.Resources.PluginDaemonDisk;
    expect(disk?.Result.OrderSupplement).toMatchObject({
      ChargeType: 'PrePaid',
      PriceUnit: '/Month',
      Quantity: 3,
    });
    expect(disk?.Result.Order.TradeAmount).toBe(60);
    const year = await call<Cost>(me, 'GetServiceEstimateCost', {
      ServiceId: SERVICE,
      TemplateName: TEMPLATE,
      Commodity: JSON.stringify({ PayPeriod: 1, PayPeriodUnit: 'Year' }),
    });
    expect(year.Resources.PluginDaemonDisk?.Result.Order.DiscountAmount).toBeGreaterThan(0);
    await expect(
      call(me, 'GetServiceEstimateCost', {
        ServiceId: SERVICE,
        Parameters: JSON.stringify({ Bogus: 1 }),
      }),
    ).rejects.toMatchObject({ code: 'InvalidParameter' });
  });

  it('CheckServiceDeployable: Balance and Quota only; the balance covers the amounts sent', async () => {
    const me = await sim.createAccount();
    type Check = { CheckResults: Record<string, unknown>[] };
    const ok = await call<Check>(me, 'CheckServiceDeployable', {
      ServiceId: SERVICE,
      PostPaidAmount: '1.29',
      PrePaidAmount: '0',
    });
    // Exactly the fields of the API's model: Type (Balance or Quota), Value, Message.
    expect(ok.CheckResults).toEqual([
      { Type: 'Balance', Value: 'true', Message: '' },
      { Type: 'Quota', Value: 'true', Message: '' },
    ]);
    const res = await fetch(`${sim.endpoint}/_sim/balance`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessKeyId: me.accessKeyId, amount: 150 }),
    });
    expect(res.status).toBe(200);
    const postPaid = await call<Check>(me, 'CheckServiceDeployable', {
      ServiceId: SERVICE,
      PostPaidAmount: '1.29',
    });
    expect(postPaid.CheckResults.find((c) => c.Type === 'Balance')?.Value).toBe('true');
    const prePaid = await call<Check>(me, 'CheckServiceDeployable', {
      ServiceId: SERVICE,
      PrePaidAmount: '200',
    });
    const balance = prePaid.CheckResults.find((c) => c.Type === 'Balance');
    expect(balance?.Value).toBe('false');
    expect(balance?.Message).toContain('insufficient');
    expect(balance?.Message).toContain('200.00 CNY');
  });
});

describe('admin', () => {
  it('POST /_sim/advance jumps simulated time', async () => {
    const before = sim.now();
    const res = await fetch(`${sim.endpoint}/_sim/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: 3_600_000 }),
    });
    expect(res.status).toBe(200);
    expect(sim.now() - before).toBeGreaterThanOrEqual(3_600_000);
    const me = await sim.createAccount();
    const k = await fetch(
      `${sim.endpoint}/_sim/kubernetes?accessKeyId=${me.accessKeyId}&clusterId=${IDS.ackBasic}`,
    );
    const body = (await k.json()) as { objects: KubeObject[] };
    expect(body.objects.filter((o) => o.kind === 'Node')).toHaveLength(2);
  });
});

describe('persistence', () => {
  it('stateFile: start, create, close, start again — the instance is there and finishes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloud-sim-state-'));
    const file = join(dir, 'state.json');
    try {
      const a = await startCloudSim({ stateFile: file });
      const extra = await a.createAccount();
      const id = await create(
        a.defaultAccount,
        {},
        { ClientToken: 'persist-1' },
        {},
        a.endpoint,
      ).catch(async (e: unknown) => {
        await a.close();
        throw e;
      });
      a.advance(T.helm + 1_000);
      const mid = await call<Instance>(
        a.defaultAccount,
        'GetServiceInstance',
        { ServiceInstanceId: id },
        {},
        a.endpoint,
      );
      expect(mid.Status).toBe('Deploying');
      await a.close();

      const b = await startCloudSim({ stateFile: file });
      try {
        const again = await call<Instance>(
          b.defaultAccount,
          'GetServiceInstance',
          { ServiceInstanceId: id },
          {},
          b.endpoint,
        );
        expect(again.Status).toBe('Deploying');
        expect(again.Progress).toBeGreaterThanOrEqual(mid.Progress);
        // The release installed before the restart is still in the cluster.
        expect(
          find(
            b.clusterObjects(b.defaultAccount.accessKeyId, IDS.ackPro) ?? [],
            'Deployment',
            'ack-dify-api',
          ),
        ).toBeDefined();
        // Accounts created at runtime survive too, and the token still points at the instance.
        await expect(
          call(extra, 'ListServiceInstances', {}, {}, b.endpoint),
        ).resolves.toMatchObject({ TotalCount: 0 });
        expect(
          await create(b.defaultAccount, {}, { ClientToken: 'persist-1' }, {}, b.endpoint),
        ).toBe(id);
        b.advance(T.done);
        const done = await call<Instance>(
          b.defaultAccount,
          'GetServiceInstance',
          { ServiceInstanceId: id },
          {},
          b.endpoint,
        );
        expect(done.Status).toBe('Deployed');
      } finally {
        await b.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
