import { format, type Locale, type Localized } from './i18n';

/** Why a resource cannot be used for this deployment. */
export const REASON_MESSAGES = {
  otherVpc: {
    'zh-CN': '位于其他专有网络 {vpcId}，所有资源必须位于所选VPC中',
    en: 'In another VPC ({vpcId}); every resource must be in the chosen VPC',
  },
  notManagedCluster: {
    'zh-CN': '不是ACK托管集群（{clusterType}），仅支持ACK Pro版和基础版',
    en: 'Not an ACK managed cluster ({clusterType}); only ACK Pro and ACK Basic are supported',
  },
  unsupportedProfile: {
    'zh-CN': '{profile} 类型的集群不受支持，仅支持ACK Pro版和基础版',
    en: '{profile} clusters are not supported; only ACK Pro and ACK Basic are',
  },
  notPostgres: {
    'zh-CN': '数据库引擎为 {engine}，Dify 需要 PostgreSQL',
    en: 'Its engine is {engine}; Dify needs PostgreSQL',
  },
  notPrimary: {
    'zh-CN': '这是{type}实例，需要主实例',
    en: 'This is a {type} instance; a primary instance is needed',
  },
  notRunning: {
    'zh-CN': '状态为{status}，需要运行中的实例',
    en: 'Its status is {status}; it must be running',
  },
  notVpcNetwork: {
    'zh-CN': '网络类型为经典网络，需要专有网络（VPC）实例',
    en: 'It is on the classic network; a VPC instance is needed',
  },
  redisClusterArchitecture: {
    'zh-CN': '集群架构的Redis会导致Dify的Celery任务队列出错（BRPOP 跨槽），请使用标准架构',
    en: "Cluster-architecture Redis breaks Dify's Celery task queue (BRPOP across slots); use the standard architecture",
  },
  notRedis: {
    'zh-CN': '实例类型为 {type}，需要 Redis 或 Tair（兼容 Redis）',
    en: 'Its type is {type}; Redis or Tair (Redis-compatible) is needed',
  },
} satisfies Record<string, Localized>;

export type ReasonCode = keyof typeof REASON_MESSAGES;
export const REASON_CODES = Object.keys(REASON_MESSAGES) as [ReasonCode, ...ReasonCode[]];

/** Why a resource cannot be used (its zod schema, `ReasonSchema`, is in the contract: api/resources). */
export interface Reason {
  code: ReasonCode;
  /** Values named in the message. */
  params: Record<string, string>;
  message: string;
}

/** The clouds' own state words (each product spells its own) in the user's language. */
const STATE_WORDS: Record<string, Localized> = {
  creating: { 'zh-CN': '创建中', en: 'creating' },
  stopped: { 'zh-CN': '已停止', en: 'stopped' },
  stopping: { 'zh-CN': '停止中', en: 'stopping' },
  starting: { 'zh-CN': '启动中', en: 'starting' },
  failed: { 'zh-CN': '异常', en: 'failed' },
  deleting: { 'zh-CN': '删除中', en: 'deleting' },
  changing: { 'zh-CN': '变更中', en: 'changing' },
  updating: { 'zh-CN': '更新中', en: 'updating' },
  restarting: { 'zh-CN': '重启中', en: 'restarting' },
  locked: { 'zh-CN': '已锁定', en: 'locked' },
  flushing: { 'zh-CN': '清除数据中', en: 'flushing' },
};

/** A state word in the user's language (the cloud's own word when unknown). */
export function stateWord(state: string, locale: Locale): string {
  return STATE_WORDS[state.toLowerCase()]?.[locale] ?? state;
}

export function reason(code: ReasonCode, locale: Locale, params: Record<string, string> = {}): Reason {
  const shown = code === 'notRunning' && params.status ? { ...params, status: stateWord(params.status, locale) } : params;
  return { code, params, message: format(REASON_MESSAGES[code][locale], shown) };
}
