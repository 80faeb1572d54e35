import type { Failure } from '@dify-console/shared/api/deployments';
import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';
import type { ParameterName } from '@dify-console/shared/template/templates';

/**
 * A failed deployment's StatusDetail (ROS-like words of the cloud) turned into plain words in the
 * user's language: what went wrong, what to do, and which form fields to correct. Unknown causes
 * fall back to a generic title with the cloud's own words in `detail`.
 */

interface Cause {
  code: string;
  test: RegExp;
  title: Localized;
  action: Localized;
  fields: ParameterName[] | ((detail: string) => ParameterName[]);
}

/** Which picked resource the unreachable host belongs to (the host first, then the words around it). */
function fieldsForHost(detail: string): ParameterName[] {
  const host = hostIn(detail);
  const text = host || detail;
  if (/\.pg\.rds\.aliyuncs\.com|^pgm-|:5432\b/i.test(text) || (!host && /postgres|psycopg/i.test(detail))) return ['postgresInstanceId'];
  if (/\.redis\.rds\.aliyuncs\.com|^r-|:6379\b/i.test(text) || (!host && /redis/i.test(detail))) return ['redisInstanceId'];
  if (/milvus|:19530\b/i.test(text)) return ['milvusEndpoint'];
  return ['vpcId'];
}

/** Host (and port) named in a connection failure, for the sentence. */
function hostIn(detail: string): string {
  const m = /([a-z0-9][a-z0-9.-]*\.aliyuncs\.com(?::\d+)?)/i.exec(detail) ?? /(\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?)/.exec(detail);
  return m?.[1] ?? '';
}

const CAUSES: Cause[] = [
  {
    code: 'ClusterNotRunning',
    test: /ErrorClusterState|ErrorClusterNotFound|cluster must be running|集群状态/i,
    title: { 'zh-CN': 'ACK 集群未处于运行中状态', en: 'The ACK cluster is not running' },
    action: {
      'zh-CN': '请在容器服务控制台确认集群状态为“运行中”，或选择另一个运行中的集群，然后重新部署',
      en: 'Check in the Container Service console that the cluster is running, or pick another running cluster, then deploy again',
    },
    fields: ['clusterId'],
  },
  {
    code: 'AlreadyDeployedOnCluster',
    test: /cannot re-use a name that is still in use/i,
    title: { 'zh-CN': '该 ACK 集群上已部署了 Dify', en: 'Dify is already deployed on this ACK cluster' },
    action: {
      'zh-CN': '一个集群只能部署一套 Dify：请选择另一个集群，或先删除该集群上已有的 Dify 部署，然后重新部署',
      en: 'A cluster holds one Dify: pick another cluster, or delete the Dify deployment already on it, then deploy again',
    },
    fields: ['clusterId'],
  },
  {
    code: 'ClusterInOtherVpc',
    test: /mount\.nfs|MountVolume\.SetUp failed/i,
    title: { 'zh-CN': 'ACK 集群不在所选的专有网络中', en: 'The ACK cluster is not in the chosen VPC' },
    action: {
      'zh-CN': '集群无法挂载所选专有网络中的共享存储：请选择位于该专有网络中的集群（或选择集群所在的专有网络），然后重新部署',
      en: "The cluster cannot mount the shared storage in the chosen VPC: pick a cluster in that VPC (or the cluster's VPC), then deploy again",
    },
    fields: ['clusterId'],
  },
  {
    code: 'PostgresNotPrivileged',
    test: /permission denied to create extension|must be (a )?superuser|permission denied (for|to create) database|not privileged/i,
    title: { 'zh-CN': 'PostgreSQL 账号不是高权限账号', en: 'The PostgreSQL account is not a privileged account' },
    action: {
      'zh-CN': '请在 RDS 控制台为该实例创建高权限账号（或使用已有的高权限账号），然后在表单中填写该账号和密码',
      en: 'Create a privileged account on the RDS instance (or use an existing one), then enter that account and its password in the form',
    },
    fields: ['postgresAccount'],
  },
  {
    code: 'PostgresAuthFailed',
    test: /password authentication failed for user/i,
    title: { 'zh-CN': 'PostgreSQL 账号或密码错误', en: 'Wrong PostgreSQL password' },
    action: {
      'zh-CN': '请检查 PostgreSQL 账号的密码（可在 RDS 控制台重置），在表单中更正后重新部署',
      en: 'Check the password of the PostgreSQL account (you can reset it in the RDS console), correct it in the form and deploy again',
    },
    fields: ['postgresPassword'],
  },
  {
    code: 'RedisAuthFailed',
    test: /WRONGPASS|NOAUTH|redis[^.]*invalid password|invalid password[^.]*redis|ERR invalid password/i,
    title: { 'zh-CN': 'Redis 密码错误', en: 'Wrong Redis password' },
    action: {
      'zh-CN': '请检查 Redis 实例的密码（可在 Redis 控制台重置），在表单中更正后重新部署',
      en: 'Check the password of the Redis instance (you can reset it in the Redis console), correct it in the form and deploy again',
    },
    fields: ['redisPassword'],
  },
  {
    code: 'MilvusAuthFailed',
    test: /milvus[\s\S]*(auth check fail|authentication fail|password|credential|unauthenticated)/i,
    title: { 'zh-CN': 'Milvus 用户名或密码错误', en: 'Wrong Milvus user or password' },
    action: {
      'zh-CN': '请检查 Milvus root 用户的密码（可在 Milvus 控制台重置），在表单中更正后重新部署',
      en: "Check the Milvus root user's password (you can reset it in the Milvus console), correct it in the form and deploy again",
    },
    fields: ['milvusPassword'],
  },
  {
    code: 'ResourceUnreachable',
    test: /(dial tcp|connect(ion|ing)?\b)[\s\S]*?(timed? ?out|timeout|refused|unreachable|unavailable)|i\/o timeout|no route to host|无法连接|连接超时/i,
    title: {
      'zh-CN': '集群无法连接到 {host}：它可能位于另一个专有网络',
      en: 'The cluster cannot reach {host}: it is probably in another VPC',
    },
    action: {
      'zh-CN': '所有资源必须位于所选专有网络中：请选择该专有网络中的实例（或检查白名单），然后重新部署',
      en: 'Every resource must be in the chosen VPC: pick an instance in that VPC (or check its allow list), then deploy again',
    },
    fields: fieldsForHost,
  },
];

const GENERIC = {
  title: { 'zh-CN': '部署失败', en: 'The deployment failed' },
  action: {
    'zh-CN': '请根据下面阿里云返回的信息检查参数和资源，然后重新部署；如无法解决，请在计算巢控制台查看该实例的部署日志',
    en: "Check the parameters and resources against the cloud's message below, then deploy again; if that does not help, open the instance's deployment log in the Compute Nest console",
  },
} satisfies Record<string, Localized>;

const DELETE_FAILED = {
  title: { 'zh-CN': '删除失败', en: 'The deletion failed' },
  action: {
    'zh-CN': '请根据下面阿里云返回的信息处理后，在计算巢控制台重试删除',
    en: "Resolve the cause in the cloud's message below, then retry the deletion in the Compute Nest console",
  },
} satisfies Record<string, Localized>;

export function explainFailure(status: string, statusDetail: string, locale: Locale): Failure | null {
  if (status === 'DeletedFailed') {
    return { code: 'DeleteFailed', title: DELETE_FAILED.title[locale], detail: statusDetail, action: DELETE_FAILED.action[locale], fields: [] };
  }
  if (status !== 'DeployedFailed') return null;
  const cause = CAUSES.find((c) => c.test.test(statusDetail));
  if (!cause) {
    return { code: 'DeployFailed', title: GENERIC.title[locale], detail: statusDetail, action: GENERIC.action[locale], fields: [] };
  }
  const host = hostIn(statusDetail);
  const hostWords = host || (locale === 'zh-CN' ? '所选资源' : 'a chosen resource');
  return {
    code: cause.code,
    title: format(cause.title[locale], { host: hostWords }),
    detail: statusDetail,
    action: cause.action[locale],
    fields: typeof cause.fields === 'function' ? cause.fields(statusDetail) : [...cause.fields],
  };
}
