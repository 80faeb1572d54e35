import type { Localized } from '@dify-console/shared/domain/i18n';
import type { ParameterName } from '@dify-console/shared/template/templates';

/**
 * THE table of known Dify failure signatures: what a failing pod shows (a log line of its
 * container, an Event, a container state), what it means, and what to do. One entry per failure;
 * signatures.test.ts holds a real evidence line for each. First match wins, so the specific
 * entries come before the general ones.
 */

export type SignatureFix =
  | { kind: 'field'; field: ParameterName }
  | { kind: 'whitelist'; target: 'postgres' | 'redis' }
  | { kind: 'link'; label: Localized; url: (ctx: { regionId: string; clusterId: string }) => string }
  | { kind: 'text'; text: Localized };

export interface Signature {
  id: string;
  /** Where the evidence is read: a container's log, an Event message, a container state (reason: message). */
  source: 'log' | 'event' | 'state';
  pattern: RegExp;
  explanation: Localized;
  fix: SignatureFix;
}

const nodePools = (ctx: { regionId: string; clusterId: string }) =>
  `https://cs.console.aliyun.com/#/k8s/cluster/${ctx.clusterId}/v2/nodepool/list?region=${ctx.regionId}`;

export const SIGNATURES: readonly Signature[] = [
  {
    id: 'postgres.auth',
    source: 'log',
    pattern: /password authentication failed for user "[^"]*"/,
    explanation: { 'zh-CN': 'PostgreSQL 拒绝了 Dify 使用的账号密码。', en: 'PostgreSQL refused the account and password Dify uses.' },
    fix: { kind: 'field', field: 'postgresPassword' },
  },
  {
    id: 'postgres.database',
    source: 'log',
    pattern: /database "[^"]+" does not exist/,
    explanation: {
      'zh-CN': 'Dify 要使用的数据库不存在，账号也无法创建它。',
      en: 'A database Dify uses does not exist and the account could not create it.',
    },
    fix: { kind: 'field', field: 'postgresAccount' },
  },
  {
    id: 'postgres.privilege',
    source: 'log',
    pattern: /permission denied to create (extension|database)|Must be superuser/i,
    explanation: {
      'zh-CN': '数据库账号权限不足：Dify 的迁移需要高权限账号（创建扩展 uuid-ossp 和数据库）。',
      en: "The database account lacks privileges: Dify's migrations need a privileged account (to create extension uuid-ossp and the databases).",
    },
    fix: { kind: 'field', field: 'postgresAccount' },
  },
  {
    id: 'postgres.hba',
    source: 'log',
    pattern: /no pg_hba\.conf entry for host/,
    explanation: { 'zh-CN': 'PostgreSQL 的白名单没有放行集群 Pod 的地址。', en: "PostgreSQL's whitelist does not admit the cluster's pod addresses." },
    fix: { kind: 'whitelist', target: 'postgres' },
  },
  {
    id: 'postgres.timeout',
    source: 'log',
    pattern: /connection to server at "[^"]*".*failed: (Connection timed out|timeout expired)/,
    explanation: {
      'zh-CN': '集群连不上 PostgreSQL：通常是白名单没有放行集群的 Pod，或实例不在同一 VPC。',
      en: "The cluster cannot reach PostgreSQL: usually its whitelist does not admit the cluster's pods, or the instance is in another VPC.",
    },
    fix: { kind: 'whitelist', target: 'postgres' },
  },
  {
    id: 'redis.auth',
    source: 'log',
    pattern: /WRONGPASS|NOAUTH|ERR invalid password/,
    explanation: { 'zh-CN': 'Redis 拒绝了 Dify 使用的密码。', en: 'Redis refused the password Dify uses.' },
    fix: { kind: 'field', field: 'redisPassword' },
  },
  {
    id: 'redis.cluster',
    source: 'log',
    pattern: /CROSSSLOT Keys in request don't hash to the same slot|MOVED \d+ \d+\.\d+\.\d+\.\d+:\d+/,
    explanation: {
      'zh-CN': 'Redis 是集群架构：Celery 的多键命令被拒绝，worker 无法消费任务。Dify 需要标准架构的 Redis。',
      en: "Redis is a cluster-architecture instance: Celery's multi-key commands are refused and the worker cannot consume tasks. Dify needs a standard-architecture Redis.",
    },
    fix: { kind: 'field', field: 'redisInstanceId' },
  },
  {
    id: 'redis.unreachable',
    source: 'log',
    pattern: /redis\.exceptions\.(ConnectionError|TimeoutError): Error (110|111|113)/,
    explanation: {
      'zh-CN': '集群连不上 Redis：通常是白名单没有放行集群的 Pod，或实例不在同一 VPC。',
      en: "The cluster cannot reach Redis: usually its whitelist does not admit the cluster's pods, or the instance is in another VPC.",
    },
    fix: { kind: 'whitelist', target: 'redis' },
  },
  {
    id: 'milvus.auth',
    source: 'log',
    pattern: /auth check failure|code=1800|Unauthenticated/,
    explanation: { 'zh-CN': 'Milvus 拒绝了 Dify 使用的用户名或密码。', en: 'Milvus refused the user or password Dify uses.' },
    fix: { kind: 'field', field: 'milvusPassword' },
  },
  {
    id: 'milvus.unreachable',
    source: 'log',
    pattern: /Fail connecting to server on \S+|MilvusException: <MilvusException: \(code=2,|19530.*Connection refused/,
    explanation: {
      'zh-CN': 'Dify 连不上 Milvus：地址或端口不对，或实例未运行、不在同一 VPC。',
      en: 'Dify cannot reach Milvus: a wrong address or port, or the instance is not running or in another VPC.',
    },
    fix: { kind: 'field', field: 'milvusEndpoint' },
  },
  {
    id: 'migrations.race',
    source: 'log',
    pattern: /relation "[^"]+" already exists|DuplicateTable|duplicate key value violates unique constraint "alembic_version_pkc"/,
    explanation: {
      'zh-CN': '多个 api 副本同时执行数据库迁移，互相冲突。等第一个副本迁移完成后重启其余副本即可。',
      en: 'Several api replicas ran the database migrations at once and collided. Once the first finished, restart the others.',
    },
    fix: {
      kind: 'text',
      text: {
        'zh-CN': '在集群中执行：`kubectl -n dify-system rollout restart deployment/ack-dify-api`',
        en: 'Run in the cluster: `kubectl -n dify-system rollout restart deployment/ack-dify-api`',
      },
    },
  },
  {
    id: 'nas.mount',
    source: 'log',
    pattern: /MountVolume\.SetUp failed|mount\.nfs: Connection timed out/,
    explanation: {
      'zh-CN': '节点挂载不了部署创建的 NAS：集群与 NAS 挂载点不在同一 VPC。',
      en: 'The nodes cannot mount the NAS the deployment created: the cluster and the NAS mount target are not in the same VPC.',
    },
    fix: { kind: 'field', field: 'vpcId' },
  },
  {
    id: 'image.pull',
    source: 'state',
    pattern: /^(ErrImagePull|ImagePullBackOff)\b/,
    explanation: {
      'zh-CN': '节点拉取不到 Dify 的镜像：集群访问不了镜像仓库。',
      en: "The nodes cannot pull Dify's images: the cluster cannot reach the image registry.",
    },
    fix: {
      kind: 'text',
      text: {
        'zh-CN': '让节点能访问镜像仓库：节点安全组需放行出方向 443（容器镜像服务的 VPC 地址）；仓库在 VPC 之外时，为 VPC 配置 NAT 网关。',
        en: "Let the nodes reach the image registry: the nodes' security group must allow outbound 443 (Container Registry's VPC endpoint); for a registry outside the VPC, give the VPC a NAT gateway.",
      },
    },
  },
  {
    id: 'oom',
    source: 'state',
    pattern: /^OOMKilled\b/,
    explanation: {
      'zh-CN': '容器因超出内存限制被终止（OOMKilled）。',
      en: 'The container was killed for exceeding its memory limit (OOMKilled).',
    },
    fix: {
      kind: 'text',
      text: {
        'zh-CN': 'Dify 的容器自身不设内存上限：查看 `kubectl -n dify-system get limitrange`，命名空间的 LimitRange 默认上限会套用到它们，请调高到至少 2Gi 或删除；没有 LimitRange 时，为集群增加内存更大的节点。',
        en: "Dify's containers set no memory limit of their own: check `kubectl -n dify-system get limitrange` (a LimitRange's default limit applies to them) and raise it to at least 2Gi or remove it; without one, add nodes with more memory to the cluster.",
      },
    },
  },
  {
    id: 'pending.resources',
    source: 'event',
    pattern: /\d+ Insufficient (cpu|memory)/,
    explanation: {
      'zh-CN': 'Pod 无法调度：集群的 CPU 或内存不够。',
      en: 'Pods cannot be scheduled: the cluster lacks CPU or memory.',
    },
    fix: {
      kind: 'link',
      label: { 'zh-CN': '扩容集群节点池', en: "Scale out the cluster's node pool" },
      url: nodePools,
    },
  },
];

/** The first signature of `source` that matches `text`. */
export function matchSignature(source: Signature['source'], text: string): Signature | undefined {
  return SIGNATURES.find((s) => s.source === source && s.pattern.test(text));
}
