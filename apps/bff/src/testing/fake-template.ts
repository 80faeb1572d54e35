import type { TemplatePorts, TemplateSummaryRecord } from '../ports/template';
import { TemplateService } from '../services/template/template.service';

/**
 * An in-memory service template for unit tests: GetService answers one version whose template
 * is the given ROS declarations (test data: the names are the test's, never the console's).
 */
export const TEST_TEMPLATE: Record<string, Record<string, unknown>> = {
  RegionId: { Type: 'String', AssociationProperty: 'ALIYUN::ECS::RegionId' },
  NetworkId: { Type: 'String', AssociationProperty: 'ALIYUN::ECS::VPC::VPCId', Label: { 'zh-cn': '专有网络', en: 'VPC' } },
  K8s: { Type: 'String', AssociationProperty: 'ALIYUN::CS::Cluster::ClusterId', AllowedPattern: '[0-9a-z]+' },
  Database: { Type: 'String', AssociationProperty: 'ALIYUN::RDS::Instance::InstanceId' },
  PgUser: { Type: 'String', Default: 'postgres', AllowedPattern: '[A-Za-z0-9_]+', MinLength: 2, MaxLength: 16 },
  PgPassword: { Type: 'String', NoEcho: true, MinLength: 8, MaxLength: 30 },
  Cache: { Type: 'String', AssociationProperty: 'ALIYUN::Redis::Instance::InstanceId' },
  RedisPwd: { Type: 'String', NoEcho: true },
  MilvusAddress: { Type: 'String' },
  MilvusUser: { Type: 'String', Default: 'root' },
  MilvusPassword: { Type: 'String', NoEcho: true },
  EnableHA: { Type: 'Boolean', Default: true },
};

export class FakeTemplatePorts implements TemplatePorts {
  calls = { getService: 0, getTemplateSummary: 0 };
  constructor(
    public declarations: Record<string, Record<string, unknown>> = TEST_TEMPLATE,
    public version = '3',
  ) {}

  computeNest = {
    getService: async (input: { serviceId: string; serviceVersion?: string | undefined }) => {
      this.calls.getService += 1;
      const version = input.serviceVersion ?? this.version;
      return {
        ServiceId: input.serviceId,
        Version: version,
        VersionName: `v${version}`,
        DeployMetadata: JSON.stringify({
          TemplateConfigs: [{ Name: '高可用版-已有资源', Url: `https://oss.example/${version}/t.yaml`, AllowedRegions: ['cn-hangzhou'] }],
        }),
      };
    },
  };

  ros = {
    getTemplateSummary: async (): Promise<TemplateSummaryRecord> => {
      this.calls.getTemplateSummary += 1;
      return {
        Parameters: Object.entries(this.declarations).map(([ParameterKey, d]) => ({ ParameterKey, ...d })),
        Metadata: {},
      };
    },
  };
}

export function fakeTemplates(declarations?: Record<string, Record<string, unknown>>): TemplateService {
  return new TemplateService(new FakeTemplatePorts(declarations));
}
