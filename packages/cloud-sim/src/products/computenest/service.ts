// The Compute Nest service the local cloud offers: Dify community edition, as the public service
// `service-c8afb895dd314f70a020` presents itself. Parameter definitions are written in ROS template
// terms (Type, AllowedPattern, MinLength/MaxLength, AllowedValues, NoEcho, Default,
// AssociationProperty, Label/Description in zh-cn/en), the way a Compute Nest service's template
// declares them. Facts read from the public quick start (template-HA.yaml) are noted; the names
// of the existing-resources template's own parameters are not public: the local cloud picks its
// own (not all of them the console's old guesses) and publishes two versions of the service whose
// existing-resources templates name them differently, so that only a client reading the template
// at run time can order on both. The templates are served as documents at their `Url`s (the
// object-storage stand-in, template-store.ts) and summarised by ROS GetTemplateSummary.

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
  /** Number parameters only. */
  MinValue?: number;
  MaxValue?: number;
}

/**
 * What the local cloud's deployment reads from the parameters, and under which parameter name
 * each template version passes it (the sim's own reading of its templates, never sent anywhere).
 */
export type DeployInput =
  | 'region'
  | 'vpc'
  | 'cluster'
  | 'postgres'
  | 'postgresUser'
  | 'postgresPassword'
  | 'redis'
  | 'redisPassword'
  | 'milvusEndpoint'
  | 'milvusUser'
  | 'milvusPassword'
  | 'ha';

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
  /** Deployable templates only: which parameter carries each deployment input. */
  inputs?: Record<DeployInput, string>;
  /** How the document at its Url is written. */
  format: 'yaml' | 'json';
}

export const DIFY_SERVICE_ID = 'service-c8afb895dd314f70a020';
export const DIFY_TEMPLATE_EXISTING = '高可用版-已有资源';
/** The default version of the service (GetService without ServiceVersion answers it). */
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
  format: 'yaml',
  inputs: {
    region: 'RegionId',
    vpc: 'VpcId',
    cluster: 'ClusterId',
    postgres: 'PgInstanceId',
    postgresUser: 'PostgresSQLUserName',
    postgresPassword: 'PostgresSQLPassword',
    redis: 'RedisInstanceId',
    redisPassword: 'RedisInstancePassword',
    milvusEndpoint: 'MilvusInternalAddress',
    milvusUser: 'MilvusUser',
    milvusPassword: 'MilvusPassword',
    ha: 'HPAOption',
  },
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
    PgInstanceId: {
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
    MilvusInternalAddress: {
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
      Parameters: ['PgInstanceId', 'PostgresSQLUserName', 'PostgresSQLPassword'],
    },
    {
      Label: { default: { 'zh-cn': 'Redis数据库配置', en: 'Redis Database' } },
      Parameters: ['RedisInstanceId', 'RedisInstancePassword'],
    },
    {
      Label: { default: { 'zh-cn': '向量数据库配置', en: 'Vector Database' } },
      Parameters: ['MilvusInternalAddress', 'MilvusUser', 'MilvusPassword'],
    },
    { Label: { default: { 'zh-cn': '服务配置', en: 'Service' } }, Parameters: ['HPAOption'] },
  ],
};

// The service's other templates, listed as it lists them; the local cloud does not deploy them.
const SINGLE_ECS: TemplateDefinition = {
  Name: '单机版',
  deployable: false,
  format: 'yaml',
  AllowedRegions: ALLOWED_REGIONS,
  Parameters: {},
  ParameterGroups: [],
};
const HA_NEW: TemplateDefinition = {
  Name: '高可用版',
  deployable: false,
  format: 'yaml',
  AllowedRegions: ALLOWED_REGIONS,
  Parameters: {},
  ParameterGroups: [],
};

/**
 * Version 7 of the existing-resources template: several parameters renamed, an optional parameter
 * with AllowedValues (the log level), a parameter with a Default the deployment needs (the plugin
 * storage size, a Number with bounds), and a stricter account-name constraint (lower case first).
 */
const V7_RENAMES: Record<string, string> = {
  VpcId: 'ExistingVpcId',
  ClusterId: 'AckClusterId',
  PgInstanceId: 'RdsPgInstanceId',
  PostgresSQLUserName: 'PgAccountName',
  PostgresSQLPassword: 'PgAccountPassword',
  RedisInstanceId: 'KvstoreInstanceId',
  RedisInstancePassword: 'RedisPassword',
  MilvusInternalAddress: 'MilvusHost',
  MilvusUser: 'MilvusUserName',
  MilvusPassword: 'MilvusRootPassword',
  HPAOption: 'HighAvailability',
};
const v7Name = (name: string) => V7_RENAMES[name] ?? name;
/** `${X}` references in AssociationPropertyMetadata follow the renames. */
function renameRefs(
  meta: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!meta) return undefined;
  return Object.fromEntries(
    Object.entries(meta).map(([k, v]) => [
      k,
      typeof v === 'string' ? v.replace(/\$\{(\w+)\}/g, (_, n: string) => `\${${v7Name(n)}}`) : v,
    ]),
  );
}
const V7_PARAMETERS: Record<string, ParameterDefinition> = Object.fromEntries(
  Object.entries(EXISTING_RESOURCES.Parameters).map(([name, def]) => {
    const meta = renameRefs(def.AssociationPropertyMetadata);
    return [v7Name(name), { ...def, ...(meta ? { AssociationPropertyMetadata: meta } : {}) }];
  }),
);
V7_PARAMETERS.PgAccountName = {
  ...EXISTING_RESOURCES.Parameters.PostgresSQLUserName!,
  AllowedPattern: '[a-z][a-z0-9_]*',
  MinLength: 2,
  MaxLength: 32,
  ConstraintDescription: {
    'zh-cn': '由 2 到 32 个小写字母、数字或下划线组成，以小写字母开头',
    en: 'Consist of 2 to 32 lowercase letters, digits or underscores, starting with a lowercase letter',
  },
};
V7_PARAMETERS.DifyLogLevel = {
  Type: 'String',
  Label: { 'zh-cn': 'Dify 日志级别', en: 'Dify log level' },
  Description: {
    'zh-cn': 'Dify 各组件的日志级别，可选。',
    en: 'The log level of the Dify components (optional).',
  },
  AllowedValues: ['DEBUG', 'INFO', 'WARNING', 'ERROR'],
  Default: 'INFO',
};
V7_PARAMETERS.PluginStorageSize = {
  Type: 'Number',
  Label: { 'zh-cn': '插件存储容量（GiB）', en: 'Plugin storage size (GiB)' },
  Description: {
    'zh-cn': 'Dify 插件守护进程的持久化存储容量。',
    en: 'The persistent storage of the Dify plugin daemon.',
  },
  Default: 20,
  MinValue: 10,
  MaxValue: 500,
  ConstraintDescription: { 'zh-cn': '取值范围 10 ~ 500', en: 'Between 10 and 500' },
};

const EXISTING_RESOURCES_V7: TemplateDefinition = {
  ...EXISTING_RESOURCES,
  format: 'json',
  Parameters: V7_PARAMETERS,
  ParameterGroups: [
    ...EXISTING_RESOURCES.ParameterGroups.map((g) => ({
      ...g,
      Parameters: g.Parameters.map(v7Name),
    })),
    {
      Label: { default: { 'zh-cn': '高级配置', en: 'Advanced' } },
      Parameters: ['DifyLogLevel', 'PluginStorageSize'],
    },
  ],
  inputs: Object.fromEntries(
    Object.entries(EXISTING_RESOURCES.inputs!).map(([k, v]) => [k, v7Name(v)]),
  ) as Record<DeployInput, string>,
};

export interface ServiceVersionDefinition {
  Version: string;
  VersionName: string;
  /** Whether GetService / CreateServiceInstance without ServiceVersion use this version. */
  DefaultVersion: boolean;
  PublishTime: string;
  Templates: readonly TemplateDefinition[];
}

export const SERVICE_VERSIONS: readonly ServiceVersionDefinition[] = [
  {
    Version: SERVICE_VERSION,
    VersionName: SERVICE_VERSION_NAME,
    DefaultVersion: true,
    PublishTime: '2025-03-10T08:00:00Z',
    Templates: [SINGLE_ECS, HA_NEW, EXISTING_RESOURCES],
  },
  {
    Version: '7',
    VersionName: 'v1.2.0',
    DefaultVersion: false,
    PublishTime: '2025-06-18T08:00:00Z',
    Templates: [SINGLE_ECS, HA_NEW, EXISTING_RESOURCES_V7],
  },
];

/** The version asked for (undefined or `draft`: the default one); undefined when it does not exist. */
export function findServiceVersion(version?: string): ServiceVersionDefinition | undefined {
  if (version === undefined || version === '' || version === 'draft')
    return SERVICE_VERSIONS.find((v) => v.DefaultVersion);
  return SERVICE_VERSIONS.find((v) => v.Version === version);
}

/** The templates of the default version. */
export const TEMPLATES: readonly TemplateDefinition[] = findServiceVersion()!.Templates;

export function findTemplate(name: string, version?: string): TemplateDefinition | undefined {
  return findServiceVersion(version)?.Templates.find((t) => t.Name === name);
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

/** Where a template document lives in the object-storage stand-in (path on the sim's endpoint). */
export function templateObjectPath(version: string, t: TemplateDefinition): string {
  return `/oss/service-info-public/${SUPPLIER.uid}/${DIFY_SERVICE_ID}/${version}/${encodeURIComponent(t.Name)}/template.${t.format}`;
}

/**
 * DeployMetadata as GetService returns it (a JSON string on the wire): per template its name,
 * the URL of its ROS template document, allowed regions, predefined and hidden parameters. The
 * parameters themselves are in the document, as on the real cloud.
 */
export function deployMetadata(
  endpoint: string,
  version: ServiceVersionDefinition = findServiceVersion()!,
): Record<string, unknown> {
  return {
    TemplateConfigs: version.Templates.map((t) => ({
      Name: t.Name,
      Url: `${endpoint}${templateObjectPath(version.Version, t)}`,
      AllowedRegions: t.AllowedRegions,
      PredefinedParameters: [],
      HiddenParameterKeys: [],
    })),
    ServiceInstanceNameRule: { Prefix: 'dify-' },
  };
}

/** The note the existing-cluster template outputs (template-HA.yaml, condition ExistedAck). */
export const ACCESS_OUTPUT_KEY = '请到ACK集群中配置服务访问';
export const ACCESS_OUTPUT_TEXT =
  '为ACK集群中dify-system命名空间下的Service:ack-dify 配置服务访问，可通过配置负载均衡、或者Ingress的方式开启公网访问。详情请参考部署说明文档。';
