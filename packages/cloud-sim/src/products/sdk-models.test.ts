import * as $Kv from '@alicloud/r-kvstore20150101';
import * as $Rds from '@alicloud/rds20140815';
import * as $Sts from '@alicloud/sts20150401';
import * as $Vpc from '@alicloud/vpc20160428';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS } from '../fixtures/default';
import { startCloudSim, type CloudSim, type SimAccountKeys } from '../index';
import { outsideModel } from '../sdk-model';
import { rejectionOf, rpc } from '../test-clients';

// Every field of these answers is one the official SDK models (name and JSON type): a field the
// real API does not have, or a string the real API gives as a number, fails here.

let sim: CloudSim;
let me: SimAccountKeys;

beforeAll(async () => {
  sim = await startCloudSim();
  me = await sim.createAccount('default');
});
afterAll(async () => {
  await sim.close();
});

const call = (version: string, action: string, params: Record<string, unknown>) =>
  rpc(sim.endpoint, version, me).request<unknown>(action, params, { method: 'POST' });

describe('answers carry only what the official SDK models', () => {
  const RDS = '2014-08-15';
  const cases: [string, string, string, Record<string, unknown>, unknown][] = [
    [
      'rds',
      RDS,
      'DescribeDBInstances',
      { RegionId: 'cn-hangzhou' },
      $Rds.DescribeDBInstancesResponseBody,
    ],
    [
      'rds',
      RDS,
      'DescribeDBInstanceAttribute',
      { DBInstanceId: IDS.pg16 },
      $Rds.DescribeDBInstanceAttributeResponseBody,
    ],
    [
      'rds',
      RDS,
      'DescribeDatabases',
      { DBInstanceId: IDS.pg16 },
      $Rds.DescribeDatabasesResponseBody,
    ],
    ['rds', RDS, 'DescribeAccounts', { DBInstanceId: IDS.pg16 }, $Rds.DescribeAccountsResponseBody],
    [
      'rds',
      RDS,
      'DescribeDBInstanceIPArrayList',
      { DBInstanceId: IDS.pg16 },
      $Rds.DescribeDBInstanceIPArrayListResponseBody,
    ],
    [
      'rds',
      RDS,
      'DescribeDBInstanceNetInfo',
      { DBInstanceId: IDS.pg16 },
      $Rds.DescribeDBInstanceNetInfoResponseBody,
    ],
    [
      'r-kvstore',
      '2015-01-01',
      'DescribeInstances',
      { RegionId: 'cn-hangzhou' },
      $Kv.DescribeInstancesResponseBody,
    ],
    [
      'r-kvstore',
      '2015-01-01',
      'DescribeInstanceAttribute',
      { InstanceId: IDS.redis70 },
      $Kv.DescribeInstanceAttributeResponseBody,
    ],
    [
      'r-kvstore',
      '2015-01-01',
      'DescribeSecurityIps',
      { InstanceId: IDS.redis70 },
      $Kv.DescribeSecurityIpsResponseBody,
    ],
    [
      'vpc',
      '2016-04-28',
      'DescribeVpcs',
      { RegionId: 'cn-hangzhou' },
      $Vpc.DescribeVpcsResponseBody,
    ],
    [
      'vpc',
      '2016-04-28',
      'DescribeVpcAttribute',
      { RegionId: 'cn-hangzhou', VpcId: IDS.vpcProd },
      $Vpc.DescribeVpcAttributeResponseBody,
    ],
    [
      'vpc',
      '2016-04-28',
      'DescribeVSwitches',
      { RegionId: 'cn-hangzhou', VpcId: IDS.vpcProd },
      $Vpc.DescribeVSwitchesResponseBody,
    ],
    ['sts', '2015-04-01', 'GetCallerIdentity', {}, $Sts.GetCallerIdentityResponseBody],
  ];
  it.each(cases)('%s %s %s', async (_product, version, action, params, model) => {
    expect(outsideModel(await call(version, action, params), model)).toEqual([]);
  });
});

describe('optional request parameters as the SDK models have them', () => {
  it('R-kvstore DescribeInstances without RegionId lists every region; with Tag it needs one', async () => {
    const all = (await call('2015-01-01', 'DescribeInstances', {})) as { TotalCount: number };
    const hz = (await call('2015-01-01', 'DescribeInstances', { RegionId: 'cn-hangzhou' })) as {
      TotalCount: number;
    };
    const sh = (await call('2015-01-01', 'DescribeInstances', { RegionId: 'cn-shanghai' })) as {
      TotalCount: number;
    };
    expect(sh.TotalCount).toBeGreaterThan(0);
    expect(all.TotalCount).toBe(hz.TotalCount + sh.TotalCount);
    const tagged = await rejectionOf(
      call('2015-01-01', 'DescribeInstances', { 'Tag.1.Key': 'team', 'Tag.1.Value': 'dify' }),
    );
    expect(tagged.code).toBe('MissingParameter');
  });
});
