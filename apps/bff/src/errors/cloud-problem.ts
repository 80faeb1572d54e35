import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';
import type { Problem } from '@dify-console/shared/domain/problem';
import { isCloudError, type CloudError } from './cloud-error';
import { cloudErrorKind } from './cloud-error-kind';
import { isProblemError } from './problem-error';

/**
 * A cloud failure as the user reads it: an HTTP status, a stable code and a sentence saying what
 * to do, from its one classification (`cloudErrorKind`). The error answer, the event stream, the
 * pre-flight checks and the live probe all say it this way.
 */

const MESSAGES = {
  throttled: {
    'zh-CN': '阿里云正在对请求限流（{code}），请稍后重试',
    en: 'The cloud is rate-limiting the console ({code}); retry in a moment',
  },
  credentials: {
    'zh-CN':
      '阿里云拒绝了控制台使用的访问凭证（{code}）：请检查 ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET（或 aliyun CLI 配置、STS 令牌是否过期），然后重启控制台',
    en: "The console's Alibaba Cloud credentials were refused ({code}): check ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (or the aliyun CLI profile, or whether the STS token expired), then restart the console",
  },
  forbidden: {
    'zh-CN': '控制台使用的RAM身份没有 {permission} 权限：请为其授予该权限（例如系统策略 {policy}）',
    en: 'The RAM identity of the console lacks permission for {permission}: grant it (for example the system policy {policy})',
  },
  notFound: { 'zh-CN': '资源不存在（{code}）', en: 'Not found ({code})' },
  unavailable: {
    'zh-CN': '阿里云服务暂时不可用（{code}），请稍后重试',
    en: 'The cloud service is temporarily unavailable ({code}); retry in a moment',
  },
  unreachable: {
    'zh-CN': '无法连接{target}（{code}），请稍后重试',
    en: 'Could not connect to {target} ({code}); retry in a moment',
  },
  timeout: {
    'zh-CN': '{target}在规定时间内没有响应（{action}），请稍后重试',
    en: 'No answer from {target} in time ({action}); retry in a moment',
  },
  unexpected: {
    'zh-CN': '阿里云返回了无法识别的结果（{action}），请联系控制台维护者',
    en: 'The cloud answered in an unexpected form ({action}); tell the console maintainers',
  },
  cloudRejected: {
    'zh-CN': '阿里云拒绝了请求参数（{code}），原因见阿里云的原始答复',
    en: "The cloud refused the request's parameters ({code}); its own answer says which",
  },
  cloudConflict: {
    'zh-CN': '请求与云上的现状冲突（{code}），详见阿里云的原始答复',
    en: 'The request conflicts with the current state in the cloud ({code}); see its own answer',
  },
  cloudFailed: {
    'zh-CN': '阿里云返回了错误（{code}），详见阿里云的原始答复',
    en: 'The cloud answered with an error ({code}); see its own answer',
  },
  kubeForbidden: {
    'zh-CN':
      '集群拒绝了控制台的操作（Kubernetes RBAC）。请在容器服务控制台“授权管理”中为控制台使用的RAM身份授予该集群 dify-system 和 kube-system 命名空间的运维人员（或管理员）权限',
    en: "The cluster refused the console's request (Kubernetes RBAC). In the Container Service console, Authorizations, grant the console's RAM identity the developer (or admin) role on this cluster for the namespaces dify-system and kube-system",
  },
  kubeUnauthorized: {
    'zh-CN': '集群不接受控制台获取的 kubeconfig：请确认集群的 API Server 有公网访问地址，且控制台使用的RAM身份有 cs:DescribeClusterUserKubeconfig 权限',
    en: "The cluster does not accept the kubeconfig the console obtained: check that the cluster's API server has a public endpoint and that the console's RAM identity may call cs:DescribeClusterUserKubeconfig",
  },
  targetCloud: { 'zh-CN': '阿里云', en: 'the cloud' },
  targetCluster: { 'zh-CN': '集群的 API Server', en: "the cluster's API server" },
  internal: { 'zh-CN': '控制台内部错误，请查看控制台日志', en: 'Something went wrong inside the console; see its log' },
  noPublicEndpoint: {
    'zh-CN':
      '集群的 API Server 没有公网访问地址，控制台无法从VPC外连接：请在该集群所在的VPC内运行控制台（并设置 CLUSTER_API_ACCESS=intranet），或在容器服务控制台为 API Server 开启公网访问（绑定EIP）',
    en: "The cluster's API server has no public endpoint, so the console cannot reach it from outside the VPC: run the console inside the cluster's VPC (with CLUSTER_API_ACCESS=intranet), or give the API server a public endpoint (bind an EIP in the Container Service console)",
  },
} satisfies Record<string, Localized>;

type Key = keyof typeof MESSAGES;

const RAM_PREFIX: Record<string, { prefix: string; policy: string }> = {
  vpc: { prefix: 'vpc', policy: 'AliyunVPCReadOnlyAccess' },
  ecs: { prefix: 'ecs', policy: 'AliyunECSReadOnlyAccess' },
  cs: { prefix: 'cs', policy: 'AliyunCSReadOnlyAccess' },
  rds: { prefix: 'rds', policy: 'AliyunRDSReadOnlyAccess' },
  'r-kvstore': { prefix: 'kvstore', policy: 'AliyunKvstoreReadOnlyAccess' },
  milvus: { prefix: 'milvus', policy: 'AliyunMilvusReadOnlyAccess' },
  computenest: { prefix: 'computenest', policy: 'AliyunComputeNestUserFullAccess' },
  ram: { prefix: 'ram', policy: 'AliyunRAMReadOnlyAccess' },
};

/** The RAM action a refused call needed, e.g. `vpc:DescribeVpcs`. */
export function permissionOf(err: CloudError): string {
  return `${RAM_PREFIX[err.product ?? '']?.prefix ?? err.product ?? '*'}:${err.action}`;
}

/**
 * The cloud's own words, verbatim (its `Message`, or the API server's): kept apart from our sentence,
 * which is in the user's language and names the code. Only what the cloud said: not for a call it
 * never answered (a timeout, no connection) or an answer the console could not read.
 */
export function cloudEvidence(err: CloudError): string | undefined {
  const kind = cloudErrorKind(err);
  if (err.httpStatus === 0 || kind === 'timeout' || kind === 'unexpected' || kind === 'noPublicEndpoint') return undefined;
  return err.message.trim() || undefined;
}

/** Status and problem for a cloud failure. */
export function cloudProblem(err: CloudError, locale: Locale): { status: number; problem: Problem } {
  const requestId = err.requestId ? { requestId: err.requestId } : {};
  const evidence = cloudEvidence(err);
  const p = (status: number, code: string, key: Key, params: Record<string, string> = {}) => ({
    status,
    problem: { code, message: format(MESSAGES[key][locale], params), ...requestId, ...(evidence ? { evidence } : {}) },
  });
  const { code } = err;
  const kube = code.startsWith('Kubernetes.');
  const target = () => format(MESSAGES[err.product === 'kubernetes' ? 'targetCluster' : 'targetCloud'][locale]);
  switch (cloudErrorKind(err)) {
    case 'noPublicEndpoint':
      return p(409, code, 'noPublicEndpoint');
    case 'throttled':
      return p(429, 'Cloud.Throttling', 'throttled', { code });
    case 'credentials':
      return kube ? p(502, 'Kubernetes.Unauthorized', 'kubeUnauthorized') : p(502, 'Cloud.CredentialsRefused', 'credentials', { code });
    case 'forbidden':
      if (kube) return p(403, 'Kubernetes.Forbidden', 'kubeForbidden');
      return p(403, 'Cloud.Forbidden', 'forbidden', { permission: permissionOf(err), policy: RAM_PREFIX[err.product ?? '']?.policy ?? 'ReadOnlyAccess' });
    case 'notFound':
      return p(404, 'Cloud.NotFound', 'notFound', { code });
    case 'conflict':
      return p(409, 'Cloud.Conflict', 'cloudConflict', { code });
    case 'invalidParameter':
      return p(400, 'Cloud.InvalidParameter', 'cloudRejected', { code });
    case 'timeout':
      return p(504, 'Cloud.Timeout', 'timeout', { target: target(), action: err.action });
    case 'unexpected':
      return p(502, 'Cloud.UnexpectedResponse', 'unexpected', { action: err.action });
    case 'unavailable':
      if (code === 'Cloud.NetworkError') return p(503, 'Cloud.Unavailable', 'unreachable', { target: target(), code });
      return p(503, 'Cloud.Unavailable', 'unavailable', { code });
    case 'other':
      return p(500, 'Cloud.Failed', 'cloudFailed', { code });
  }
}

/** The sentence alone (a check that could not look, the live probe, the event stream). */
export const cloudMessage = (err: CloudError, locale: Locale): string => cloudProblem(err, locale).problem.message;

/** The user's sentence for any failure: the cloud's as above, a service's own refusal as it is, anything else without internals. */
export function reasonOf(err: unknown, locale: Locale): string {
  if (isCloudError(err)) return cloudMessage(err, locale);
  if (isProblemError(err)) return err.problem.message;
  return MESSAGES.internal[locale];
}
