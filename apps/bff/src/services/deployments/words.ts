import type { Locale, Localized } from '@dify-console/shared/domain/i18n';

/**
 * The cloud's own vocabulary on a deployment page (status details, resource types and states,
 * output keys) in the user's language. A value this table does not know is shown as the cloud
 * wrote it: better an untranslated word than a wrong one.
 */

const STATUS_DETAILS: Record<string, Localized> = {
  'deploy successfully': { 'zh-CN': '部署成功', en: 'Deployed successfully' },
  deploying: { 'zh-CN': '部署中', en: 'Deploying' },
  deleting: { 'zh-CN': '删除中', en: 'Deleting' },
  'delete successfully': { 'zh-CN': '删除成功', en: 'Deleted successfully' },
};

export function statusDetailText(detail: string, locale: Locale): string {
  return STATUS_DETAILS[detail.trim().toLowerCase()]?.[locale] ?? detail;
}

/** By the resource type in the ARN (`arn:acs:<product>:<region>:<uid>:<type>/<id>`), then by product. */
const RESOURCE_TYPES: Record<string, Localized> = {
  stack: { 'zh-CN': '资源栈（ROS）', en: 'Resource stack (ROS)' },
  filesystem: { 'zh-CN': 'NAS 文件系统', en: 'NAS file system' },
  disk: { 'zh-CN': '云盘', en: 'Cloud disk' },
  instance: { 'zh-CN': 'ECS 实例', en: 'ECS instance' },
  loadbalancer: { 'zh-CN': '负载均衡', en: 'Load balancer' },
  deployment: { 'zh-CN': '工作负载（Deployment）', en: 'Workload (Deployment)' },
  ros: { 'zh-CN': '资源栈（ROS）', en: 'Resource stack (ROS)' },
  nas: { 'zh-CN': 'NAS 文件系统', en: 'NAS file system' },
  ecs: { 'zh-CN': 'ECS 资源', en: 'ECS resource' },
  slb: { 'zh-CN': '负载均衡', en: 'Load balancer' },
  nlb: { 'zh-CN': '负载均衡', en: 'Load balancer' },
};

export function resourceTypeText(arn: string, productCode: string, productType: string, locale: Locale): string {
  const path = arn.split(':').slice(5).join(':');
  const type = path.split('/')[0]?.toLowerCase() ?? '';
  // A workload ARN names its cluster first: its own kind is the last pair.
  const last = path.split('/').at(-2)?.toLowerCase() ?? '';
  const known = RESOURCE_TYPES[last === 'deployment' ? last : type] ?? RESOURCE_TYPES[productType.toLowerCase()] ?? RESOURCE_TYPES[productCode.toLowerCase()];
  return known?.[locale] ?? productType ?? productCode;
}

const RESOURCE_STATES: Record<string, Localized> = {
  running: { 'zh-CN': '运行中', en: 'Running' },
  available: { 'zh-CN': '可用', en: 'Available' },
  waiting: { 'zh-CN': '等待就绪', en: 'Waiting' },
  creating: { 'zh-CN': '创建中', en: 'Creating' },
  deleting: { 'zh-CN': '删除中', en: 'Deleting' },
  stopped: { 'zh-CN': '已停止', en: 'Stopped' },
  create_complete: { 'zh-CN': '已创建', en: 'Created' },
  create_failed: { 'zh-CN': '创建失败', en: 'Creation failed' },
};

export function resourceStateText(state: string, locale: Locale): string {
  if (!state) return '';
  return RESOURCE_STATES[state.toLowerCase()]?.[locale] ?? state;
}

/** The output of the existing-cluster template that asks the user to open access by hand. */
export const MANUAL_ACCESS_OUTPUT = '请到ACK集群中配置服务访问';

const OUTPUT_KEYS: Record<string, Localized> = {
  [MANUAL_ACCESS_OUTPUT]: { 'zh-CN': '配置服务访问', en: 'Open access to Dify' },
  Namespace: { 'zh-CN': '命名空间', en: 'Namespace' },
  ServiceName: { 'zh-CN': '服务名称', en: 'Service name' },
  ServicePort: { 'zh-CN': '服务端口', en: 'Service port' },
  ClusterId: { 'zh-CN': '集群 ID', en: 'Cluster ID' },
};

const MANUAL_ACCESS_TEXT: Localized = {
  'zh-CN': '为ACK集群中dify-system命名空间下的Service ack-dify配置服务访问，可通过负载均衡或Ingress开启公网访问。',
  en: 'Open access to Service ack-dify in namespace dify-system of the ACK cluster, through a load balancer or an Ingress.',
};

/** Resources that cost money by themselves (the stack and the cluster's workloads do not). */
export function isBilled(productCode: string): boolean {
  return !['ros', 'cs'].includes(productCode.toLowerCase());
}

export function outputText(key: string, value: string, locale: Locale): { label: string; value: string; manualAccess: boolean } {
  const manualAccess = key === MANUAL_ACCESS_OUTPUT;
  return { label: OUTPUT_KEYS[key]?.[locale] ?? key, value: manualAccess ? MANUAL_ACCESS_TEXT[locale] : value, manualAccess };
}
