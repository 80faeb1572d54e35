import { z } from 'zod';
import type { CloudTransport } from './pop-client';
import { parseWire } from './wire';

const emptyString = z.string().nullish().transform((v) => v ?? '');

export const DBInstanceWire = z.looseObject({
  DBInstanceId: z.string(),
  DBInstanceDescription: emptyString,
  Engine: z.string(),
  EngineVersion: emptyString,
  DBInstanceStatus: z.string(),
  DBInstanceType: emptyString,
  DBInstanceClass: emptyString,
  InstanceNetworkType: emptyString,
  ConnectionString: emptyString,
  VpcId: emptyString,
  VSwitchId: emptyString,
  ZoneId: emptyString,
  RegionId: emptyString,
});
const DescribeDBInstancesWire = z.looseObject({
  RequestId: z.string().optional(),
  TotalRecordCount: z.number(),
  PageNumber: z.number().optional(),
  PageRecordCount: z.number().optional(),
  Items: z.looseObject({ DBInstance: z.array(DBInstanceWire) }),
});

const DescribeDBInstanceAttributeWire = z.looseObject({
  Items: z.looseObject({
    DBInstanceAttribute: z.array(
      DBInstanceWire.extend({
        Port: z.union([z.string(), z.number()]).transform(String).optional(),
        DBInstanceStorage: z.number().optional(),
        DBInstanceMemory: z.number().optional(),
      }),
    ),
  }),
});

const DescribeDBInstanceNetInfoWire = z.looseObject({
  InstanceNetworkType: z.string().optional(),
  DBInstanceNetInfos: z.looseObject({
    DBInstanceNetInfo: z.array(
      z.looseObject({
        ConnectionString: z.string(),
        IPAddress: emptyString,
        IPType: z.string(),
        Port: z.union([z.string(), z.number()]).transform(String),
        VPCId: emptyString,
        VSwitchId: emptyString,
      }),
    ),
  }),
});

/** RDS allows 1-100 per page. */
export const RDS_PAGE_SIZE = 100;

export class RdsGateway {
  constructor(private readonly transport: CloudTransport) {}

  async describeDBInstances(regionId: string, pageNumber: number, pageSize = RDS_PAGE_SIZE) {
    const raw = await this.transport.rpc('rds', regionId, 'DescribeDBInstances', {
      RegionId: regionId,
      PageNumber: pageNumber,
      PageSize: pageSize,
    });
    const body = parseWire(DescribeDBInstancesWire, raw, 'DescribeDBInstances');
    return { items: body.Items.DBInstance, totalCount: body.TotalRecordCount };
  }

  async describeDBInstanceAttribute(regionId: string, dbInstanceId: string) {
    const raw = await this.transport.rpc('rds', regionId, 'DescribeDBInstanceAttribute', { DBInstanceId: dbInstanceId });
    return parseWire(DescribeDBInstanceAttributeWire, raw, 'DescribeDBInstanceAttribute').Items.DBInstanceAttribute[0] ?? null;
  }

  async describeDBInstanceNetInfo(regionId: string, dbInstanceId: string) {
    const raw = await this.transport.rpc('rds', regionId, 'DescribeDBInstanceNetInfo', { DBInstanceId: dbInstanceId });
    return parseWire(DescribeDBInstanceNetInfoWire, raw, 'DescribeDBInstanceNetInfo').DBInstanceNetInfos.DBInstanceNetInfo;
  }
}
