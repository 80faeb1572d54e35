import { currentProgress } from './deploy';
import { cnTime, type ServiceInstanceRecord } from './model';
import {
  deployMetadata,
  DIFY_SERVICE_ID,
  findTemplate,
  PUBLISH_TIME,
  SERVICE_INFO,
  SERVICE_VERSION,
  SERVICE_VERSION_NAME,
  SUPPLIER,
} from './service';
import { maskParameters } from './validate';

/** The `Service` object nested in instance answers. */
export function renderServiceSummary(): Record<string, unknown> {
  return {
    ServiceId: DIFY_SERVICE_ID,
    Version: SERVICE_VERSION,
    VersionName: SERVICE_VERSION_NAME,
    DeployType: 'ros',
    ServiceType: 'private',
    Status: 'Online',
    DeployMetadata: JSON.stringify(deployMetadata()),
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
    PublishTime: PUBLISH_TIME,
    UpgradableServiceVersions: [],
    ServiceDocInfos: [],
  };
}

/** A service instance as GetServiceInstance / ListServiceInstances show it. */
export function renderInstance(
  si: ServiceInstanceRecord,
  now: number,
  accountId: string,
): Record<string, unknown> {
  const template = findTemplate(si.TemplateName);
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
    Service: renderServiceSummary(),
  };
}
