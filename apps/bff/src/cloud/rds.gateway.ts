import { z } from 'zod';
import type { CloudTransport } from './pop-client';
import { maybeText, parseWire, textsFilled } from './wire';

const emptyString = z.string().nullish().transform((v) => v ?? '');

// Listed records keep only the fields the console reads (z.object drops the rest, and parses a
// 100-record page several times faster than a loose object: a listing parses its pages at once).
const DBInstanceShape = {
  DBInstanceId: z.string(),
  DBInstanceDescription: maybeText,
  Engine: z.string(),
  EngineVersion: maybeText,
  DBInstanceStatus: z.string(),
  DBInstanceType: maybeText,
  DBInstanceClass: maybeText,
  InstanceNetworkType: maybeText,
  ConnectionString: maybeText,
  VpcId: maybeText,
  VSwitchId: maybeText,
  ZoneId: maybeText,
  RegionId: maybeText,
};
export const DBInstanceWire = z.object(DBInstanceShape);
const dbInstances = textsFilled(DBInstanceShape);
const DescribeDBInstancesWire = z.looseObject({
  RequestId: z.string().optional(),
  TotalRecordCount: z.number(),
  PageNumber: z.number().optional(),
  PageRecordCount: z.number().optional(),
  Items: z.looseObject({ DBInstance: z.array(DBInstanceWire) }),
});

const DBInstanceAttributeShape = {
  ...DBInstanceShape,
  Port: z.union([z.string(), z.number()]).transform(String).optional(),
  DBInstanceStorage: z.number().optional(),
  DBInstanceMemory: z.number().optional(),
};
const DescribeDBInstanceAttributeWire = z.looseObject({
  Items: z.looseObject({ DBInstanceAttribute: z.array(z.object(DBInstanceAttributeShape)) }),
});
const dbInstanceAttributes = textsFilled(DBInstanceAttributeShape);

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

// Pre-flight reads and the whitelist fix.
const DescribeAccountsWire = z.looseObject({
  TotalRecordCount: z.number().optional(),
  Accounts: z.looseObject({
    DBInstanceAccount: z.array(
      z.looseObject({ AccountName: z.string(), AccountType: emptyString, AccountStatus: emptyString, CreateDB: z.string().nullish() }),
    ),
  }),
});
const DescribeDatabasesWire = z.looseObject({
  Databases: z.looseObject({ Database: z.array(z.looseObject({ DBName: z.string(), DBStatus: emptyString })) }),
});
const DescribeDBInstanceIPArrayListWire = z.looseObject({
  Items: z.looseObject({
    DBInstanceIPArray: z.array(
      z.looseObject({
        DBInstanceIPArrayName: z.string(),
        DBInstanceIPArrayAttribute: emptyString,
        SecurityIPList: emptyString,
        SecurityIPType: emptyString,
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
    return { items: dbInstances(body.Items.DBInstance), totalCount: body.TotalRecordCount };
  }

  async describeDBInstanceAttribute(regionId: string, dbInstanceId: string) {
    const raw = await this.transport.rpc('rds', regionId, 'DescribeDBInstanceAttribute', { DBInstanceId: dbInstanceId });
    return dbInstanceAttributes(parseWire(DescribeDBInstanceAttributeWire, raw, 'DescribeDBInstanceAttribute').Items.DBInstanceAttribute)[0] ?? null;
  }

  async describeDBInstanceNetInfo(regionId: string, dbInstanceId: string) {
    const raw = await this.transport.rpc('rds', regionId, 'DescribeDBInstanceNetInfo', { DBInstanceId: dbInstanceId });
    return parseWire(DescribeDBInstanceNetInfoWire, raw, 'DescribeDBInstanceNetInfo').DBInstanceNetInfos.DBInstanceNetInfo;
  }

  /** DescribeAccounts: every account of the instance (never a password). */
  async describeAccounts(regionId: string, dbInstanceId: string) {
    const raw = await this.transport.rpc('rds', regionId, 'DescribeAccounts', { DBInstanceId: dbInstanceId, PageSize: 200 });
    return parseWire(DescribeAccountsWire, raw, 'DescribeAccounts').Accounts.DBInstanceAccount;
  }

  /** DescribeDatabases: the instance's databases (first 100; PostgreSQL gives no total). */
  async describeDatabases(regionId: string, dbInstanceId: string) {
    const raw = await this.transport.rpc('rds', regionId, 'DescribeDatabases', { DBInstanceId: dbInstanceId, PageSize: 100 });
    return parseWire(DescribeDatabasesWire, raw, 'DescribeDatabases').Databases.Database;
  }

  /** DescribeDBInstanceIPArrayList: the whitelist groups. */
  async describeDBInstanceIPArrayList(regionId: string, dbInstanceId: string) {
    const raw = await this.transport.rpc('rds', regionId, 'DescribeDBInstanceIPArrayList', { DBInstanceId: dbInstanceId });
    return parseWire(DescribeDBInstanceIPArrayListWire, raw, 'DescribeDBInstanceIPArrayList').Items.DBInstanceIPArray;
  }

  /** ModifySecurityIps with ModifyMode Append into one named group (created when missing); no other group changes. */
  async appendSecurityIps(regionId: string, dbInstanceId: string, groupName: string, ips: string[]) {
    await this.transport.rpc('rds', regionId, 'ModifySecurityIps', {
      DBInstanceId: dbInstanceId,
      DBInstanceIPArrayName: groupName,
      ModifyMode: 'Append',
      SecurityIps: ips.join(','),
    });
  }
}
