import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS } from './fixtures/default';
import { LARGE_COUNTS } from './fixtures/large';
import { startCloudSim, type CloudSim, type SimAccountKeys } from './index';
import { rejectionOf, roa, rpc } from './test-clients';

// End to end through pop-core 1.8.0, as the BFF calls the cloud.

let sim: CloudSim;
let me: SimAccountKeys;

beforeAll(async () => {
  sim = await startCloudSim();
  me = await sim.createAccount('default');
});
afterAll(async () => {
  await sim.close();
});

interface VpcsBody {
  RequestId: string;
  TotalCount: number;
  PageNumber: number;
  PageSize: number;
  Vpcs: {
    Vpc: {
      VpcId: string;
      VpcName: string;
      IsDefault: boolean;
      VSwitchIds: { VSwitchId: string[] };
    }[];
  };
  Code?: unknown;
}

describe('RPC with pop-core', () => {
  it('ECS DescribeRegions answers the catalogue in zh-CN by default and en-US on request (GET)', async () => {
    const ecs = rpc(sim.endpoint, '2014-05-26', me);
    const zh = await ecs.request<{
      RequestId: string;
      Regions: { Region: { RegionId: string; LocalName: string; RegionEndpoint: string }[] };
    }>('DescribeRegions', {});
    expect(zh.RequestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    const hz = zh.Regions.Region.find((r) => r.RegionId === 'cn-hangzhou');
    expect(hz).toMatchObject({
      LocalName: '华东1（杭州）',
      RegionEndpoint: 'ecs-cn-hangzhou.aliyuncs.com',
    });
    expect(zh.Regions.Region.map((r) => r.RegionId)).toEqual(
      expect.arrayContaining(['cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'ap-southeast-1']),
    );
    const en = await ecs.request<{
      Regions: { Region: { RegionId: string; LocalName: string }[] };
    }>('DescribeRegions', { AcceptLanguage: 'en-US' });
    expect(en.Regions.Region.find((r) => r.RegionId === 'cn-hangzhou')?.LocalName).toBe(
      'China (Hangzhou)',
    );
  });

  it('VPC DescribeRegions and DescribeZones (POST)', async () => {
    const vpc = rpc(sim.endpoint, '2016-04-28', me);
    const regions = await vpc.request<{
      Regions: { Region: { RegionId: string; RegionEndpoint: string }[] };
    }>('DescribeRegions', {}, { method: 'POST' });
    expect(regions.Regions.Region.find((r) => r.RegionId === 'cn-beijing')?.RegionEndpoint).toBe(
      'vpc.cn-beijing.aliyuncs.com',
    );
    const zones = await vpc.request<{ Zones: { Zone: { ZoneId: string; LocalName: string }[] } }>(
      'DescribeZones',
      { RegionId: 'cn-hangzhou' },
      { method: 'POST' },
    );
    expect(zones.Zones.Zone.map((z) => z.ZoneId)).toContain('cn-hangzhou-k');
  });

  it('VPC DescribeVpcs by GET and POST: wrappers, filters, no Code field', async () => {
    const vpc = rpc(sim.endpoint, '2016-04-28', me);
    const get = await vpc.request<VpcsBody>('DescribeVpcs', { RegionId: 'cn-hangzhou' });
    const post = await vpc.request<VpcsBody>(
      'DescribeVpcs',
      { RegionId: 'cn-hangzhou' },
      { method: 'POST' },
    );
    expect(get.Code).toBeUndefined();
    expect(get.TotalCount).toBe(3);
    expect(post.Vpcs.Vpc.map((v) => v.VpcName)).toEqual([
      'dify-prod',
      'dify-staging',
      'legacy-default',
    ]);
    expect(post.Vpcs.Vpc[0]?.VSwitchIds.VSwitchId).toHaveLength(4);
    const byIds = await vpc.request<VpcsBody>(
      'DescribeVpcs',
      { RegionId: 'cn-hangzhou', VpcId: `${IDS.vpcProd},${IDS.vpcLegacy}` },
      { method: 'POST' },
    );
    expect(byIds.Vpcs.Vpc.map((v) => v.VpcId)).toEqual([IDS.vpcProd, IDS.vpcLegacy]);
    const defaults = await vpc.request<VpcsBody>('DescribeVpcs', {
      RegionId: 'cn-hangzhou',
      IsDefault: 'true',
    });
    expect(defaults.Vpcs.Vpc.map((v) => v.VpcName)).toEqual(['legacy-default']);
    const byName = await vpc.request<VpcsBody>('DescribeVpcs', {
      RegionId: 'cn-hangzhou',
      VpcName: 'dify-staging',
    });
    expect(byName.Vpcs.Vpc).toHaveLength(1);
    const sh = await vpc.request<VpcsBody>('DescribeVpcs', { RegionId: 'cn-shanghai' });
    expect(sh.TotalCount).toBe(1);
    const empty = await vpc.request<VpcsBody>('DescribeVpcs', { RegionId: 'cn-beijing' });
    expect(empty).toMatchObject({ TotalCount: 0, Vpcs: { Vpc: [] } });
  });

  it('VPC DescribeVSwitches by VpcId and ZoneId', async () => {
    const vpc = rpc(sim.endpoint, '2016-04-28', me);
    const body = await vpc.request<{
      TotalCount: number;
      VSwitches: { VSwitch: { VSwitchId: string; ZoneId: string; VpcId: string }[] };
    }>(
      'DescribeVSwitches',
      { RegionId: 'cn-hangzhou', VpcId: IDS.vpcProd, ZoneId: 'cn-hangzhou-k' },
      { method: 'POST' },
    );
    expect(body.VSwitches.VSwitch.map((s) => s.VSwitchId)).toEqual([IDS.vswProdK, IDS.vswPodK]);
    const onlyVpc = await vpc.request<{ TotalCount: number }>('DescribeVSwitches', {
      VpcId: IDS.vpcShanghai,
    });
    expect(onlyVpc.TotalCount).toBe(2);
  });

  it('pages DescribeVpcs with PageSize 50 over the large account, in parallel', async () => {
    const vpc = rpc(sim.endpoint, '2016-04-28', sim.largeAccount);
    const first = await vpc.request<VpcsBody>(
      'DescribeVpcs',
      { RegionId: 'cn-hangzhou', PageSize: 50 },
      { method: 'POST' },
    );
    expect(first.TotalCount).toBe(LARGE_COUNTS.vpcs);
    const pages = Math.ceil(first.TotalCount / 50);
    const rest = await Promise.all(
      Array.from({ length: pages - 1 }, (_, i) =>
        vpc.request<VpcsBody>(
          'DescribeVpcs',
          { RegionId: 'cn-hangzhou', PageSize: 50, PageNumber: i + 2 },
          { method: 'POST' },
        ),
      ),
    );
    const ids = [first, ...rest].flatMap((p) => p.Vpcs.Vpc.map((v) => v.VpcId));
    expect(ids).toHaveLength(LARGE_COUNTS.vpcs);
    expect(new Set(ids).size).toBe(LARGE_COUNTS.vpcs);
    const tooBig = await rejectionOf(
      vpc.request('DescribeVpcs', { RegionId: 'cn-hangzhou', PageSize: 51 }),
    );
    expect(tooBig.code).toBe('InvalidParameter');
    expect(tooBig.data?.Message).toBe(
      'The specified parameter "PageSize" is not valid: it must be between 1 and 50.',
    );
  });

  it('RDS DescribeDBInstances filtered by Engine and VpcId, then attribute and net info', async () => {
    const rds = rpc(sim.endpoint, '2014-08-15', me);
    type Items = {
      TotalRecordCount: number;
      PageRecordCount: number;
      PageNumber: number;
      Items: {
        DBInstance: {
          DBInstanceId: string;
          Engine: string;
          EngineVersion: string;
          DBInstanceStatus: string;
          VpcId: string;
          DBInstanceType: string;
        }[];
      };
    };
    const pg = await rds.request<Items>(
      'DescribeDBInstances',
      { RegionId: 'cn-hangzhou', Engine: 'PostgreSQL', VpcId: IDS.vpcProd },
      { method: 'POST' },
    );
    expect(pg.Items.DBInstance.map((d) => d.DBInstanceId)).toEqual([
      IDS.pg14,
      IDS.pg15,
      IDS.pg16,
      IDS.pg16Basic,
      IDS.pg16Replica,
      IDS.pgCreating,
    ]);
    expect(
      pg.Items.DBInstance.every((d) => d.Engine === 'PostgreSQL' && d.VpcId === IDS.vpcProd),
    ).toBe(true);
    expect(pg).toMatchObject({ TotalRecordCount: 6, PageRecordCount: 6, PageNumber: 1 });
    const running = await rds.request<Items>('DescribeDBInstances', {
      RegionId: 'cn-hangzhou',
      Engine: 'PostgreSQL',
      DBInstanceStatus: 'Running',
      DBInstanceType: 'Primary',
    });
    expect(running.Items.DBInstance.map((d) => d.EngineVersion)).toEqual([
      '14.0',
      '15.0',
      '16.0',
      '16.0',
      '16.0',
    ]);

    const attr = await rds.request<{
      Items: {
        DBInstanceAttribute: {
          DBInstanceId: string;
          Port: string;
          ConnectionString: string;
          DBInstanceMemory: number;
        }[];
      };
    }>('DescribeDBInstanceAttribute', { DBInstanceId: IDS.pg16 });
    expect(attr.Items.DBInstanceAttribute[0]).toMatchObject({
      DBInstanceId: IDS.pg16,
      Port: '5432',
      ConnectionString: `${IDS.pg16}.pg.rds.aliyuncs.com`,
      DBInstanceMemory: 8192,
    });
    const net = await rds.request<{
      DBInstanceNetInfos: { DBInstanceNetInfo: { IPType: string; Port: string; VPCId: string }[] };
    }>('DescribeDBInstanceNetInfo', { DBInstanceId: IDS.pg14 });
    expect(net.DBInstanceNetInfos.DBInstanceNetInfo[0]).toMatchObject({
      IPType: 'Private',
      Port: '5432',
      VPCId: IDS.vpcProd,
    });
    const missing = await rejectionOf(
      rds.request('DescribeDBInstanceAttribute', { DBInstanceId: 'pgm-bp1doesnotexist0' }),
    );
    expect(missing.code).toBe('InvalidDBInstanceId.NotFound');
    expect(missing.data?.Message).toBe(
      'Specified instance does not exist or not support: pgm-bp1doesnotexist0.',
    );
    expect(missing.entry?.response?.statusCode).toBe(404);
  });

  it('RDS token paging with MaxResults/NextToken over the large account', async () => {
    const rds = rpc(sim.endpoint, '2014-08-15', sim.largeAccount);
    let token: string | undefined;
    const seen: string[] = [];
    do {
      const page: { NextToken?: string; Items: { DBInstance: { DBInstanceId: string }[] } } =
        await rds.request('DescribeDBInstances', {
          RegionId: 'cn-hangzhou',
          MaxResults: 100,
          ...(token ? { NextToken: token } : {}),
        });
      seen.push(...page.Items.DBInstance.map((d) => d.DBInstanceId));
      token = page.NextToken;
    } while (token);
    expect(new Set(seen).size).toBe(LARGE_COUNTS.dbInstances);
  });

  it('R-kvstore DescribeInstances and DescribeInstanceAttribute', async () => {
    const kv = rpc(sim.endpoint, '2015-01-01', me);
    const list = await kv.request<{
      TotalCount: number;
      Instances: {
        KVStoreInstance: {
          InstanceId: string;
          ArchitectureType: string;
          EngineVersion: string;
          Port: number;
        }[];
      };
    }>(
      'DescribeInstances',
      { RegionId: 'cn-hangzhou', VpcId: IDS.vpcProd, InstanceStatus: 'Normal' },
      { method: 'POST' },
    );
    expect(list.Instances.KVStoreInstance.map((k) => k.InstanceId)).toEqual([
      IDS.redis70,
      IDS.redis60,
      IDS.redisCluster,
    ]);
    expect(list.Instances.KVStoreInstance[2]).toMatchObject({
      ArchitectureType: 'cluster',
      Port: 6379,
    });
    const attr = await kv.request<{
      Instances: { DBInstanceAttribute: { InstanceId: string; ConnectionDomain: string }[] };
    }>('DescribeInstanceAttribute', { InstanceId: IDS.redis70 });
    expect(attr.Instances.DBInstanceAttribute[0]?.ConnectionDomain).toBe(
      `${IDS.redis70}.redis.rds.aliyuncs.com`,
    );
    const e = await rejectionOf(
      kv.request('DescribeInstanceAttribute', { InstanceId: 'r-bp1nope' }),
    );
    expect(e.code).toBe('InvalidInstanceId.NotFound');
  });

  it('STS GetCallerIdentity', async () => {
    const body = await rpc(sim.endpoint, '2015-04-01', me).request<Record<string, string>>(
      'GetCallerIdentity',
      {},
      { method: 'POST' },
    );
    expect(body).toMatchObject({
      IdentityType: 'Account',
      AccountId: me.accountId,
      UserId: me.accountId,
      PrincipalId: me.accountId,
      Arn: `acs:ram::${me.accountId}:root`,
    });
  });
});

describe('ROA with pop-core', () => {
  interface Cluster {
    cluster_id: string;
    name: string;
    cluster_type: string;
    profile: string;
    cluster_spec: string;
    state: string;
    vpc_id: string;
    master_url: string;
    size: number;
    current_version: string;
  }
  it('CS DescribeClustersV1 with filters and paging, then DescribeClusterDetail', async () => {
    const cs = roa(sim.endpoint, '2015-12-15', me);
    const all = await cs.get<{
      clusters: Cluster[];
      page_info: { page_number: number; page_size: number; total_count: number };
    }>('/api/v1/clusters', { region_id: 'cn-hangzhou', page_size: 50 });
    expect(all.page_info).toEqual({ page_number: 1, page_size: 50, total_count: 10 });
    const pro = await cs.get<{ clusters: Cluster[] }>('/api/v1/clusters', {
      cluster_type: 'ManagedKubernetes',
      profile: 'Default',
      cluster_spec: 'ack.pro.small',
      region_id: 'cn-hangzhou',
    });
    expect(pro.clusters.map((c) => c.name).sort()).toEqual([
      'dify-ack-limits',
      'dify-ack-locked',
      'dify-ack-pro',
      'dify-ack-pro-failed',
      'dify-ack-single',
      'dify-ack-tiny',
      'staging-ack-pro',
    ]);
    const eligible = pro.clusters.filter((c) => c.state === 'running' && c.vpc_id === IDS.vpcProd);
    expect(eligible.map((c) => c.cluster_id)).toEqual([IDS.ackPro, IDS.ackSingle, IDS.ackTiny, IDS.ackLocked, IDS.ackLimits]);
    expect(IDS.ackPro).toMatch(/^c[0-9a-f]{32}$/);
    const accountWide = await cs.get<{ page_info: { total_count: number } }>(
      '/api/v1/clusters',
      {},
    );
    expect(accountWide.page_info.total_count).toBe(11);

    const detail = await cs.get<Cluster>(`/clusters/${IDS.ackPro}`);
    expect(detail).toMatchObject({
      cluster_id: IDS.ackPro,
      name: 'dify-ack-pro',
      size: 3,
      current_version: '1.32.1-aliyun.1',
    });
    expect(JSON.parse(detail.master_url)).toHaveProperty('intranet_api_server_endpoint');

    const missing = await rejectionOf(cs.get('/clusters/c00000000000000000000000000000000'));
    expect(missing.code).toBe('ErrorClusterNotFound');
    expect(missing.statusCode).toBe(404);
    expect(missing.result).toMatchObject({
      Code: 'ErrorClusterNotFound',
      Message: 'The specified cluster c00000000000000000000000000000000 not found.',
      HostId: 'cs.aliyuncs.com',
    });
  });

  it('Milvus ListInstances and GetInstanceDetail (POST with query parameters)', async () => {
    const mv = roa(sim.endpoint, '2023-10-12', me);
    const list = await mv.post<{
      Success: boolean;
      Total: number;
      Data: {
        InstanceId: string;
        Version: string;
        VpcId: string;
        InstanceStatus: string;
        ClusterInfo: { IntranetUrl: string; ProxyPort: number };
      }[];
    }>('/webapi/order/list', { RegionId: 'cn-hangzhou', PageNumber: 1, PageSize: 20 });
    expect(list).toMatchObject({ Success: true, Total: 3 });
    const main = list.Data.filter((m) => m.VpcId === IDS.vpcProd);
    expect(main.map((m) => m.Version)).toEqual(['2.4', '2.5']);
    expect(main[0]?.ClusterInfo).toMatchObject({
      IntranetUrl: `${IDS.milvus24}-internal.milvus.aliyuncs.com`,
      ProxyPort: 19530,
    });
    const detail = await mv.post<{ Data: { InstanceId: string; Encrypted: unknown } }>(
      '/webapi/cluster/detail',
      { InstanceId: IDS.milvus25 },
    );
    expect(detail.Data.InstanceId).toBe(IDS.milvus25);
    expect(detail.Data.Encrypted).toBe('false');
    const missing = await rejectionOf(mv.post('/webapi/cluster/detail', { InstanceId: 'c-nope' }));
    expect(missing.code).toBe('Instance.NotFound');
    expect(missing.result).toMatchObject({
      Success: false,
      ErrCode: 'Instance.NotFound',
      Message: 'Failed to find instance c-nope',
    });
  });
});

describe('errors', () => {
  it('wrong secret → SignatureDoesNotMatch (RPC and ROA)', async () => {
    const e = await rejectionOf(
      rpc(sim.endpoint, '2016-04-28', {
        accessKeyId: me.accessKeyId,
        accessKeySecret: 'wrong',
      }).request('DescribeVpcs', { RegionId: 'cn-hangzhou' }),
    );
    expect(e.code).toBe('SignatureDoesNotMatch');
    expect(String(e.data?.Message)).toMatch(
      /^Specified signature is not matched with our calculation\. server string to sign is:GET&%2F&AccessKeyId/,
    );
    expect(e.data?.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(e.data?.HostId).toBe('vpc.aliyuncs.com');
    const r = await rejectionOf(
      roa(sim.endpoint, '2015-12-15', {
        accessKeyId: me.accessKeyId,
        accessKeySecret: 'wrong',
      }).get('/api/v1/clusters'),
    );
    expect(r.code).toBe('SignatureDoesNotMatch');
  });

  it('unknown key → InvalidAccessKeyId.NotFound with HTTP 404', async () => {
    const e = await rejectionOf(
      rpc(sim.endpoint, '2016-04-28', {
        accessKeyId: 'SandboxNobody',
        accessKeySecret: 'x',
      }).request('DescribeVpcs', { RegionId: 'cn-hangzhou' }, { method: 'POST' }),
    );
    expect(e.code).toBe('InvalidAccessKeyId.NotFound');
    expect(e.data).toMatchObject({
      Code: 'InvalidAccessKeyId.NotFound',
      Message: 'Specified access key is not found.',
    });
    expect(e.data?.RequestId).toEqual(expect.any(String));
    expect(e.data?.Recommend).toContain('q=InvalidAccessKeyId.NotFound');
    expect(e.entry?.response?.statusCode).toBe(404);
    const r = await rejectionOf(
      roa(sim.endpoint, '2015-12-15', { accessKeyId: 'SandboxNobody', accessKeySecret: 'x' }).get(
        '/api/v1/clusters',
      ),
    );
    expect(r.message).toMatch(/^code: 404, Specified access key is not found\./);
  });

  it('a real but unimplemented action → Sandbox.NotImplemented (501); an unknown one → InvalidAction.NotFound (404)', async () => {
    const vpc = rpc(sim.endpoint, '2016-04-28', me);
    const ni = await rejectionOf(
      vpc.request('CreateVpc', { RegionId: 'cn-hangzhou' }, { method: 'POST' }),
    );
    expect(ni.code).toBe('Sandbox.NotImplemented');
    expect(ni.data?.Message).toBe(
      'The local cloud does not implement Vpc CreateVpc yet. It is a real API action; the sandbox lacks it.',
    );
    expect(ni.entry?.response?.statusCode).toBe(501);
    const nf = await rejectionOf(vpc.request('DescribeUnicorns', { RegionId: 'cn-hangzhou' }));
    expect(nf.code).toBe('InvalidAction.NotFound');
    expect(nf.data?.Message).toBe('Specified api is not found, please check your url and method.');
    expect(nf.entry?.response?.statusCode).toBe(404);
    const roaNi = await rejectionOf(
      roa(sim.endpoint, '2015-12-15', me).get(`/clusters/${IDS.ackPro}/nodepools`),
    );
    expect(roaNi.code).toBe('Sandbox.NotImplemented');
    expect(roaNi.statusCode).toBe(501);
    const roaNf = await rejectionOf(roa(sim.endpoint, '2015-12-15', me).get('/no/such/path'));
    expect(roaNf.code).toBe('InvalidAction.NotFound');
  });

  it('unknown Version → InvalidVersion', async () => {
    const e = await rejectionOf(
      rpc(sim.endpoint, '2099-01-01', me).request('DescribeVpcs', { RegionId: 'cn-hangzhou' }),
    );
    expect(e.code).toBe('InvalidVersion');
    expect(e.data?.Message).toBe('Specified parameter Version is not valid.');
  });

  it('missing RegionId → MissingRegionId; missing DBInstanceId → MissingParameter', async () => {
    const e = await rejectionOf(rpc(sim.endpoint, '2016-04-28', me).request('DescribeVpcs', {}));
    expect(e.code).toBe('MissingRegionId');
    expect(e.data?.Message).toBe('RegionId is mandatory for this action.');
    expect(e.entry?.response?.statusCode).toBe(400);
    const m = await rejectionOf(
      rpc(sim.endpoint, '2014-08-15', me).request('DescribeDBInstanceAttribute', {}),
    );
    expect(m.code).toBe('MissingParameter');
    expect(m.data?.Message).toBe(
      'The input parameter "DBInstanceId" that is mandatory for processing this request is not supplied.',
    );
  });

  it('injected throttling → Throttling.User (400), injected unavailable → ServiceUnavailable (503)', async () => {
    const keys = await sim.createAccount();
    const vpc = rpc(sim.endpoint, '2016-04-28', keys);
    sim.injectFault({ kind: 'throttling', accessKeyId: keys.accessKeyId, action: 'DescribeVpcs' });
    const t = await rejectionOf(vpc.request('DescribeVpcs', { RegionId: 'cn-hangzhou' }));
    expect(t.code).toBe('Throttling.User');
    expect(t.data?.Message).toBe('Request was denied due to user flow control.');
    expect(t.entry?.response?.statusCode).toBe(400);
    sim.injectFault({ kind: 'unavailable', accessKeyId: keys.accessKeyId, times: 2 });
    for (let i = 0; i < 2; i++) {
      const u = await rejectionOf(vpc.request('DescribeVpcs', { RegionId: 'cn-hangzhou' }));
      expect(u.code).toBe('ServiceUnavailable');
      expect(u.entry?.response?.statusCode).toBe(503);
    }
    sim.injectFault({ kind: 'internal', accessKeyId: keys.accessKeyId });
    expect((await rejectionOf(vpc.request('DescribeVpcs', { RegionId: 'cn-hangzhou' }))).code).toBe(
      'InternalError',
    );
    await expect(vpc.request('DescribeVpcs', { RegionId: 'cn-hangzhou' })).resolves.toHaveProperty(
      'TotalCount',
      3,
    );
  });

  it('hang → the client timeout fires; drop → a socket error', async () => {
    const keys = await sim.createAccount();
    const vpc = rpc(sim.endpoint, '2016-04-28', keys, { timeout: 300 });
    sim.injectFault({ kind: 'hang', accessKeyId: keys.accessKeyId });
    const h = await rejectionOf(vpc.request('DescribeVpcs', { RegionId: 'cn-hangzhou' }));
    expect(h.name).toMatch(/Timeout/);
    sim.injectFault({ kind: 'drop', accessKeyId: keys.accessKeyId });
    const d = await rejectionOf(vpc.request('DescribeVpcs', { RegionId: 'cn-hangzhou' }));
    expect(d.code ?? d.message).toMatch(/ECONNRESET|socket hang up/);
    const recorded = sim.requests({ accessKeyId: keys.accessKeyId });
    expect(recorded.map((r) => r.code)).toEqual(['Sandbox.Hang', 'Sandbox.Drop']);
  });
});
