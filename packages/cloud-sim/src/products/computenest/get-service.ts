import type { ActionHandler } from '../types';
import { apiRegion, checkService, resolveVersion } from './model';
import { deployMetadata, SERVICE_INFO, SUPPLIER } from './service';

/**
 * GetService: the Dify service in the version asked for (the default one without ServiceVersion),
 * its templates in DeployMetadata (a JSON string): names, template URLs, allowed regions.
 */
export const getService: ActionHandler = ({ params, endpoint }) => {
  apiRegion(params, false);
  const serviceId = checkService(params);
  const version = resolveVersion(params);
  return {
    ServiceId: serviceId,
    Version: version.Version,
    VersionName: version.VersionName,
    DefaultVersion: version.DefaultVersion,
    Status: 'Online',
    DeployType: 'ros',
    ServiceType: 'private',
    DeployMetadata: JSON.stringify(deployMetadata(endpoint, version)),
    ServiceInfos: [SERVICE_INFO],
    ServiceDocumentInfos: version.Templates.map((t) => ({
      Locale: 'zh-CN',
      TemplateName: t.Name,
      DocumentUrl:
        'https://aliyun-computenest.github.io/quickstart-dify/index-ack-exist-resources/',
    })),
    TrialType: 'NotTrial',
    Permission: 'Deployable',
    ShareType: 'Public',
    TenantType: 'SingleTenant',
    SupplierName: SUPPLIER.name,
    SupplierUrl: SUPPLIER.url,
    PublishTime: version.PublishTime,
    Tags: [],
    PolicyNames: '',
    IsSupportOperated: false,
    Duration: 0,
    Statistic: {},
    Commodity: {},
  };
};
