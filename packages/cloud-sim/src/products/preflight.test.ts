import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS } from '../fixtures/default';
import { ramKeysFor, RAM_KEYS } from '../fixtures/ram';
import { PASSWORDS } from '../fixtures/scenario';
import { SANDBOX_ACCOUNTS, startCloudSim, type CloudSim, type SimAccountKeys } from '../index';
import { rejectionOf, rpc } from '../test-clients';
import { FAIL_AT_READINESS, T } from './computenest/deploy';

// What the console's pre-flight checks read from the cloud (whitelists, accounts, databases,
// RAM identities and permissions) and how deployments fail when a check would have failed.
// pop-core RPC, POST, as the BFF calls it.

let sim: CloudSim;
beforeAll(async () => {
  sim = await startCloudSim();
});
afterAll(async () => {
  await sim.close();
});

type Body = Record<string, unknown>;
type Keys = Pick<SimAccountKeys, 'accessKeyId' | 'accessKeySecret'>;
const post = { method: 'POST' };

const rds = (k: Keys, action: string, p: Body) =>
  rpc(sim.endpoint, '2014-08-15', k).request<Body>(action, { RegionId: 'cn-hangzhou', ...p }, post);
const kv = (k: Keys, action: string, p: Body) =>
  rpc(sim.endpoint, '2015-01-01', k).request<Body>(action, { RegionId: 'cn-hangzhou', ...p }, post);
const ram = (k: Keys, action: string, p: Body) =>
  rpc(sim.endpoint, '2015-05-01', k).request<Body>(action, p, post);
const cn = <T = Body>(k: Keys, action: string, p: Body, opts: object = post) =>
  rpc(sim.endpoint, '2021-06-01', k).request<T>(action, { RegionId: 'cn-hangzhou', ...p }, opts);

const SERVICE = 'service-c8afb895dd314f70a020';
const TEMPLATE = '高可用版-已有资源';
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

async function create(k: Keys, params: Body = {}, extra: Body = {}): Promise<string> {
  const r = await cn<{ ServiceInstanceId: string }>(k, 'CreateServiceInstance', {
    ServiceId: SERVICE,
    TemplateName: TEMPLATE,
    Parameters: JSON.stringify({ ...GOOD, ...params }),
    ...extra,
  });
  return r.ServiceInstanceId;
}

const instance = (k: Keys, id: string) =>
  cn<{ Status: string; StatusDetail: string }>(k, 'GetServiceInstance', { ServiceInstanceId: id });

async function logText(k: Keys, id: string): Promise<string> {
  const r = await cn<{ ServiceInstancesLogs: { Content: string }[] }>(
    k,
    'ListServiceInstanceLogs',
    {
      ServiceInstanceId: id,
      MaxResults: 100,
      SortOrder: 'Ascending',
    },
  );
  return r.ServiceInstancesLogs.map((l) => l.Content).join('\n');
}

function groups(r: Body): Record<string, string> {
  const items = (
    r.Items as { DBInstanceIPArray: { DBInstanceIPArrayName: string; SecurityIPList: string }[] }
  ).DBInstanceIPArray;
  return Object.fromEntries(items.map((g) => [g.DBInstanceIPArrayName, g.SecurityIPList]));
}

describe('RDS: accounts, databases, whitelists', () => {
  it('DescribeAccounts: dify-pg14 has only a Normal account; dify-pg16 a Super one with CreateDB', async () => {
    const me = await sim.createAccount();
    const pg14 = (await rds(me, 'DescribeAccounts', { DBInstanceId: IDS.pg14 })) as {
      Accounts: { DBInstanceAccount: Body[] };
    };
    expect(
      pg14.Accounts.DBInstanceAccount.map((a) => [a.AccountName, a.AccountType, a.AccountStatus]),
    ).toEqual([['dify_app', 'Normal', 'Available']]);
    expect(pg14.Accounts.DBInstanceAccount[0]).toMatchObject({ CreateDB: 'f', CreateRole: 'f' });
    const pg16 = (await rds(me, 'DescribeAccounts', {
      DBInstanceId: IDS.pg16,
      AccountName: 'postgres',
    })) as {
      Accounts: { DBInstanceAccount: Body[] };
    };
    expect(pg16.Accounts.DBInstanceAccount[0]).toMatchObject({
      AccountType: 'Super',
      CreateDB: 't',
      CreateRole: 't',
    });
    const e = await rejectionOf(
      rds(me, 'DescribeAccounts', { DBInstanceId: 'pgm-bp1nothere000000' }),
    );
    expect(e.code).toBe('InvalidDBInstanceId.NotFound');
    expect(e.entry?.response?.statusCode).toBe(404);
  });

  it('DescribeDatabases: dify and dify_plugin on dify-pg16 only', async () => {
    const me = await sim.createAccount();
    const pg16 = (await rds(me, 'DescribeDatabases', { DBInstanceId: IDS.pg16 })) as {
      Databases: { Database: Body[] };
    };
    expect(pg16.Databases.Database.map((d) => d.DBName)).toEqual(['dify', 'dify_plugin']);
    expect(pg16.Databases.Database[0]).toMatchObject({
      DBStatus: 'Running',
      Engine: 'PostgreSQL',
      CharacterSetName: 'UTF8',
    });
    const one = (await rds(me, 'DescribeDatabases', {
      DBInstanceId: IDS.pg16,
      DBName: 'dify_plugin',
    })) as {
      Databases: { Database: Body[] };
    };
    expect(one.Databases.Database).toHaveLength(1);
    const pg15 = (await rds(me, 'DescribeDatabases', { DBInstanceId: IDS.pg15 })) as {
      Databases: { Database: Body[] };
    };
    expect(pg15.Databases.Database).toEqual([]);
    const e = await rejectionOf(rds(me, 'DescribeDatabases', {}));
    expect(e.code).toBe('MissingParameter');
  });

  it('ModifySecurityIps Append creates group dify_ack and leaves the others untouched; Delete removes entries', async () => {
    const me = await sim.createAccount();
    const before = groups(
      await rds(me, 'DescribeDBInstanceIPArrayList', { DBInstanceId: IDS.pg15 }),
    );
    expect(before).toEqual({ default: '127.0.0.1', office: '203.0.113.0/24' });
    const r = await rds(me, 'ModifySecurityIps', {
      DBInstanceId: IDS.pg15,
      DBInstanceIPArrayName: 'dify_ack',
      SecurityIps: '172.16.64.0/18,172.16.128.0/18',
      ModifyMode: 'Append',
    });
    expect(r.TaskId).toMatch(/^\d+$/);
    expect(
      groups(await rds(me, 'DescribeDBInstanceIPArrayList', { DBInstanceId: IDS.pg15 })),
    ).toEqual({
      ...before,
      dify_ack: '172.16.64.0/18,172.16.128.0/18',
    });
    await rds(me, 'ModifySecurityIps', {
      DBInstanceId: IDS.pg15,
      DBInstanceIPArrayName: 'dify_ack',
      SecurityIps: '172.16.64.0/18',
      ModifyMode: 'Delete',
    });
    expect(
      groups(await rds(me, 'DescribeDBInstanceIPArrayList', { DBInstanceId: IDS.pg15 })).dify_ack,
    ).toBe('172.16.128.0/18');
    // Cover (the default mode) replaces the default group.
    await rds(me, 'ModifySecurityIps', { DBInstanceId: IDS.pg15, SecurityIps: '10.0.0.1' });
    expect(
      groups(await rds(me, 'DescribeDBInstanceIPArrayList', { DBInstanceId: IDS.pg15 })).default,
    ).toBe('10.0.0.1');
    // A hidden group keeps its attribute.
    await rds(me, 'ModifySecurityIps', {
      DBInstanceId: IDS.pg15,
      DBInstanceIPArrayName: 'svc_dts',
      DBInstanceIPArrayAttribute: 'hidden',
      SecurityIps: '100.104.0.0/16',
      ModifyMode: 'Append',
    });
    const items = (
      (await rds(me, 'DescribeDBInstanceIPArrayList', { DBInstanceId: IDS.pg15 })).Items as {
        DBInstanceIPArray: Body[];
      }
    ).DBInstanceIPArray;
    expect(items.find((g) => g.DBInstanceIPArrayName === 'svc_dts')).toMatchObject({
      DBInstanceIPArrayAttribute: 'hidden',
      SecurityIPType: 'IPv4',
    });
    // IPv6 lists (SecurityIPType IPv6) go to a group of that type, as RDS keeps them.
    await rds(me, 'ModifySecurityIps', {
      DBInstanceId: IDS.pg15,
      DBInstanceIPArrayName: 'v6_clients',
      SecurityIPType: 'IPv6',
      SecurityIps: '2408:4000::/56,2001:db8::1',
      ModifyMode: 'Append',
    });
    const v6 = (
      (await rds(me, 'DescribeDBInstanceIPArrayList', { DBInstanceId: IDS.pg15 })).Items as {
        DBInstanceIPArray: Body[];
      }
    ).DBInstanceIPArray.find((g) => g.DBInstanceIPArrayName === 'v6_clients');
    expect(v6).toMatchObject({
      SecurityIPList: '2408:4000::/56,2001:db8::1',
      SecurityIPType: 'IPv6',
    });
    for (const [type, ips, code] of [
      ['IPv6', '10.0.0.1', 'InvalidSecurityIPList.Format'],
      ['IPv4', '2001:db8::1', 'InvalidSecurityIPList.Format'],
      ['IPv5', '10.0.0.1', 'InvalidParameter'],
    ] as const) {
      const e = await rejectionOf(
        rds(me, 'ModifySecurityIps', {
          DBInstanceId: IDS.pg15,
          DBInstanceIPArrayName: 'v6_other',
          SecurityIPType: type,
          SecurityIps: ips,
          ModifyMode: 'Append',
        }),
      );
      expect([type, e.code]).toEqual([type, code]);
    }
    // A group keeps the type it was made with.
    const mixed = await rejectionOf(
      rds(me, 'ModifySecurityIps', {
        DBInstanceId: IDS.pg15,
        DBInstanceIPArrayName: 'v6_clients',
        SecurityIps: '10.0.0.2',
        ModifyMode: 'Append',
      }),
    );
    expect(mixed.code).toBe('InvalidParameter');
  });

  it('ModifySecurityIps refuses bad entries, duplicates, bad group names, too many entries, non-running instances', async () => {
    const me = await sim.createAccount();
    const base = {
      DBInstanceId: IDS.pg16,
      ModifyMode: 'Append',
      DBInstanceIPArrayName: 'dify_ack',
    };
    for (const bad of ['172.16.0.0/33', '300.1.1.1', 'abc', '10.0.0.0/8/1']) {
      const e = await rejectionOf(rds(me, 'ModifySecurityIps', { ...base, SecurityIps: bad }));
      expect(e.code).toBe('InvalidSecurityIPList.Format');
      expect(e.data?.Message).toBe('Specified security IP list format is not valid.');
      expect(e.entry?.response?.statusCode).toBe(400);
    }
    const dup = await rejectionOf(
      rds(me, 'ModifySecurityIps', { ...base, SecurityIps: '10.1.1.1,10.1.1.1' }),
    );
    expect(dup.code).toBe('InvalidSecurityIPList.Duplicate');
    expect(dup.data?.Message).toBe(
      'Specified security IP list is not valid: Duplicate IP address in the list',
    );
    const name = await rejectionOf(
      rds(me, 'ModifySecurityIps', {
        ...base,
        DBInstanceIPArrayName: 'Dify-ACK',
        SecurityIps: '10.1.1.1',
      }),
    );
    expect(name.code).toBe('InvalidParameter');
    const many = Array.from(
      { length: 1000 },
      (_, i) => `10.${Math.floor(i / 250)}.${i % 250}.1`,
    ).join(',');
    const quota = await rejectionOf(rds(me, 'ModifySecurityIps', { ...base, SecurityIps: many }));
    expect(quota.code).toBe('InvalidSecurityIPList.QuotaExceeded');
    const state = await rejectionOf(
      rds(me, 'ModifySecurityIps', {
        ...base,
        DBInstanceId: IDS.pgCreating,
        SecurityIps: '10.1.1.1',
      }),
    );
    expect(state.code).toBe('IncorrectDBInstanceState');
    expect(state.data?.Message).toBe('Current DB instance state does not support this operation.');
    // Nothing was changed by the refused calls.
    expect(
      groups(await rds(me, 'DescribeDBInstanceIPArrayList', { DBInstanceId: IDS.pg16 })),
    ).toEqual({
      default: '127.0.0.1',
      dify_vpc: '172.16.0.0/12',
    });
  });
});

describe('R-kvstore whitelists', () => {
  it('DescribeSecurityIps, then ModifySecurityIps Append into a new group and Delete', async () => {
    const me = await sim.createAccount();
    const list = async (): Promise<Record<string, string>> =>
      Object.fromEntries(
        (
          (await kv(me, 'DescribeSecurityIps', { InstanceId: IDS.redis60 })).SecurityIpGroups as {
            SecurityIpGroup: { SecurityIpGroupName: string; SecurityIpList: string }[];
          }
        ).SecurityIpGroup.map((g) => [g.SecurityIpGroupName, g.SecurityIpList]),
      );
    expect(await list()).toEqual({ default: '127.0.0.1', office: '203.0.113.0/24' });
    const r = await kv(me, 'ModifySecurityIps', {
      InstanceId: IDS.redis60,
      SecurityIpGroupName: 'dify_ack',
      SecurityIps: '172.16.64.0/18,172.16.128.0/18',
      ModifyMode: 'Append',
    });
    expect(Object.keys(r)).toEqual(['RequestId']);
    expect(await list()).toEqual({
      default: '127.0.0.1',
      office: '203.0.113.0/24',
      dify_ack: '172.16.64.0/18,172.16.128.0/18',
    });
    await kv(me, 'ModifySecurityIps', {
      InstanceId: IDS.redis60,
      SecurityIpGroupName: 'office',
      SecurityIps: '203.0.113.0/24',
      ModifyMode: 'Delete',
    });
    expect(await list()).toEqual({
      default: '127.0.0.1',
      dify_ack: '172.16.64.0/18,172.16.128.0/18',
    });
    const bad = await rejectionOf(
      kv(me, 'ModifySecurityIps', { InstanceId: IDS.redis60, SecurityIps: '1.2.3.4/40' }),
    );
    expect(bad.code).toBe('InvalidSecurityIPList.Format');
    const name = await rejectionOf(
      kv(me, 'ModifySecurityIps', {
        InstanceId: IDS.redis60,
        SecurityIpGroupName: 'x',
        SecurityIps: '1.2.3.4',
      }),
    );
    expect(name.code).toBe('InvalidGroupName.Format');
    const missing = await rejectionOf(
      kv(me, 'ModifySecurityIps', { InstanceId: 'r-bp1nope', SecurityIps: '1.2.3.4' }),
    );
    expect(missing.code).toBe('InvalidInstanceId.NotFound');
  });
});

describe('RAM identities', () => {
  const root = SANDBOX_ACCOUNTS.default;

  it('GetCallerIdentity answers RAMUser for a RAM user key, Account for root keys', async () => {
    const sts = (k: Keys) =>
      rpc(sim.endpoint, '2015-04-01', k).request<Body>('GetCallerIdentity', {}, post);
    expect(await sts(RAM_KEYS.deployer)).toMatchObject({
      IdentityType: 'RAMUser',
      AccountId: root.accountId,
      UserId: '2087310000000101',
      PrincipalId: '2087310000000101',
      Arn: `acs:ram::${root.accountId}:user/dify-deployer`,
    });
    expect(await sts(RAM_KEYS.none)).toMatchObject({
      IdentityType: 'RAMUser',
      Arn: `acs:ram::${root.accountId}:user/dify-none`,
    });
    expect(await sts(root)).toMatchObject({
      IdentityType: 'Account',
      Arn: `acs:ram::${root.accountId}:root`,
    });
    // A created account has the same users with keys derived from its own.
    const me = await sim.createAccount();
    expect(await sts(ramKeysFor(me, 'dify-partial'))).toMatchObject({
      AccountId: me.accountId,
      Arn: `acs:ram::${me.accountId}:user/dify-partial`,
    });
  });

  it('ListPoliciesForUser / ListGroupsForUser / ListPoliciesForGroup per user', async () => {
    const names = (r: Body) => (r.Policies as { Policy: Body[] }).Policy.map((p) => p.PolicyName);
    const direct = await ram(RAM_KEYS.deployer, 'ListPoliciesForUser', {
      UserName: 'dify-deployer',
    });
    expect(names(direct)).toEqual([
      'AliyunROSFullAccess',
      'AliyunMilvusFullAccess',
      'AliyunComputeNestUserFullAccess',
      'AliyunRAMReadOnlyAccess',
    ]);
    expect((direct.Policies as { Policy: Body[] }).Policy[0]).toMatchObject({
      PolicyType: 'System',
      DefaultVersion: 'v1',
      AttachDate: '2025-06-02T08:15:30Z',
    });
    const g = await ram(RAM_KEYS.deployer, 'ListGroupsForUser', { UserName: 'dify-deployer' });
    expect((g.Groups as { Group: Body[] }).Group).toEqual([
      {
        GroupId: 'g-dfy0ps7Kq2Wm4Rz8',
        GroupName: 'dify-ops',
        Comments: 'Dify operators',
        JoinDate: '2025-06-02T08:12:00Z',
      },
    ]);
    expect(
      names(await ram(RAM_KEYS.deployer, 'ListPoliciesForGroup', { GroupName: 'dify-ops' })),
    ).toEqual([
      'AliyunECSFullAccess',
      'AliyunVPCFullAccess',
      'AliyunCSFullAccess',
      'AliyunKvstoreFullAccess',
      'AliyunRDSFullAccess',
    ]);
    const partial = names(
      await ram(RAM_KEYS.partial, 'ListPoliciesForUser', { UserName: 'dify-partial' }),
    );
    expect(partial).not.toContain('AliyunRDSFullAccess');
    expect(partial).toContain('AliyunComputeNestUserFullAccess');
    expect((await ram(root, 'ListGroupsForUser', { UserName: 'dify-none' })).Groups).toEqual({
      Group: [],
    });
    expect(((await ram(root, 'GetUser', { UserName: 'dify-none' })).User as Body).UserId).toBe(
      '2087310000000103',
    );

    const unknown = await rejectionOf(ram(root, 'ListPoliciesForUser', { UserName: 'nobody' }));
    expect(unknown.code).toBe('EntityNotExist.User');
    expect(unknown.data?.Message).toBe('The user not exists: nobody.');
    expect(unknown.entry?.response?.statusCode).toBe(404);
    const noGroup = await rejectionOf(ram(root, 'ListPoliciesForGroup', { GroupName: 'nope' }));
    expect(noGroup.code).toBe('EntityNotExist.Group');
  });

  it('dify-none may not read its own policies: NoPermission (403) with AccessDeniedDetail', async () => {
    const e = await rejectionOf(
      ram(RAM_KEYS.none, 'ListPoliciesForUser', { UserName: 'dify-none' }),
    );
    expect(e.code).toBe('NoPermission');
    expect(e.data?.Message).toBe(
      `You are not authorized to do this action. Resource: acs:ram:*:${root.accountId}:user/dify-none Action: ram:ListPoliciesForUser`,
    );
    expect(e.entry?.response?.statusCode).toBe(403);
    expect(e.data?.AccessDeniedDetail).toMatchObject({
      AuthAction: 'ram:ListPoliciesForUser',
      AuthPrincipalDisplayName: 'dify-none',
      NoPermissionType: 'ImplicitDeny',
    });
  });

  it('a RAM user without AliyunRDSFullAccess may not change a whitelist: Forbidden.RAM', async () => {
    const e = await rejectionOf(
      rds(RAM_KEYS.partial, 'ModifySecurityIps', {
        DBInstanceId: IDS.pg15,
        SecurityIps: '10.1.1.1',
        ModifyMode: 'Append',
      }),
    );
    expect(e.code).toBe('Forbidden.RAM');
    expect(e.data?.Message).toBe(
      "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
    );
    expect(e.entry?.response?.statusCode).toBe(403);
    const k = await rejectionOf(
      kv(RAM_KEYS.partial, 'ModifySecurityIps', {
        InstanceId: IDS.redis60,
        SecurityIps: '10.1.1.1',
      }),
    );
    expect(k.code).toBe('Forbidden.RAM');
    expect((k.data?.AccessDeniedDetail as Body).AuthAction).toBe('kvstore:ModifySecurityIps');
  });
});

describe('Compute Nest and RAM permissions', () => {
  it('dify-none: CreateServiceInstance answers NoPermission', async () => {
    const e = await rejectionOf(create(RAM_KEYS.none));
    expect(e.code).toBe('NoPermission');
    expect(e.data?.Message).toBe(
      `You are not authorized to do this action. Resource: acs:computenest:*:${SANDBOX_ACCOUNTS.default.accountId}:* Action: computenest:CreateServiceInstance`,
    );
    expect(e.entry?.response?.statusCode).toBe(403);
  });

  it('dify-partial: DryRun and GenerateServicePolicy name the missing RDS/Redis permissions; CheckServiceDeployable checks balance and quota only', async () => {
    const me = await sim.createAccount();
    const partial = ramKeysFor(me, 'dify-partial');
    const check = await cn<{ CheckResults: Body[] }>(partial, 'CheckServiceDeployable', {
      ServiceId: SERVICE,
    });
    expect(check.CheckResults.map((c) => c.Type)).toEqual(['Balance', 'Quota']);

    const dry = await rejectionOf(create(partial, {}, { DryRun: true }));
    expect(dry.code).toBe('NoPermission');
    expect(dry.data?.Message).toMatch(
      /^You are not authorized to do this action\. The RAM user dify-partial lacks/,
    );
    expect(dry.entry?.response?.statusCode).toBe(403);

    const gen = await cn<{
      Policy: string;
      MissingPolicy: { ServiceName: string; Action: string[]; Resource: string }[];
    }>(partial, 'GenerateServicePolicy', { ServiceId: SERVICE, TemplateName: TEMPLATE });
    expect(gen.MissingPolicy.map((m) => m.ServiceName)).toEqual(['rds', 'kvstore']);
    expect(gen.MissingPolicy[0]).toMatchObject({ Resource: '*' });
    expect(gen.MissingPolicy[0]?.Action).toContain('rds:DescribeDBInstances');
    expect(
      (JSON.parse(gen.Policy) as { Statement: { Action: string[] }[] }).Statement[0]?.Action,
    ).toContain('cs:DescribeClusterUserKubeconfig');

    const deployer = ramKeysFor(me, 'dify-deployer');
    const ok = await cn<{ MissingPolicy: unknown[] }>(deployer, 'GenerateServicePolicy', {
      ServiceId: SERVICE,
    });
    expect(ok.MissingPolicy).toEqual([]);
    const okDry = await rejectionOf(create(deployer, {}, { DryRun: true }));
    expect(okDry.code).toBe('DryRunOperation');
    const get = await rejectionOf(
      cn(me, 'GenerateServicePolicy', { ServiceId: SERVICE }, { method: 'GET' }),
    );
    expect(get.code).toBe('UnsupportedHTTPMethod');
  });

  it('dify-partial: a real deployment fails reading the RDS instance with Forbidden.RAM', async () => {
    const me = await sim.createAccount();
    const partial = ramKeysFor(me, 'dify-partial');
    const id = await create(partial);
    sim.advance(T.instances + 1_000);
    const si = await instance(partial, id);
    expect(si.Status).toBe('DeployedFailed');
    expect(si.StatusDetail).toBe(
      "Create stack failed: Resource [PostgreSQLInstanceInfo] (DATASOURCE::RDS::DBInstances) CREATE_FAILED: code: 403, Forbidden.RAM: User not authorized to operate on the specified resource, or this API doesn't support RAM.",
    );
  });

  it('dify-deployer deploys like the root keys', async () => {
    const me = await sim.createAccount();
    const deployer = ramKeysFor(me, 'dify-deployer');
    const id = await create(deployer);
    sim.advance(T.done + 1_000);
    expect((await instance(deployer, id)).Status).toBe('Deployed');
  });
});

describe('deployments fail where a pre-flight check would have failed', () => {
  it('terway: dify-pg15 does not admit the pod vSwitches → timeout; after ModifySecurityIps a redeploy passes', async () => {
    const me = await sim.createAccount();
    const id = await create(me, { PgInstanceId: IDS.pg15 });
    sim.advance(FAIL_AT_READINESS + 1_000);
    const failed = await instance(me, id);
    expect(failed.Status).toBe('DeployedFailed');
    expect(failed.StatusDetail).toContain(
      `connection to server at "${IDS.pg15}.pg.rds.aliyuncs.com" (172.16.0.102), port 5432 failed: Connection timed out.`,
    );
    await cn(me, 'DeleteServiceInstances', { ServiceInstanceId: [id] });
    sim.advance(61_000);

    // Admitting the node vSwitches is not enough for terway: pods come from the pod vSwitches.
    await rds(me, 'ModifySecurityIps', {
      DBInstanceId: IDS.pg15,
      DBInstanceIPArrayName: 'dify_ack',
      SecurityIps: '172.16.0.0/24,172.16.1.0/24',
      ModifyMode: 'Append',
    });
    const nodesOnly = await create(me, { PgInstanceId: IDS.pg15 });
    sim.advance(FAIL_AT_READINESS + 1_000);
    expect((await instance(me, nodesOnly)).StatusDetail).toContain('Connection timed out');
    await cn(me, 'DeleteServiceInstances', { ServiceInstanceId: [nodesOnly] });
    sim.advance(61_000);

    await rds(me, 'ModifySecurityIps', {
      DBInstanceId: IDS.pg15,
      DBInstanceIPArrayName: 'dify_ack',
      SecurityIps: '172.16.64.0/18,172.16.128.0/18',
      ModifyMode: 'Append',
    });
    const again = await create(me, { PgInstanceId: IDS.pg15 });
    sim.advance(T.done + 1_000);
    expect((await instance(me, again)).Status).toBe('Deployed');
  });

  it('flannel: dify-redis60 does not admit the node IPs → Redis timeout; adding them fixes it', async () => {
    const me = await sim.createAccount();
    const params = { ClusterId: IDS.ackBasic, RedisInstanceId: IDS.redis60 };
    const id = await create(me, params);
    sim.advance(FAIL_AT_READINESS + 1_000);
    expect((await instance(me, id)).StatusDetail).toContain(
      `redis.exceptions.ConnectionError: Error 110 connecting to ${IDS.redis60}.redis.rds.aliyuncs.com:6379. Connection timed out.`,
    );
    await cn(me, 'DeleteServiceInstances', { ServiceInstanceId: [id] });
    sim.advance(61_000);
    // Flannel pods leave SNATed behind the nodes: the node IPs are what must be admitted.
    await kv(me, 'ModifySecurityIps', {
      InstanceId: IDS.redis60,
      SecurityIpGroupName: 'dify_ack',
      SecurityIps: '172.16.0.10,172.16.0.11',
      ModifyMode: 'Append',
    });
    const again = await create(me, params);
    sim.advance(T.done + 1_000);
    expect((await instance(me, again)).Status).toBe('Deployed');
  });

  it('a Normal account only and no databases (dify-pg14 dify_app) → database "dify" does not exist', async () => {
    const me = await sim.createAccount();
    const id = await create(me, {
      PgInstanceId: IDS.pg14,
      PostgresSQLUserName: 'dify_app',
      PostgresSQLPassword: PASSWORDS.postgresApp,
    });
    sim.advance(FAIL_AT_READINESS + 1_000);
    expect((await instance(me, id)).StatusDetail).toContain('FATAL:  database "dify" does not exist');
  });

  it('a Normal account where the databases exist (dify-pg16 dify_app) → uuid-ossp permission error', async () => {
    const me = await sim.createAccount();
    const id = await create(me, {
      PostgresSQLUserName: 'dify_app',
      PostgresSQLPassword: PASSWORDS.postgresApp,
    });
    sim.advance(FAIL_AT_READINESS + 1_000);
    expect((await instance(me, id)).StatusDetail).toContain(
      'permission denied to create extension "uuid-ossp"',
    );
  });

  it('cluster-architecture Redis: the stack completes, the Celery worker crash-loops with CROSSSLOT', async () => {
    const me = await sim.createAccount();
    const id = await create(me, { RedisInstanceId: IDS.redisCluster });
    sim.advance(T.done + 1_000);
    expect((await instance(me, id)).Status).toBe('Deployed');
    const text = await logText(me, id);
    expect(text).toContain('Back-off restarting failed container worker');
    expect(text).toContain("CROSSSLOT Keys in request don't hash to the same slot");
    const objects = sim.clusterObjects(me.accessKeyId, IDS.ackPro) ?? [];
    const dep = (name: string) =>
      objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name)?.status as
        Body | undefined;
    expect(dep('ack-dify-api')?.readyReplicas).toBe(2);
    expect(dep('ack-dify-worker')?.readyReplicas).toBeUndefined();
  });
});
