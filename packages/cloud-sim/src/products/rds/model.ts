import { SimError } from '../../protocol/errors';
import { storeKey, type AccountState } from '../../state/registry';

export interface DbAccount {
  AccountName: string;
  AccountType: 'Super' | 'Normal';
  AccountStatus: 'Available' | 'Unavailable';
  AccountDescription: string;
  /** Kept so later features (pre-flight login checks) can compare what the user typed. */
  Password: string;
  Privileges: {
    DBName: string;
    AccountPrivilege: 'ReadWrite' | 'ReadOnly' | 'DDLOnly' | 'DMLOnly' | 'Custom';
  }[];
}

export interface DbDatabase {
  DBName: string;
  DBStatus: 'Creating' | 'Running' | 'Deleting';
  DBDescription: string;
  CharacterSetName: string;
  Owner: string;
}

export interface WhitelistGroup {
  name: string;
  attribute: '' | 'hidden';
  /** Comma-separated IPs / CIDRs. */
  ips: string;
  /** `SecurityIPType` of the group's entries; absent means IPv4. */
  ipType?: 'IPv6';
}

export interface DbInstanceRecord {
  DBInstanceId: string;
  DBInstanceDescription: string;
  RegionId: string;
  ZoneId: string;
  Engine: 'PostgreSQL' | 'MySQL' | 'SQLServer' | 'MariaDB';
  EngineVersion: string;
  CurrentKernelVersion: string;
  DBInstanceStatus: string;
  DBInstanceType: 'Primary' | 'Readonly' | 'Guard' | 'Temp';
  DBInstanceClass: string;
  DBInstanceCPU: string;
  /** MB */
  DBInstanceMemory: number;
  /** GB */
  DBInstanceStorage: number;
  DBInstanceStorageType: string;
  Category: 'Basic' | 'HighAvailability' | 'AlwaysOn' | 'Finance' | 'cluster' | 'serverless_basic';
  PayType: 'Postpaid' | 'Prepaid';
  VpcId: string;
  VSwitchId: string;
  ConnectionString: string;
  IPAddress: string;
  Port: string;
  MaxConnections: number;
  CreateTime: string;
  ExpireTime: string;
  ResourceGroupId: string;
  MasterInstanceId: string;
  ReadOnlyDBInstanceIds: string[];
  LockMode: string;
  DeletionProtection: boolean;
  Accounts: DbAccount[];
  Databases: DbDatabase[];
  WhitelistGroups: WhitelistGroup[];
}

export interface RdsStore {
  instances: Map<string, DbInstanceRecord>;
}

export const RDS_STORE = storeKey<RdsStore>('rds', () => ({ instances: new Map() }));

export function findDbInstance(
  account: AccountState,
  id: string,
  regionId?: string,
): DbInstanceRecord {
  const stores =
    regionId !== undefined
      ? [account.store(regionId, RDS_STORE)]
      : account.stores(RDS_STORE).map(([, s]) => s);
  for (const s of stores) {
    const found = s.instances.get(id);
    if (found) return found;
  }
  // Code used by Alibaba's Terraform provider; 404 per the RDS error table for the similar code.
  throw new SimError(
    'InvalidDBInstanceId.NotFound',
    404,
    `Specified instance does not exist or not support: ${id}.`,
  );
}
