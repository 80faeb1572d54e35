import { currentProgress } from './deploy';
import { cnTime, templateOfInstance, type ServiceInstanceRecord } from './model';
import {
  deployMetadata,
  DIFY_SERVICE_ID,
  findServiceVersion,
  SERVICE_INFO,
  SUPPLIER,
} from './service';
import { maskParameters } from './validate';

/** The `Service` object nested in instance answers: the service in the version ordered. */
export function renderServiceSummary(endpoint: string, versionId: string): Record<string, unknown> {
  const version = findServiceVersion(versionId) ?? findServiceVersion()!;
  return {
    ServiceId: DIFY_SERVICE_ID,
    Version: version.Version,
    VersionName: version.VersionName,
    DeployType: 'ros',
    ServiceType: 'private',
    Status: 'Online',
    DeployMetadata: JSON.stringify(deployMetadata(endpoint, version)),
    ServiceInfos: [
      {
        Locale: SERVICE_INFO.Locale,
        Name: SERVICE_INFO.Name,
        ShortDescription: SERVICE_INFO.ShortDescription,
        Image: SERVICE_INFO.Image,
      },
    ],
    SupplierName: SUPPLIER.name,
    SupplierUrl: SUPPLIER.url,
    PublishTime: version.PublishTime,
    UpgradableServiceVersions: [],
    ServiceDocInfos: [],
  };
}

/** The fields of a ListServiceInstances item (the SDK model's): the rest only GetServiceInstance gives. */
const LIST_ITEM_FIELDS: ReadonlySet<string> = new Set([
  'BizStatus',
  'CreateTime',
  'EnableInstanceOps',
  'EndTime',
  'GrantedPermission',
  'MarketInstanceId',
  'Name',
  'OperatedServiceInstanceId',
  'OperationEndTime',
  'OperationStartTime',
  'OrderId',
  'Outputs',
  'Parameters',
  'PayType',
  'PolicyNames',
  'Progress',
  'ResourceGroupId',
  'Resources',
  'Service',
  'ServiceInstanceId',
  'ServiceType',
  'Source',
  'Status',
  'StatusDetail',
  'SupportTrialToPrivate',
  'Tags',
  'TemplateName',
  'UpdateTime',
]);
const LIST_SERVICE_FIELDS: ReadonlySet<string> = new Set([
  'Commodity',
  'DeployType',
  'PublishTime',
  'ServiceId',
  'ServiceInfos',
  'ServiceType',
  'Status',
  'SupplierName',
  'SupplierUrl',
  'Version',
  'VersionName',
]);
const pick = (o: Record<string, unknown>, keep: ReadonlySet<string>) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => keep.has(k)));

/** A service instance as ListServiceInstances shows it: fewer fields than GetServiceInstance. */
export function renderListItem(
  si: ServiceInstanceRecord,
  now: number,
  accountId: string,
  endpoint: string,
): Record<string, unknown> {
  const full = renderInstance(si, now, accountId, endpoint);
  return {
    ...pick(full, LIST_ITEM_FIELDS),
    Service: pick(full.Service as Record<string, unknown>, LIST_SERVICE_FIELDS),
  };
}

/** A service instance as GetServiceInstance shows it. */
export function renderInstance(
  si: ServiceInstanceRecord,
  now: number,
  accountId: string,
  endpoint: string,
): Record<string, unknown> {
  const template = templateOfInstance(si);
  const params = template ? maskParameters(template, si.Parameters) : {};
  return {
    ServiceInstanceId: si.ServiceInstanceId,
    Name: si.Name,
    Status: si.Status,
    Progress: currentProgress(si, now),
    StatusDetail: si.StatusDetail,
    TemplateName: si.TemplateName,
    Parameters: JSON.stringify(params),
    Outputs: JSON.stringify(si.Outputs),
    Resources: JSON.stringify([{ StackId: si.StackId, RegionId: si.DeployRegionId }]),
    CreateTime: cnTime(si.createdAt),
    UpdateTime: cnTime(si.updatedAt),
    EndTime: '',
    LicenseEndTime: '',
    // The community edition is free: Permanent (resources bought by the stack are billed apart).
    PayType: 'Permanent',
    BizStatus: 'Normal',
    Source: 'User',
    ServiceType: 'private',
    ResourceGroupId: si.ResourceGroupId,
    Tags: si.Tags,
    UserId: Number(accountId),
    SupplierUid: SUPPLIER.uid,
    EnableInstanceOps: false,
    EnableUserPrometheus: false,
    IsOperated: false,
    GrafanaDashBoardUrl: '',
    MarketInstanceId: '',
    OrderId: '',
    PredefinedParameterName: '',
    Components: '',
    NetworkConfig: { EndpointId: '', PrivateVpcConnections: [], ReversePrivateVpcConnections: [] },
    Service: renderServiceSummary(endpoint, si.ServiceVersion),
  };
}
