import type { ActionHandler } from '../types';
import { apiRegion, checkService } from './model';
import {
  deployMetadata,
  PUBLISH_TIME,
  SERVICE_INFO,
  SERVICE_VERSION,
  SERVICE_VERSION_NAME,
  SUPPLIER,
  TEMPLATES,
} from './service';

/** GetService: the Dify service, its templates in DeployMetadata (a JSON string). */
export const getService: ActionHandler = ({ params }) => {
  apiRegion(params, false);
  const serviceId = checkService(params);
  return {
    ServiceId: serviceId,
    Version: SERVICE_VERSION,
    VersionName: SERVICE_VERSION_NAME,
    Status: 'Online',
    DeployType: 'ros',
    ServiceType: 'private',
    DeployMetadata: JSON.stringify(deployMetadata()),
    ServiceInfos: [SERVICE_INFO],
    ServiceDocumentInfos: TEMPLATES.map((t) => ({
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
    PublishTime: PUBLISH_TIME,
    Tags: [],
    PolicyNames: '',
    IsSupportOperated: false,
    Duration: 0,
    Statistic: {},
    Commodity: {},
  };
};
