import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';

/** The live group's sentences (the probe Job in the cluster), in the console's two languages. */
const TEXT = {
  tProbe: { 'zh-CN': '集群内探测任务', en: 'Probe Job in the cluster' },
  tDns: { 'zh-CN': '集群内解析地址', en: 'Addresses resolve inside the cluster' },
  tPgLogin: { 'zh-CN': '从集群内登录 PostgreSQL', en: 'PostgreSQL login from the cluster' },
  tPgDatabases: { 'zh-CN': '数据库 dify 与 dify_plugin', en: 'Databases dify and dify_plugin' },
  tRedisAuth: { 'zh-CN': '从集群内认证 Redis', en: 'Redis AUTH from the cluster' },
  tRedisMode: { 'zh-CN': 'Redis 支持 Celery 的队列命令', en: "Redis accepts Celery's queue commands" },
  tMilvusLogin: { 'zh-CN': '从集群内登录 Milvus', en: 'Milvus login from the cluster' },
  running: {
    'zh-CN': '正在集群内运行探测任务（最长 60 秒）…结果出来前仍可继续下单',
    en: 'The probe Job is running in the cluster (60 s at most)… you may still order meanwhile',
  },
  notRun: { 'zh-CN': '未运行：{reason}', en: 'Not run: {reason}' },
  skipped: { 'zh-CN': '未检查：{reason}', en: 'Not checked: {reason}' },
  clusterNotRunning: { 'zh-CN': '集群未处于运行中', en: 'the cluster is not running' },
  imagePull: {
    'zh-CN': '集群拉取不到探测镜像 {image}。这通常是因为集群没有公网出口（NAT 网关）。可将镜像同步到同地域的容器镜像服务（VPC 地址）并设置 PROBE_IMAGE。此项不影响下单。',
    en: 'The cluster cannot pull the probe image {image}. Usually the cluster has no internet egress (NAT gateway). Mirror the image into Container Registry in this region (its VPC address) and set PROBE_IMAGE. This does not block the order.',
  },
  configError: { 'zh-CN': '探测任务无法启动。此项不影响下单。', en: 'The probe could not start. This does not block the order.' },
  unschedulable: { 'zh-CN': '探测任务无法调度。此项不影响下单。', en: 'The probe could not be scheduled. This does not block the order.' },
  timeout: {
    'zh-CN': '探测任务 {seconds} 秒内没有完成，结果未知。可稍后重新运行；此项不影响下单。',
    en: 'The probe did not finish within {seconds} s, so nothing is known. Run it again later; this does not block the order.',
  },
  apiError: { 'zh-CN': '无法在集群内创建探测任务：{message}。此项不影响下单。', en: 'The probe Job could not be created in the cluster: {message}. This does not block the order.' },
  missingLine: { 'zh-CN': '探测任务没有报告这一项（镜像缺少所需工具？）', en: 'The probe did not report this (does the image lack a tool?)' },
  dnsOk: { 'zh-CN': '均可解析：{list}', en: 'All resolve: {list}' },
  dnsFail: { 'zh-CN': '无法解析 {host}。请检查填写的地址是否为该实例的内网地址。', en: '{host} does not resolve. Check that the address is the instance’s internal address.' },
  pgOk: { 'zh-CN': '登录成功（PostgreSQL {version}）', en: 'Logged in (PostgreSQL {version})' },
  pgAuth: {
    'zh-CN': 'PostgreSQL 拒绝了账号 {user} 的密码（{detail}）。请更正“数据库密码”（或账号）。',
    en: 'PostgreSQL refused the password of {user} ({detail}). Correct the database password (or the account).',
  },
  pgHba: {
    'zh-CN': 'PostgreSQL 没有为集群的地址放行（{detail}）。请把集群的 Pod 网段加入白名单。',
    en: "PostgreSQL has no entry for the cluster's address ({detail}). Add the cluster's pod ranges to its whitelist.",
  },
  pgTimeout: {
    'zh-CN': '从集群连接 PostgreSQL 超时（{detail}）。白名单、安全组或路由挡住了集群的 Pod（白名单检查能一键修复白名单缺口）。',
    en: "Connecting to PostgreSQL from the cluster timed out ({detail}). A whitelist, security group or route blocks the cluster's pods (the whitelist check fixes a whitelist gap in one click).",
  },
  pgOther: { 'zh-CN': '无法登录 PostgreSQL（{detail}）', en: 'Could not log in to PostgreSQL ({detail})' },
  listSeparator: { 'zh-CN': '；', en: '; ' },
  dbExists: { 'zh-CN': '数据库 {db} 已存在', en: 'The database {db} exists' },
  dbCreatable: { 'zh-CN': '数据库 {db} 不存在，账号可以创建它', en: 'The database {db} does not exist; the account may create it' },
  dbDenied: {
    'zh-CN': '数据库 {db} 不存在，账号 {user} 也无权创建它。Dify 启动时要创建这个数据库：请使用高权限账号，或先在 RDS 控制台创建数据库 {db}。',
    en: 'The database {db} does not exist and the account {user} may not create databases. Dify creates this database when it starts: use a privileged account, or create database {db} in the RDS console first.',
  },
  redisOk: { 'zh-CN': '认证成功', en: 'Authenticated' },
  redisWrongPass: {
    'zh-CN': 'Redis 拒绝了密码（{detail}）。请更正“Redis 密码”。',
    en: 'Redis refused the password ({detail}). Correct the Redis password.',
  },
  redisTimeout: {
    'zh-CN': '从集群连接 Redis 失败（{detail}）。白名单、安全组或路由挡住了集群的 Pod。',
    en: "Connecting to Redis from the cluster failed ({detail}). A whitelist, security group or route blocks the cluster's pods.",
  },
  redisOther: { 'zh-CN': 'Redis 认证失败（{detail}）', en: 'Redis AUTH failed ({detail})' },
  modeOk: { 'zh-CN': '多键 BRPOP 与读写往返正常（标准架构）', en: 'Multi-key BRPOP and a write/read round trip work (standard architecture)' },
  modeCrossSlot: {
    'zh-CN': 'Redis 以 {detail} 拒绝了 Celery 的多键 BRPOP：这是集群架构实例，Dify 的 worker 会崩溃。请换用标准架构实例。',
    en: "Redis refused Celery's multi-key BRPOP with {detail}: this is a cluster-architecture instance and Dify's worker would crash. Use a standard-architecture instance.",
  },
  modeOther: { 'zh-CN': 'Redis 命令失败（{detail}）', en: 'A Redis command failed ({detail})' },
  milvusOk: { 'zh-CN': '登录并列出集合成功', en: 'Logged in and listed collections' },
  milvusAuth: {
    'zh-CN': 'Milvus 拒绝了用户 {user} 的密码（{detail}）。请更正 Milvus 用户名或密码。',
    en: 'Milvus refused the password of {user} ({detail}). Correct the Milvus user or password.',
  },
  milvusUnreachable: {
    'zh-CN': '从集群连接 Milvus 失败（{detail}）。请检查 Milvus 内网地址与端口，以及实例的白名单。',
    en: "Connecting to Milvus from the cluster failed ({detail}). Check Milvus's internal address and port, and the instance's whitelist.",
  },
} satisfies Record<string, Localized>;

export type LiveTextKey = keyof typeof TEXT;
export const liveText = (key: LiveTextKey, locale: Locale, params: Record<string, string | number> = {}) => format(TEXT[key][locale], params);
