import { z } from 'zod';
import {
  AccountNameSchema,
  ClusterIdSchema,
  MilvusEndpointSchema,
  MilvusInstanceIdSchema,
  MilvusUserSchema,
  PasswordSchema,
  PostgresInstanceIdSchema,
  RedisInstanceIdSchema,
  RedisPasswordSchema,
  VpcIdSchema,
} from '../domain/rules';
import type { FieldDef } from './types';

/**
 * The template `高可用版-已有资源` (HA edition on existing resources) of the Compute Nest Dify
 * service, described once. The form, the BFF validation, the API contract and the masking of
 * secrets all read this object.
 *
 * The template's own parameter names are not written here: the BFF reads the service's template
 * at run time and binds each field to its parameter by `recognise` (AssociationProperty first,
 * then the shape of the name); parameters it cannot bind are drawn from their metadata.
 */
export const HA_EXISTING_FIELDS = {
  vpcId: {
    group: 'network',
    order: 1,
    label: { 'zh-CN': '专有网络VPC实例ID', en: 'VPC ID' },
    help: {
      'zh-CN': '选择资源所在的专有网络VPC，所有资源（ACK集群、RDS、Redis、Milvus）都需要位于该VPC中',
      en: 'Choose the VPC your resources are in: the ACK cluster, RDS, Redis and Milvus must all be in this one VPC',
    },
    placeholder: { 'zh-CN': '请选择专有网络', en: 'Select a VPC' },
    schema: VpcIdSchema.describe('The VPC every resource must sit in'),
    widget: 'select',
    noEcho: false,
    picker: 'vpc',
    recognise: { type: 'String', associationProperties: ['ALIYUN::ECS::VPC::VPCId'], namePatterns: [/vpc_?id$/i] },
    createLink: 'https://vpc.console.aliyun.com/vpc/{regionId}/vpcs/new',
  },
  clusterId: {
    group: 'kubernetes',
    order: 1,
    label: { 'zh-CN': 'ACK 集群ID', en: 'ACK cluster ID' },
    help: {
      'zh-CN': '部署应用程序的ACK集群ID，此处仅支持ACK托管集群，包括ACK集群Pro版和ACK集群基础版。',
      en: 'The ACK cluster Dify is deployed to. Only ACK managed clusters are supported: ACK Pro and ACK Basic.',
    },
    placeholder: { 'zh-CN': '请选择集群', en: 'Select a cluster' },
    schema: ClusterIdSchema.describe('ACK managed cluster (Pro or Basic) in the VPC'),
    widget: 'select',
    noEcho: false,
    picker: 'cluster',
    recognise: {
      type: 'String',
      associationProperties: ['ALIYUN::CS::Cluster::ClusterId'],
      namePatterns: [/^(ack|k8s|kubernetes|cs)?_?cluster_?id$/i],
    },
    createLink: 'https://cs.console.aliyun.com/#/k8s/cluster/createV2/managed?regionId={regionId}',
  },
  postgresInstanceId: {
    group: 'postgres',
    order: 1,
    label: { 'zh-CN': 'PostgreSQL实例ID', en: 'PostgreSQL instance ID' },
    help: {
      'zh-CN': '选择该VPC中要使用的RDS PostgreSQL实例',
      en: 'The RDS PostgreSQL instance in this VPC that Dify uses',
    },
    placeholder: { 'zh-CN': '请选择PostgreSQL实例', en: 'Select a PostgreSQL instance' },
    schema: PostgresInstanceIdSchema.describe('RDS PostgreSQL instance in the VPC'),
    widget: 'select',
    noEcho: false,
    picker: 'postgres',
    recognise: {
      type: 'String',
      associationProperties: ['ALIYUN::RDS::Instance::InstanceId'],
      namePatterns: [/^(rds|pg|postgres\w*)_?(pg_?)?(db_?)?instance_?id$/i],
    },
    createLink: 'https://rdsbuy.console.aliyun.com/create/rds/postgresql?regionId={regionId}',
  },
  postgresAccount: {
    group: 'postgres',
    order: 2,
    label: { 'zh-CN': 'PostgreSQL数据库账号', en: 'PostgreSQL account' },
    help: {
      'zh-CN': 'PostgreSQL数据库实例的高权限账号名称，请先到RDS实例中创建高权限账号。',
      en: 'The privileged account of the PostgreSQL instance. Create a privileged account in the RDS console first.',
    },
    schema: AccountNameSchema.describe('Privileged account of the PostgreSQL instance'),
    widget: 'text',
    noEcho: false,
    recognise: {
      type: 'String',
      associationProperties: [],
      namePatterns: [/^(rds|pg|postgres\w*|db)_?(account|user)_?(name)?$/i],
    },
    defaultValue: 'postgres',
  },
  postgresPassword: {
    group: 'postgres',
    order: 3,
    label: { 'zh-CN': 'PostgreSQL数据库密码', en: 'PostgreSQL password' },
    help: {
      'zh-CN': '数据库访问密码，长度8-30，必须包含大写字母、小写字母、数字、特殊符号中的三种；特殊符号包括：!@#$%^&*()_+-=',
      en: 'The account password: 8-30 characters with at least three of upper case, lower case, digits and the special characters !@#$%^&*()_+-=',
    },
    schema: PasswordSchema.describe('Password of the privileged account (NoEcho)'),
    widget: 'password',
    noEcho: true,
    recognise: {
      type: 'String',
      associationProperties: [],
      namePatterns: [/^(rds|pg|postgres\w*|db)_?(account_?|user_?)?(password|pwd)$/i],
    },
  },
  redisInstanceId: {
    group: 'redis',
    order: 1,
    label: { 'zh-CN': 'Redis实例ID', en: 'Redis instance ID' },
    help: {
      'zh-CN': '选择该VPC中要使用的Redis实例（标准架构）',
      en: 'The Redis instance in this VPC that Dify uses (standard architecture)',
    },
    placeholder: { 'zh-CN': '请选择Redis实例', en: 'Select a Redis instance' },
    schema: RedisInstanceIdSchema.describe('Redis (Tair) instance in the VPC'),
    widget: 'select',
    noEcho: false,
    picker: 'redis',
    recognise: {
      type: 'String',
      associationProperties: ['ALIYUN::Redis::Instance::InstanceId', 'ALIYUN::KVStore::Instance::InstanceId'],
      namePatterns: [/^(redis|kvstore|tair)_?instance_?id$/i],
    },
    createLink: 'https://kvstore.console.aliyun.com/Redis/instance/{regionId}',
  },
  redisPassword: {
    group: 'redis',
    order: 2,
    label: { 'zh-CN': 'Redis实例密码', en: 'Redis password' },
    help: {
      'zh-CN': '长度8-30，必须包含大写字母、小写字母、数字、特殊符号中的三种；特殊符号包括：!$^*()_+-=（不能使用 @ # % &：Dify 把密码原样写入 redis:// 连接地址，这些字符会破坏地址）',
      en: "8-30 characters with at least three of upper case, lower case, digits and special characters; the special characters are !$^*()_+-= (not @ # % &: Dify writes the password as it is into a redis:// URL, and these characters break it)",
    },
    schema: RedisPasswordSchema.describe('Password of the Redis instance, without @ # % & (NoEcho)'),
    widget: 'password',
    noEcho: true,
    recognise: {
      type: 'String',
      associationProperties: [],
      namePatterns: [/^(redis|kvstore|tair)_?(instance_?)?(password|pwd)$/i],
    },
  },
  milvusInstanceId: {
    group: 'vectorDb',
    order: 1,
    label: { 'zh-CN': 'Milvus实例', en: 'Milvus instance' },
    help: {
      'zh-CN': '选择该VPC中要使用的Milvus实例，将自动填入其内网访问地址（可选，也可直接填写地址）',
      en: 'Pick the Milvus instance in this VPC to fill in its internal address (optional: you can also type the address)',
    },
    placeholder: { 'zh-CN': '请选择Milvus实例', en: 'Select a Milvus instance' },
    schema: MilvusInstanceIdSchema.optional().describe('Milvus instance in the VPC (optional; fills milvusEndpoint)'),
    widget: 'select',
    noEcho: false,
    picker: 'milvus',
    // UNCONFIRMED association property: ROS documents none for Milvus instances yet.
    recognise: {
      type: 'String',
      associationProperties: ['ALIYUN::Milvus::Instance::InstanceId'],
      namePatterns: [/^milvus_?instance_?id$/i],
    },
    createLink: 'https://milvus.console.aliyun.com/#/create?regionId={regionId}',
  },
  milvusEndpoint: {
    group: 'vectorDb',
    order: 2,
    label: { 'zh-CN': 'Milvus内网访问地址', en: 'Milvus internal address' },
    help: {
      'zh-CN': 'Milvus内网访问地址，格式为c-xxx-internal.milvus.aliyuncs.com',
      en: 'The Milvus internal address, of the form c-xxx-internal.milvus.aliyuncs.com',
    },
    schema: MilvusEndpointSchema.describe('Milvus internal endpoint host, c-<id>-internal.milvus.aliyuncs.com'),
    widget: 'text',
    noEcho: false,
    recognise: {
      type: 'String',
      associationProperties: [],
      namePatterns: [/^milvus_?(internal_?)?(endpoint|address|host|url)$/i],
    },
  },
  milvusUser: {
    group: 'vectorDb',
    order: 3,
    label: { 'zh-CN': 'Milvus Root用户', en: 'Milvus root user' },
    help: { 'zh-CN': 'Milvus 的 root 用户名', en: 'The Milvus root user name' },
    schema: MilvusUserSchema.describe('Milvus user, root by default'),
    widget: 'text',
    noEcho: false,
    recognise: {
      type: 'String',
      associationProperties: [],
      namePatterns: [/^milvus_?(root_?)?user_?(name)?$/i],
    },
    defaultValue: 'root',
  },
  milvusPassword: {
    group: 'vectorDb',
    order: 4,
    label: { 'zh-CN': 'Milvus 用户密码', en: 'Milvus password' },
    help: { 'zh-CN': 'Milvus root 用户对应的密码', en: "The Milvus root user's password" },
    schema: PasswordSchema.describe('Password of the Milvus user (NoEcho)'),
    widget: 'password',
    noEcho: true,
    recognise: {
      type: 'String',
      associationProperties: [],
      namePatterns: [/^milvus_?(root_?|user_?)?(password|pwd)$/i],
    },
  },
  highAvailability: {
    group: 'service',
    order: 1,
    label: { 'zh-CN': '是否启用高可用配置', en: 'Enable high availability' },
    help: {
      'zh-CN': '建议开启高可用配置，开启后可以提高应用的容灾能力和对峰值负载的处理能力。',
      en: 'Recommended: runs two replicas of each Dify component and scales the worker with load, for resilience and peak traffic.',
    },
    schema: z.boolean().describe('Two replicas per component and a worker autoscaler'),
    widget: 'switch',
    noEcho: false,
    recognise: {
      type: 'Boolean',
      associationProperties: [],
      namePatterns: [/^(hpa_?option|enable_?(ha|hpa)|high_?availability|ha)$/i],
    },
    defaultValue: true,
  },
} as const satisfies Record<string, FieldDef>;
