// The Compute Nest service the local cloud offers: Dify community edition, as the public service
// `service-c8afb895dd314f70a020` presents itself. Parameter definitions are written in ROS template
// terms (Type, AllowedPattern, MinLength/MaxLength, AllowedValues, NoEcho, Default,
// AssociationProperty, Label/Description in zh-cn/en), the way a Compute Nest service's template
// declares them. Facts read from the public quick start (template-HA.yaml) are noted; the names
// of the existing-resources template's own parameters are UNCONFIRMED (not public) and were
// chosen after the HA template's naming — correcting one is a one-line change here.

export type Localized = { 'zh-cn': string; en: string };

export interface ParameterDefinition {
  Type: 'String' | 'Boolean' | 'Number';
  Label: Localized;
  Description?: Localized;
  Default?: string | boolean | number;
  AllowedValues?: (string | number | boolean)[];
  AllowedPattern?: string;
  MinLength?: number;
  MaxLength?: number;
  NoEcho?: boolean;
  ConstraintDescription?: Localized;
  AssociationProperty?: string;
  AssociationPropertyMetadata?: Record<string, unknown>;
}

export interface ParameterGroup {
  Label: { default: Localized };
  Parameters: string[];
}

export interface TemplateDefinition {
  Name: string;
  /** Only this sandbox's deployable templates run; the others are listed as the service lists them. */
  deployable: boolean;
  AllowedRegions: string[];
  Parameters: Record<string, ParameterDefinition>;
  ParameterGroups: ParameterGroup[];
}

export const DIFY_SERVICE_ID = 'service-c8afb895dd314f70a020';
export const DIFY_TEMPLATE_EXISTING = '高可用版-已有资源';
export const SERVICE_VERSION = '6';
export const SERVICE_VERSION_NAME = 'v1.1.3';
/** Images the chart deploys (template-HA.yaml at HEAD); the service may override them. */
export const DIFY_IMAGE_TAGS = {
  api: '1.1.3',
  web: '1.1.3',
  sandbox: '0.2.11',
  pluginDaemon: '0.0.6-local',
  proxy: '1.27.0',
} as const;
/** Helm readiness gate of the deployment step. */
export const READINESS_TIMEOUT_S = 360;

/** Regions where ACK, RDS, Redis and Milvus all exist (Milvus is the narrowest). */
export const ALLOWED_REGIONS = [
  'cn-hangzhou',
  'cn-shanghai',
  'cn-beijing',
  'cn-shenzhen',
  'cn-zhangjiakou',
  'cn-wulanchabu',
  'cn-hongkong',
  'ap-southeast-1',
];

const SPECIAL = '!@#$%^&*()_+\\-=';
/** 8-30 of letters, digits and !@#$%^&*()_+-=, with at least three of the four classes. */
const PASSWORD_PATTERN =
  `(?:(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])|(?=.*[a-z])(?=.*[A-Z])(?=.*[${SPECIAL}])|` +
  `(?=.*[a-z])(?=.*[0-9])(?=.*[${SPECIAL}])|(?=.*[A-Z])(?=.*[0-9])(?=.*[${SPECIAL}]))` +
  `[0-9A-Za-z${SPECIAL}]+`;
const PASSWORD_CONSTRAINT: Localized = {
  'zh-cn': '长度8-30，必须包含三项（大写字母、小写字母、数字、 !@#$%^&*()_+-=中的特殊符号）',
  en: 'Length 8-30, must contain three (Capital letters, lowercase letters, numbers, !@#$%^&*()_+-= Special symbol in)',
};

const EXISTING_RESOURCES: TemplateDefinition = {
  Name: DIFY_TEMPLATE_EXISTING,
  deployable: true,
  AllowedRegions: ALLOWED_REGIONS,
  Parameters: {
    RegionId: {
      Type: 'String',
      Label: { 'zh-cn': '地域', en: 'Region' },
      Description: {
        'zh-cn': '部署Dify的地域，ACK集群、RDS、Redis与Milvus须在此地域。',
        en: 'The region Dify is deployed to; the ACK cluster, RDS, Redis and Milvus must be there.',
      },
      AllowedValues: ALLOWED_REGIONS,
      AssociationProperty: 'ALIYUN::ECS::RegionId',
    },
    VpcId: {
      Type: 'String',
      Label: { 'zh-cn': '专有网络VPC实例ID', en: 'VPC ID' },
      Description: {
        'zh-cn': '请选择ACK集群、RDS、Redis和Milvus所在的专有网络。',
        en: 'The VPC that the ACK cluster, RDS, Redis and Milvus are in.',
      },
      AssociationProperty: 'ALIYUN::ECS::VPC::VPCId',
      AssociationPropertyMetadata: { RegionId: '${RegionId}' },
    },
    ClusterId: {
      Type: 'String',
      Label: { 'zh-cn': 'ACK 集群ID', en: 'ACK cluster ID' },
      Description: {
        'zh-cn':
          '部署应用程序的ACK集群ID, 此处仅支持ACK 托管集群，包括 ACK 集群 Pro 版和 ACK 集群基础版。',
        en: 'The ACK cluster to deploy to. Only ACK managed clusters (Pro and Basic) are supported.',
      },
      // template-HA.yaml: AllowedPattern '[0-9a-z]+$'.
      AllowedPattern: '[0-9a-z]+',
      AssociationProperty: 'ALIYUN::CS::Cluster::ClusterId',
      AssociationPropertyMetadata: {
        RegionId: '${RegionId}',
        VpcId: '${VpcId}',
        ClusterType: 'ManagedKubernetes',
        Profile: 'Default',
      },
    },
    RdsInstanceId: {
      Type: 'String',
      Label: { 'zh-cn': 'RDS PostgreSQL 实例ID', en: 'RDS PostgreSQL instance ID' },
      AssociationProperty: 'ALIYUN::RDS::Instance::InstanceId',
      AssociationPropertyMetadata: {
        RegionId: '${RegionId}',
        VpcId: '${VpcId}',
        Engine: 'PostgreSQL',
      },
    },
    PostgresSQLUserName: {
      Type: 'String',
      Label: { 'zh-cn': 'PostgresSQL数据库账号名称', en: 'PostgresSQL Username' },
      Description: {
        'zh-cn': 'RDS实例的高权限账号名称，需提前创建。',
        en: 'The privileged account of the RDS instance, created beforehand.',
      },
      Default: 'postgres',
      AllowedPattern: '[A-Za-z0-9_]+',
      MinLength: 2,
      MaxLength: 16,
      ConstraintDescription: {
        'zh-cn': '由 2 到 16 个字母、数字或下划线组成',
        en: 'Consist of 2 to 16 letters, digits or underscores',
      },
    },
    PostgresSQLPassword: {
      Type: 'String',
      NoEcho: true,
      Label: { 'zh-cn': 'PostgresSQL数据库密码', en: 'PostgresSQL Password' },
      AllowedPattern: PASSWORD_PATTERN,
      MinLength: 8,
      MaxLength: 30,
      ConstraintDescription: PASSWORD_CONSTRAINT,
    },
    RedisInstanceId: {
      Type: 'String',
      Label: { 'zh-cn': 'Redis 实例ID', en: 'Redis instance ID' },
      AssociationProperty: 'ALIYUN::Redis::Instance::InstanceId',
      AssociationPropertyMetadata: { RegionId: '${RegionId}', VpcId: '${VpcId}' },
    },
    RedisInstancePassword: {
      Type: 'String',
      NoEcho: true,
      Label: { 'zh-cn': 'Redis实例密码', en: 'Redis Instance Password' },
      AllowedPattern: PASSWORD_PATTERN,
      MinLength: 8,
      MaxLength: 30,
      ConstraintDescription: PASSWORD_CONSTRAINT,
    },
    MilvusEndpoint: {
      Type: 'String',
      Label: { 'zh-cn': 'Milvus 内网地址', en: 'Milvus internal endpoint' },
      Description: {
        'zh-cn': 'Milvus实例的内网地址，格式为 c-xxx-internal.milvus.aliyuncs.com',
        en: 'The internal address of the Milvus instance: c-xxx-internal.milvus.aliyuncs.com',
      },
      AllowedPattern: 'c-[a-z0-9]+-internal\\.milvus\\.aliyuncs\\.com(:\\d+)?',
      ConstraintDescription: {
        'zh-cn': '格式为 c-xxx-internal.milvus.aliyuncs.com',
        en: 'Format c-xxx-internal.milvus.aliyuncs.com',
      },
    },
    MilvusUser: {
      Type: 'String',
      Label: { 'zh-cn': 'Milvus 用户名', en: 'Milvus user' },
      Default: 'root',
      MinLength: 1,
      MaxLength: 32,
    },
    MilvusPassword: {
      Type: 'String',
      NoEcho: true,
      Label: { 'zh-cn': 'Milvus 密码', en: 'Milvus password' },
      MinLength: 1,
      MaxLength: 64,
    },
    HPAOption: {
      Type: 'Boolean',
      Label: {
        'zh-cn': '是否启用高可用配置',
        en: 'Whether to enable high availability configuration.',
      },
      Description: {
        'zh-cn':
          '启用高可用配置，Dify的核心业务组件会配置多副本并打散到不同节点，资源消耗密集的组件增加弹性伸缩配置。',
        en: 'Core Dify components run several replicas spread over nodes; resource-heavy components autoscale.',
      },
      Default: true,
    },
  },
  ParameterGroups: [
    {
      Label: { default: { 'zh-cn': '网络配置', en: 'Network' } },
      Parameters: ['RegionId', 'VpcId'],
    },
    {
      Label: { default: { 'zh-cn': 'Kubernetes配置', en: 'Kubernetes' } },
      Parameters: ['ClusterId'],
    },
    {
      Label: { default: { 'zh-cn': 'Postgres 数据库配置', en: 'Postgres Database' } },
      Parameters: ['RdsInstanceId', 'PostgresSQLUserName', 'PostgresSQLPassword'],
    },
    {
      Label: { default: { 'zh-cn': 'Redis数据库配置', en: 'Redis Database' } },
      Parameters: ['RedisInstanceId', 'RedisInstancePassword'],
    },
    {
      Label: { default: { 'zh-cn': '向量数据库配置', en: 'Vector Database' } },
      Parameters: ['MilvusEndpoint', 'MilvusUser', 'MilvusPassword'],
    },
    { Label: { default: { 'zh-cn': '服务配置', en: 'Service' } }, Parameters: ['HPAOption'] },
  ],
};

// The service's other templates, listed as it lists them; the local cloud does not deploy them.
const SINGLE_ECS: TemplateDefinition = {
  Name: '单机版',
  deployable: false,
  AllowedRegions: ALLOWED_REGIONS,
  Parameters: {},
  ParameterGroups: [],
};
const HA_NEW: TemplateDefinition = {
  Name: '高可用版',
  deployable: false,
  AllowedRegions: ALLOWED_REGIONS,
  Parameters: {},
  ParameterGroups: [],
};

export const TEMPLATES: readonly TemplateDefinition[] = [SINGLE_ECS, HA_NEW, EXISTING_RESOURCES];

export function findTemplate(name: string): TemplateDefinition | undefined {
  return TEMPLATES.find((t) => t.Name === name);
}

export const SERVICE_INFO = {
  Locale: 'zh-CN',
  Name: 'Dify社区版',
  ShortDescription:
    'Dify 是一个开源的大语言模型应用开发平台，融合了后端即服务和 LLMOps 的理念，帮助开发者快速搭建生产级的生成式 AI 应用。',
  Image:
    'https://service-info-public.oss-cn-hangzhou.aliyuncs.com/1853370294850618/service-image/dify-logo.png',
  Softwares: [{ Name: 'Dify', Version: DIFY_IMAGE_TAGS.api }],
  Agreements: [],
};

export const SUPPLIER = {
  name: '阿里云计算巢',
  url: 'https://www.aliyun.com/product/computenest',
  uid: 1853370294850618,
};

export const PUBLISH_TIME = '2025-03-10T08:00:00Z';

/** DeployMetadata as GetService returns it (a JSON string on the wire). */
export function deployMetadata(): Record<string, unknown> {
  return {
    TemplateConfigs: TEMPLATES.map((t) => ({
      Name: t.Name,
      Url: `https://service-info-public.oss-cn-hangzhou.aliyuncs.com/${SUPPLIER.uid}/${DIFY_SERVICE_ID}/${encodeURIComponent(t.Name)}/template.yaml`,
      AllowedRegions: t.AllowedRegions,
      PredefinedParameters: [],
      HiddenParameterKeys: [],
      // The local cloud's own addition: the template's parameter definitions and groups, in ROS
      // terms, so a client needs no template download. `Deployable` is false for templates the
      // sandbox lists but does not run.
      Parameters: t.Parameters,
      ParameterGroups: t.ParameterGroups,
      Deployable: t.deployable,
    })),
    ServiceInstanceNameRule: { Prefix: 'dify-' },
  };
}

/** The note the existing-cluster template outputs (template-HA.yaml, condition ExistedAck). */
export const ACCESS_OUTPUT_KEY = '请到ACK集群中配置服务访问';
export const ACCESS_OUTPUT_TEXT =
  '为ACK集群中dify-system命名空间下的Service:ack-dify 配置服务访问，可通过配置负载均衡、或者Ingress的方式开启公网访问。详情请参考部署说明文档。';
