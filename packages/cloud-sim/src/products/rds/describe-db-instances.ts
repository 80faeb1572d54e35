import { Errors } from '../../protocol/errors';
import { decodeToken, paginate, tokenPage } from '../paging';
import type { ActionHandler } from '../types';
import { RDS_STORE, type DbInstanceRecord } from './model';

export function renderDbInstance(d: DbInstanceRecord): Record<string, unknown> {
  return {
    DBInstanceId: d.DBInstanceId,
    DBInstanceDescription: d.DBInstanceDescription,
    Engine: d.Engine,
    EngineVersion: d.EngineVersion,
    DBInstanceStatus: d.DBInstanceStatus,
    DBInstanceType: d.DBInstanceType,
    DBInstanceClass: d.DBInstanceClass,
    DBInstanceStorageType: d.DBInstanceStorageType,
    DBInstanceNetType: 'Intranet',
    InstanceNetworkType: 'VPC',
    ConnectionMode: 'Standard',
    ConnectionString: d.ConnectionString,
    VpcId: d.VpcId,
    VSwitchId: d.VSwitchId,
    VpcCloudInstanceId: `${d.DBInstanceId}-vpc`,
    ZoneId: d.ZoneId,
    RegionId: d.RegionId,
    PayType: d.PayType,
    LockMode: d.LockMode,
    LockReason: '',
    ExpireTime: d.ExpireTime,
    CreateTime: d.CreateTime,
    Category: d.Category,
    ResourceGroupId: d.ResourceGroupId,
    MasterInstanceId: d.MasterInstanceId,
    GuardDBInstanceId: '',
    TempDBInstanceId: '',
    ReadOnlyDBInstanceIds: {
      ReadOnlyDBInstanceId: d.ReadOnlyDBInstanceIds.map((id) => ({ DBInstanceId: id })),
    },
    DeletionProtection: d.DeletionProtection,
    MutriORsignle: false,
    Tips: '',
    TipsLevel: 0,
  };
}

/** DescribeDBInstances: `Items.DBInstance[]`, TotalRecordCount/PageRecordCount, PageSize 1–100 default 30, or MaxResults/NextToken. */
export const describeDbInstances: ActionHandler = ({ account, params }) => {
  const regionId = params.required('RegionId');
  const f = {
    engine: params.get('Engine'),
    vpcId: params.get('VpcId'),
    vswitchId: params.get('VSwitchId'),
    zoneId: params.get('ZoneId'),
    ids: params.list('DBInstanceId', 30),
    status: params.get('DBInstanceStatus'),
    type: params.get('DBInstanceType'),
    engineVersion: params.get('EngineVersion'),
    cls: params.get('DBInstanceClass'),
    payType: params.get('PayType'),
    category: params.get('Category'),
    rg: params.get('ResourceGroupId'),
    search: params.get('SearchKey'),
    network: params.get('InstanceNetworkType'),
  };
  const all = [...account.store(regionId, RDS_STORE).instances.values()].filter(
    (d) =>
      (f.engine === undefined || d.Engine.toLowerCase() === f.engine.toLowerCase()) &&
      (f.vpcId === undefined || d.VpcId === f.vpcId) &&
      (f.vswitchId === undefined || d.VSwitchId === f.vswitchId) &&
      (f.zoneId === undefined || d.ZoneId === f.zoneId) &&
      (f.ids === undefined || f.ids.includes(d.DBInstanceId)) &&
      (f.status === undefined || d.DBInstanceStatus === f.status) &&
      (f.type === undefined || d.DBInstanceType === f.type) &&
      (f.engineVersion === undefined || d.EngineVersion === f.engineVersion) &&
      (f.cls === undefined || d.DBInstanceClass === f.cls) &&
      (f.payType === undefined || d.PayType === f.payType) &&
      (f.category === undefined || d.Category === f.category) &&
      (f.rg === undefined || d.ResourceGroupId === f.rg) &&
      (f.network === undefined || f.network === 'VPC') &&
      (f.search === undefined ||
        d.DBInstanceId.includes(f.search) ||
        d.DBInstanceDescription.includes(f.search)),
  );

  const maxResults = params.get('MaxResults');
  const nextToken = params.get('NextToken');
  if (maxResults !== undefined || nextToken !== undefined) {
    // Token paging: PageNumber/PageSize are ignored.
    const max = params.int('MaxResults', { default: 30, min: 1, max: 100 });
    const offset = nextToken === undefined ? 0 : decodeToken(nextToken);
    if (offset === undefined) throw Errors.invalidParameter('NextToken');
    const page = tokenPage(all, offset, max);
    return {
      Items: { DBInstance: page.items.map(renderDbInstance) },
      TotalRecordCount: all.length,
      PageRecordCount: page.items.length,
      PageNumber: Math.floor(offset / max) + 1,
      ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
    };
  }
  const pageNumber = params.int('PageNumber', { default: 1, min: 1 });
  const pageSize = params.int('PageSize', { default: 30, min: 1, max: 100 });
  const page = paginate(all, pageNumber, pageSize);
  return {
    Items: { DBInstance: page.items.map(renderDbInstance) },
    TotalRecordCount: page.total,
    PageRecordCount: page.items.length,
    PageNumber: pageNumber,
  };
};
