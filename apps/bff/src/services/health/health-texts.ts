import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';

/** The smoke test's sentences, in the console's two languages. */
const TEXT = {
  notFinished: {
    'zh-CN': '部署 {id} 尚未结束（{status}），结束后才能检查运行状况',
    en: 'Deployment {id} has not finished ({status}); its health can be checked once it has',
  },
  noCluster: { 'zh-CN': '部署 {id} 没有记录集群', en: 'Deployment {id} names no cluster' },
  tPods: { 'zh-CN': '{component} 的 Pod 就绪', en: '{component} pods ready' },
  podsReady: { 'zh-CN': '{ready}/{want} 就绪', en: '{ready}/{want} ready' },
  podsMissing: { 'zh-CN': '没有找到 {component} 的 Pod', en: 'No {component} pod found' },
  podsNotReady: { 'zh-CN': '{ready}/{want} 就绪：{states}', en: '{ready}/{want} ready: {states}' },
  tHpa: { 'zh-CN': 'worker 的自动伸缩（HPA）', en: "The worker's autoscaler (HPA)" },
  hpaOk: { 'zh-CN': '已创建 {name}', en: '{name} present' },
  hpaMissing: { 'zh-CN': '已开启高可用，但没有找到 HPA {name}', en: 'High availability is on, but HPA {name} is missing' },
  hpaOff: { 'zh-CN': '未开启高可用，无需 HPA', en: 'High availability is off: no HPA needed' },
  tSpread: { 'zh-CN': '副本分布在不同节点', en: 'Replicas spread over nodes' },
  spreadOk: { 'zh-CN': '{list}', en: '{list}' },
  spreadOne: {
    'zh-CN': '{components} 的副本都在同一个节点上：该节点故障时服务中断',
    en: '{components}: every replica runs on one node, so losing that node stops them',
  },
  spreadOff: { 'zh-CN': '未开启高可用：每个组件一个副本', en: 'High availability is off: one replica per component' },
  deploymentFailed: { 'zh-CN': '部署失败', en: 'The deployment failed' },
} satisfies Record<string, Localized>;

export type HealthTextKey = keyof typeof TEXT;
export const healthText = (key: HealthTextKey, locale: Locale, params: Record<string, string | number> = {}) => format(TEXT[key][locale], params);
