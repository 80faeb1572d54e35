import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { IDS } from '../../fixtures/default';
import { PASSWORDS } from '../../fixtures/scenario';
import { startCloudSim, type CloudSim, type SimAccountKeys } from '../../index';
import { rejectionOf, rpc } from '../../test-clients';

// The service's templates as a client reads them: GetService (per version) → TemplateConfigs →
// the document at its Url (object-storage stand-in) or ROS GetTemplateSummary with TemplateURL;
// CreateServiceInstance validates against the template of the version ordered. Real clients only.

const SERVICE = 'service-c8afb895dd314f70a020';
const TEMPLATE = '高可用版-已有资源';

let sim: CloudSim;
let me: SimAccountKeys;
beforeAll(async () => {
  sim = await startCloudSim();
  me = await sim.createAccount();
});
afterAll(async () => {
  await sim.close();
});

type Body = Record<string, unknown>;
const nest = <T = Body>(action: string, params: Body) =>
  rpc(sim.endpoint, '2021-06-01', me).request<T>(
    action,
    { RegionId: 'cn-hangzhou', ...params },
    { method: 'POST' },
  );
const ros = <T = Body>(action: string, params: Body) =>
  rpc(sim.endpoint, '2019-09-10', me).request<T>(action, { RegionId: 'cn-hangzhou', ...params });

async function templateUrl(version?: string): Promise<string> {
  const s = await nest<{ Version: string; DeployMetadata: string }>('GetService', {
    ServiceId: SERVICE,
    ...(version ? { ServiceVersion: version } : {}),
  });
  const meta = JSON.parse(s.DeployMetadata) as { TemplateConfigs: { Name: string; Url: string }[] };
  const url = meta.TemplateConfigs.find((t) => t.Name === TEMPLATE)?.Url;
  if (!url) throw new Error('no template url');
  return url;
}

interface Declared {
  ParameterKey: string;
  Type: string;
  Label?: Record<string, string>;
  AllowedValues?: unknown[];
  AllowedPattern?: string;
  Default?: unknown;
  NoEcho?: boolean;
  AssociationProperty?: string;
  ConstraintDescription?: Record<string, string>;
}
async function summary(version?: string) {
  return ros<{ Parameters: Declared[]; Metadata: Body; ResourceTypes: string[]; Version: string }>(
    'GetTemplateSummary',
    { TemplateURL: await templateUrl(version) },
  );
}
const byAssociation = (params: Declared[], ap: string) =>
  params.find((p) => p.AssociationProperty === ap)?.ParameterKey;

const V6 = {
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
const V7 = {
  RegionId: 'cn-hangzhou',
  ExistingVpcId: IDS.vpcProd,
  AckClusterId: IDS.ackPro,
  RdsPgInstanceId: IDS.pg16,
  PgAccountName: 'postgres',
  PgAccountPassword: PASSWORDS.postgresSuper,
  KvstoreInstanceId: IDS.redis70,
  RedisPassword: PASSWORDS.redis,
  MilvusHost: `${IDS.milvus25}-internal.milvus.aliyuncs.com`,
  MilvusUserName: 'root',
  MilvusRootPassword: PASSWORDS.milvusRoot,
  HighAvailability: true,
  DifyLogLevel: 'WARNING',
  PluginStorageSize: 40,
};

const order = (params: Body, version?: string) =>
  nest<{ ServiceInstanceId: string }>('CreateServiceInstance', {
    ServiceId: SERVICE,
    TemplateName: TEMPLATE,
    Parameters: JSON.stringify(params),
    ...(version ? { ServiceVersion: version } : {}),
  });

describe('the template documents at their URLs', () => {
  it('the default version is YAML, version 7 JSON, both ROS templates with parameter groups', async () => {
    const yamlRes = await fetch(await templateUrl());
    expect(yamlRes.status).toBe(200);
    const v6 = parse(await yamlRes.text()) as Body;
    expect(v6.ROSTemplateFormatVersion).toBe('2015-09-01');
    expect((v6.Parameters as Body).PostgresSQLPassword).toMatchObject({
      NoEcho: true,
      MinLength: 8,
      MaxLength: 30,
    });
    expect((v6.Parameters as Body).HPAOption).toMatchObject({ Type: 'Boolean', Default: true });
    const groups = (
      v6.Metadata as { 'ALIYUN::ROS::Interface': { ParameterGroups: { Parameters: string[] }[] } }
    )['ALIYUN::ROS::Interface'].ParameterGroups;
    expect(groups.flatMap((g) => g.Parameters).sort()).toEqual(Object.keys(V6).sort());

    const jsonRes = await fetch(await templateUrl('7'));
    expect(jsonRes.headers.get('content-type')).toBe('application/json');
    const v7 = JSON.parse(await jsonRes.text()) as { Parameters: Body };
    expect(Object.keys(v7.Parameters).sort()).toEqual(Object.keys(V7).sort());

    const missing = await fetch(`${sim.endpoint}/oss/service-info-public/nope/template.yaml`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<Code>NoSuchKey</Code>');
  });

  it("the local cloud does not use all of the console's old guessed names", async () => {
    const guesses = [
      'VpcId',
      'ClusterId',
      'RdsInstanceId',
      'RedisInstanceId',
      'MilvusEndpoint',
      'MilvusUser',
    ];
    const { Parameters } = await summary();
    expect(guesses.every((g) => Parameters.some((p) => p.ParameterKey === g))).toBe(false);
  });
});

describe('ROS GetTemplateSummary', () => {
  it('answers the declarations with ParameterKey, Metadata, resource types and version', async () => {
    const s = await summary();
    expect(s.Version).toBe('2015-09-01');
    expect(s.ResourceTypes).toEqual(['ALIYUN::CS::ClusterHelmApplication']);
    expect(s.Metadata).toHaveProperty(['ALIYUN::ROS::Interface', 'ParameterGroups']);
    expect(byAssociation(s.Parameters, 'ALIYUN::CS::Cluster::ClusterId')).toBe('ClusterId');
    expect(byAssociation(s.Parameters, 'ALIYUN::RDS::Instance::InstanceId')).toBe('PgInstanceId');
    const pw = s.Parameters.find((p) => p.ParameterKey === 'RedisInstancePassword');
    expect(pw).toMatchObject({
      Type: 'String',
      NoEcho: true,
      Label: { 'zh-cn': 'Redis实例密码', en: 'Redis Instance Password' },
    });
  });

  it('version 7 renames, adds a select and a bounded number, and tightens the account name', async () => {
    const s = await summary('7');
    expect(byAssociation(s.Parameters, 'ALIYUN::ECS::VPC::VPCId')).toBe('ExistingVpcId');
    expect(byAssociation(s.Parameters, 'ALIYUN::Redis::Instance::InstanceId')).toBe(
      'KvstoreInstanceId',
    );
    expect(s.Parameters.find((p) => p.ParameterKey === 'DifyLogLevel')).toMatchObject({
      AllowedValues: ['DEBUG', 'INFO', 'WARNING', 'ERROR'],
      Default: 'INFO',
    });
    expect(s.Parameters.find((p) => p.ParameterKey === 'PluginStorageSize')).toMatchObject({
      Type: 'Number',
      Default: 20,
    });
    expect(s.Parameters.find((p) => p.ParameterKey === 'PgAccountName')?.AllowedPattern).toBe(
      '[a-z][a-z0-9_]*',
    );
  });

  it('takes a TemplateBody too; refuses both or neither, a URL it cannot fetch, a broken body', async () => {
    const body = await ros<{ Parameters: Declared[] }>('GetTemplateSummary', {
      TemplateBody:
        'ROSTemplateFormatVersion: "2015-09-01"\nParameters:\n  Size:\n    Type: Number\n    Default: 3\n',
    });
    expect(body.Parameters).toEqual([{ ParameterKey: 'Size', Type: 'Number', Default: 3 }]);
    expect(await rejectionOf(ros('GetTemplateSummary', {}))).toMatchObject({
      code: 'InvalidParameter',
    });
    expect(
      await rejectionOf(ros('GetTemplateSummary', { TemplateURL: 'https://example.com/t.yaml' })),
    ).toMatchObject({ code: 'InvalidTemplateURL' });
    expect(
      await rejectionOf(ros('GetTemplateSummary', { TemplateBody: '{"a": 1}' })),
    ).toMatchObject({
      code: 'InvalidTemplate',
    });
  });
});

describe('CreateServiceInstance against the version ordered', () => {
  it('default and version 7 each accept their own names, and the version is recorded', async () => {
    const a = await order(V6);
    const b = await order(V7, '7');
    const seen = await nest<{
      ServiceInstances: { ServiceInstanceId: string; Service: { Version: string } }[];
    }>('ListServiceInstances', {});
    const versionOf = (id: string) =>
      seen.ServiceInstances.find((i) => i.ServiceInstanceId === id)?.Service.Version;
    expect(versionOf(a.ServiceInstanceId)).toBe('6');
    expect(versionOf(b.ServiceInstanceId)).toBe('7');
    const got = await nest<{ Parameters: string }>('GetServiceInstance', {
      ServiceInstanceId: b.ServiceInstanceId,
    });
    expect(JSON.parse(got.Parameters)).toMatchObject({
      DifyLogLevel: 'WARNING',
      PluginStorageSize: '40',
      RedisPassword: '******',
    });
  });

  it('each ROS rule fails naming the parameter, with the constraint text', async () => {
    const fails = async (params: Body, version?: string) => rejectionOf(order(params, version));
    // The default version's names on version 7: unknown parameter.
    const unknown = await fails(V6, '7');
    expect(unknown).toMatchObject({ code: 'InvalidParameter' });
    expect(unknown.message).toContain('The Parameter (VpcId) was not defined in template.');
    // Missing required.
    const { RedisPassword: _omit, ...noPassword } = V7;
    expect((await fails(noPassword, '7')).message).toContain(
      'The Parameter (RedisPassword) was not provided.',
    );
    // Pattern: the tightened account name, with its constraint text.
    const upper = await fails({ ...V7, PgAccountName: 'Postgres' }, '7');
    expect(upper.message).toContain('Parameter (PgAccountName) is invalid');
    expect(upper.message).toContain('starting with a lowercase letter');
    // The same value is fine on the default version.
    await expect(order({ ...V6, PostgresSQLUserName: 'Postgres' })).resolves.toHaveProperty(
      'ServiceInstanceId',
    );
    // Allowed values.
    const level = await fails({ ...V7, DifyLogLevel: 'TRACE' }, '7');
    expect(level.message).toContain(
      'Parameter (DifyLogLevel) is invalid: "TRACE" is not an allowed value [DEBUG, INFO, WARNING, ERROR]',
    );
    // Length, NoEcho value masked.
    const short = await fails({ ...V7, RedisPassword: 'Ab1!' }, '7');
    expect(short.message).toContain(
      'Parameter (RedisPassword) is invalid: length must be between 8 and 30 characters.',
    );
    // Number bounds.
    const size = await fails({ ...V7, PluginStorageSize: 5 }, '7');
    expect(size.message).toContain('Parameter (PluginStorageSize) is invalid');
    expect(size.message).toContain('Between 10 and 500');
    // A version that does not exist.
    expect(await fails(V7, '99')).toMatchObject({ code: 'ServiceNotFound' });
  });
});
