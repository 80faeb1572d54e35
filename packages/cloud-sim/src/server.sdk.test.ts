import * as $OpenApi from '@alicloud/openapi-core';
import CsModule, * as $Cs from '@alicloud/cs20151215';
import KvModule, * as $Kv from '@alicloud/r-kvstore20150101';
import RdsModule, * as $Rds from '@alicloud/rds20140815';
import VpcModule, * as $Vpc from '@alicloud/vpc20160428';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS } from './fixtures/default';
import { startCloudSim, type CloudSim, type SimAccountKeys } from './index';

// The official per-product SDKs sign with ACS3-HMAC-SHA256 (V3) for RPC and ROA alike.
// These packages are CommonJS with `exports.default = Client`: under Node's ESM loader the
// default import is `module.exports`, so the class is on `.default` there.
function clientClass<T>(mod: T): T {
  const inner = (mod as { default?: T }).default;
  return typeof inner === 'function' ? inner : mod;
}
const VpcClient = clientClass(VpcModule);
const RdsClient = clientClass(RdsModule);
const KvClient = clientClass(KvModule);
const CsClient = clientClass(CsModule);

let sim: CloudSim;
let me: SimAccountKeys;
let config: () => $OpenApi.$OpenApiUtil.Config;

beforeAll(async () => {
  sim = await startCloudSim();
  me = await sim.createAccount('default');
  // openapi-core builds `${protocol}://${endpoint}${pathname}`: endpoint is host:port.
  config = () =>
    new $OpenApi.$OpenApiUtil.Config({
      accessKeyId: me.accessKeyId,
      accessKeySecret: me.accessKeySecret,
      endpoint: `127.0.0.1:${sim.port}`,
      protocol: 'http',
      regionId: 'cn-hangzhou',
    });
});
afterAll(async () => {
  await sim.close();
});

describe('official SDKs (V3 signatures)', () => {
  it('@alicloud/vpc20160428 DescribeVpcs', async () => {
    const client = new VpcClient(config());
    const res = await client.describeVpcs(
      new $Vpc.DescribeVpcsRequest({ regionId: 'cn-hangzhou', pageSize: 50, vpcName: 'dify-prod' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.body?.totalCount).toBe(1);
    expect(res.body?.vpcs?.vpc?.[0]?.vpcId).toBe(IDS.vpcProd);
    expect(res.body?.vpcs?.vpc?.[0]?.cidrBlock).toBe('172.16.0.0/12');
    expect(res.body?.vpcs?.vpc?.[0]?.vSwitchIds?.vSwitchId).toHaveLength(4);
  });

  it('@alicloud/rds20140815 DescribeDBInstances', async () => {
    const client = new RdsClient(config());
    const res = await client.describeDBInstances(
      new $Rds.DescribeDBInstancesRequest({
        regionId: 'cn-hangzhou',
        engine: 'PostgreSQL',
        vpcId: IDS.vpcStaging,
      }),
    );
    expect(res.body?.totalRecordCount).toBe(1);
    expect(res.body?.items?.DBInstance?.[0]?.DBInstanceId).toBe(IDS.pgStaging);
    expect(res.body?.items?.DBInstance?.[0]?.engineVersion).toBe('16.0');
  });

  it('@alicloud/r-kvstore20150101 DescribeInstances', async () => {
    const client = new KvClient(config());
    const res = await client.describeInstances(
      new $Kv.DescribeInstancesRequest({ regionId: 'cn-hangzhou', architectureType: 'cluster' }),
    );
    expect(res.body?.totalCount).toBe(1);
    expect(res.body?.instances?.KVStoreInstance?.[0]?.instanceId).toBe(IDS.redisCluster);
    expect(res.body?.instances?.KVStoreInstance?.[0]?.engineVersion).toBe('7.0');
  });

  it('@alicloud/cs20151215 DescribeClustersV1 and a not-found detail', async () => {
    const client = new CsClient(config());
    const res = await client.describeClustersV1(
      new $Cs.DescribeClustersV1Request({
        regionId: 'cn-hangzhou',
        clusterType: 'ManagedKubernetes',
        profile: 'Serverless',
      }),
    );
    expect(res.body?.pageInfo?.totalCount).toBe(1);
    expect(res.body?.clusters?.[0]?.clusterId).toBe(IDS.ackServerless);
    expect(res.body?.clusters?.[0]?.vpcId).toBe(IDS.vpcProd);
    await expect(client.describeClusterDetail('c-missing')).rejects.toMatchObject({
      code: 'ErrorClusterNotFound',
      statusCode: 404,
    });
  });

  it('a wrong secret is SignatureDoesNotMatch for V3 too', async () => {
    const c = config();
    c.accessKeySecret = 'wrong';
    const client = new VpcClient(c);
    await expect(
      client.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: 'cn-hangzhou' })),
    ).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });
});
