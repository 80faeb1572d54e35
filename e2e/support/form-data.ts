/** Field labels as the Compute Nest screens (and our form) show them. */
export const ZH = {
  vpc: '专有网络VPC实例ID',
  cluster: 'ACK 集群ID',
  pg: 'PostgreSQL实例ID',
  pgAccount: 'PostgreSQL数据库账号',
  pgPassword: 'PostgreSQL数据库密码',
  redis: 'Redis实例ID',
  redisPassword: 'Redis实例密码',
  milvus: 'Milvus实例',
  milvusEndpoint: 'Milvus内网访问地址',
  milvusUser: 'Milvus Root用户',
  milvusPassword: 'Milvus 用户密码',
  ha: '是否启用高可用配置',
  name: '服务实例名称',
  region: '地域',
};
export type Labels = typeof ZH;

export const EN: Labels = {
  vpc: 'VPC ID',
  cluster: 'ACK cluster ID',
  pg: 'PostgreSQL instance ID',
  pgAccount: 'PostgreSQL account',
  pgPassword: 'PostgreSQL password',
  redis: 'Redis instance ID',
  redisPassword: 'Redis password',
  milvus: 'Milvus instance',
  milvusEndpoint: 'Milvus internal address',
  milvusUser: 'Milvus root user',
  milvusPassword: 'Milvus password',
  ha: 'Enable high availability',
  name: 'Service instance name',
  region: 'Region',
};

/** The local cloud's default scenario (packages/cloud-sim/FIXTURES.md). */
export const SANDBOX = {
  vpc: 'vpc-bp1dfyprod7q2w5e8r1t4y',
  otherVpc: 'vpc-bp1dfystag3m6n9b2v5c8x',
  cluster: 'dify-ack-pro',
  pg: 'pgm-bp1dfypg16i6j7k8l',
  pgPassword: 'Dify#Postgres2026',
  redis: 'r-bp1dfyredis70c5d6e7',
  redisPassword: 'Dify_Redis2026',
  milvus: 'c-5f2a9d7e31b84c06',
  milvusEndpoint: 'c-5f2a9d7e31b84c06-internal.milvus.aliyuncs.com',
  milvusPassword: 'Dify#Milvus2026',
};
