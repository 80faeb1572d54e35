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
  stateSeparator: { 'zh-CN': '、', en: ', ' },
  colon: { 'zh-CN': '：', en: ': ' },
  /** A pod's state in words, the Kubernetes reason kept in brackets as the value it is. */
  podState: { 'zh-CN': '{words}（{state}）', en: '{words} ({state})' },
  CrashLoopBackOff: { 'zh-CN': '反复崩溃重启', en: 'crash-looping' },
  ImagePullBackOff: { 'zh-CN': '拉取镜像失败', en: 'image pull failing' },
  ErrImagePull: { 'zh-CN': '拉取镜像失败', en: 'image pull failing' },
  CreateContainerConfigError: { 'zh-CN': '容器配置有误', en: 'container configuration wrong' },
  ContainerCreating: { 'zh-CN': '正在创建容器', en: 'container being created' },
  PodInitializing: { 'zh-CN': '正在初始化', en: 'initialising' },
  Pending: { 'zh-CN': '等待调度', en: 'waiting to be scheduled' },
  OOMKilled: { 'zh-CN': '内存不足被终止', en: 'killed for lack of memory' },
  Error: { 'zh-CN': '出错退出', en: 'exited with an error' },
  Completed: { 'zh-CN': '已退出', en: 'exited' },
  NotReady: { 'zh-CN': '运行中但未就绪', en: 'running but not ready' },
  Running: { 'zh-CN': '运行中', en: 'running' },
  Succeeded: { 'zh-CN': '已退出', en: 'exited' },
  Failed: { 'zh-CN': '已失败', en: 'failed' },
  Unknown: { 'zh-CN': '状态未知', en: 'state unknown' },
  otherState: { 'zh-CN': '其他状态', en: 'another state' },
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
  tApiHealth: { 'zh-CN': 'api 在集群内通过健康检查（{service}）', en: 'The api answers /health inside the cluster ({service})' },
  apiHealthOk: { 'zh-CN': '状态正常，Dify {version}', en: 'status ok, Dify {version}' },
  apiHealthFail: { 'zh-CN': '未应答正常（HTTP {status}）', en: 'No healthy answer (HTTP {status})' },
  apiHealthUnreachable: { 'zh-CN': '无法通过 API Server 访问', en: 'Not reachable through the API server' },
  tInstall: { 'zh-CN': '通过访问入口打开 /install', en: '/install through the access entry' },
  installNoEntry: {
    'zh-CN': '还没有访问入口：在下方“访问入口”中把 Service ack-dify 设为负载均衡或配置 Ingress，之后会通过它检查 /install',
    en: 'No access entry yet: make Service ack-dify a load balancer or add an Ingress under "Access" below; /install is checked through it then',
  },
  installPending: { 'zh-CN': '访问入口尚未就绪：{reason}', en: 'The access entry is not ready yet: {reason}' },
  installError: {
    'zh-CN': '无法通过访问入口检查 /install：请求没有完成，原始答复见下方；稍后点击“重新检查”',
    en: 'Could not check /install through the access entry: the request did not complete (its own answer below); check again later',
  },
  deploymentFailed: { 'zh-CN': '部署失败', en: 'The deployment failed' },
} satisfies Record<string, Localized>;

export type HealthTextKey = keyof typeof TEXT;
const POD_STATES = new Set([
  'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError', 'ContainerCreating', 'PodInitializing',
  'Pending', 'OOMKilled', 'Error', 'Completed', 'NotReady', 'Running', 'Succeeded', 'Failed', 'Unknown',
]);

/** A pod's state (a Kubernetes waiting/terminated reason or phase) in the user's words, the reason in brackets. */
export function podStateWords(state: string, locale: Locale): string {
  const words = POD_STATES.has(state) ? TEXT[state as HealthTextKey][locale] : TEXT.otherState[locale];
  return format(TEXT.podState[locale], { words, state });
}

export const healthText = (key: HealthTextKey, locale: Locale, params: Record<string, string | number> = {}) => format(TEXT[key][locale], params);
