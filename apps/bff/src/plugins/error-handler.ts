import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';
import type { Problem } from '@dify-console/shared/domain/problem';
import { ruleMessage } from '@dify-console/shared/domain/rules';
import { isCloudError, type CloudError } from '../errors/cloud-error';
import { isProblemError } from '../errors/problem-error';
import { global } from './global';

/**
 * The one error answer: validation → 400 with issues in the user's language; CloudError → a
 * status chosen from its code with a sentence saying what to do and the cloud request id;
 * anything else → 500 with no internals. Never a stack, a URL or a key.
 */

const MESSAGES = {
  validation: { 'zh-CN': '请求参数有误，请检查后重试', en: 'The request is not valid; check the highlighted values' },
  throttled: {
    'zh-CN': '阿里云正在对请求限流，请稍后重试',
    en: 'The cloud is rate-limiting the console; retry in a moment',
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
  timeout: {
    'zh-CN': '阿里云在规定时间内没有响应（{action}），请稍后重试',
    en: 'The cloud did not answer in time ({action}); retry in a moment',
  },
  unexpected: {
    'zh-CN': '阿里云返回了无法识别的结果（{action}），请联系控制台维护者',
    en: 'The cloud answered in an unexpected form ({action}); tell the console maintainers',
  },
  cloudRejected: {
    'zh-CN': '阿里云拒绝了请求参数（{code}）：{message}',
    en: 'The cloud refused the request ({code}): {message}',
  },
  cloudConflict: {
    'zh-CN': '请求与云上的现状冲突（{code}）：{message}',
    en: 'The request conflicts with the current state in the cloud ({code}): {message}',
  },
  cloudFailed: {
    'zh-CN': '阿里云返回错误 {code}：{message}',
    en: 'The cloud answered with the error {code}: {message}',
  },
  internal: {
    'zh-CN': '控制台内部错误，请查看控制台日志',
    en: 'Something went wrong inside the console; see its log',
  },
  unauthenticated: { 'zh-CN': '请先登录控制台', en: 'Sign in to the console first' },
  signInThrottled: {
    'zh-CN': '登录尝试过于频繁，请在 {seconds} 秒后重试',
    en: 'Too many sign-in attempts; try again in {seconds} seconds',
  },
  kubeForbidden: {
    'zh-CN':
      '集群拒绝了控制台的操作（Kubernetes RBAC）：{message}。请在容器服务控制台“授权管理”中为控制台使用的RAM身份授予该集群 dify-system 和 kube-system 命名空间的运维人员（或管理员）权限',
    en: "The cluster refused the console's request (Kubernetes RBAC): {message}. In the Container Service console, Authorizations, grant the console's RAM identity the developer (or admin) role on this cluster for the namespaces dify-system and kube-system",
  },
  kubeUnauthorized: {
    'zh-CN': '集群不接受控制台获取的 kubeconfig：请确认集群的 API Server 有公网访问地址，且控制台使用的RAM身份有 cs:DescribeClusterUserKubeconfig 权限',
    en: "The cluster does not accept the kubeconfig the console obtained: check that the cluster's API server has a public endpoint and that the console's RAM identity may call cs:DescribeClusterUserKubeconfig",
  },
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;
export const message = (key: MessageKey, locale: Locale, params: Record<string, string> = {}) =>
  format(MESSAGES[key][locale], params);

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

/** The cloud refused the parameters: the user can correct them (Compute Nest validation and the like). */
const INVALID_PARAMETER_CODES =
  /^(InvalidParameter|MissingParameter|ParameterInvalid|InvalidParameters|ParameterMissing|InvalidServiceInstanceName|InvalidTemplate|InvalidName|ValidationError)|\.(InvalidParameter|ParameterInvalid|Invalid)$/;
/** The same token with other parameters, a name or state clash: 409. */
const CONFLICT_CODES =
  /^(IdempotentParameterMismatch|IdempotenceParamNotMatch|IdempotentParameterMisMatch|.*AlreadyExist|.*Duplicate|.*\.?(InvalidStatus|IncorrectStatus|StatusNotSupport|OperationConflict|Conflict))/;

const CREDENTIAL_CODES = /^(InvalidAccessKeyId|SignatureDoesNotMatch|InvalidSecurityToken|MissingSecurityToken|IncompleteSignature)/;
const FORBIDDEN_CODES = /^(Forbidden|NoPermission|ErrorCheckAcl|StatusForbidden)|\.NoPermission$/;

/** Status and problem for a cloud failure. */
export function cloudProblem(err: CloudError, locale: Locale): { status: number; problem: Problem } {
  const requestId = err.requestId ? { requestId: err.requestId } : {};
  const p = (status: number, code: string, key: MessageKey, params: Record<string, string> = {}) => ({
    status,
    problem: { code, message: message(key, locale, params), ...requestId },
  });
  const code = err.code;
  if (code === 'Kubernetes.Forbidden') return p(403, 'Kubernetes.Forbidden', 'kubeForbidden', { message: err.message });
  if (code === 'Kubernetes.Unauthorized') return p(502, 'Kubernetes.Unauthorized', 'kubeUnauthorized');
  if (code.includes('Throttling')) return p(429, 'Cloud.Throttling', 'throttled');
  if (CREDENTIAL_CODES.test(code)) return p(502, 'Cloud.CredentialsRefused', 'credentials', { code });
  if (FORBIDDEN_CODES.test(code)) {
    const ram = RAM_PREFIX[err.product ?? ''] ?? { prefix: err.product ?? '*', policy: 'ReadOnlyAccess' };
    return p(403, 'Cloud.Forbidden', 'forbidden', { permission: `${ram.prefix}:${err.action}`, policy: ram.policy });
  }
  if (code.includes('NotFound') || code.includes('NotExist')) return p(404, 'Cloud.NotFound', 'notFound', { code });
  if (CONFLICT_CODES.test(code)) return p(409, 'Cloud.Conflict', 'cloudConflict', { code, message: err.message });
  if (INVALID_PARAMETER_CODES.test(code)) return p(400, 'Cloud.InvalidParameter', 'cloudRejected', { code, message: err.message });
  if (code === 'Cloud.Timeout') return p(504, 'Cloud.Timeout', 'timeout', { action: err.action });
  if (code === 'Cloud.UnexpectedResponse') return p(502, 'Cloud.UnexpectedResponse', 'unexpected', { action: err.action });
  if (code === 'ServiceUnavailable' || code === 'Cloud.NetworkError' || err.httpStatus >= 500) {
    return p(503, 'Cloud.Unavailable', 'unavailable', { code });
  }
  return p(500, 'Cloud.Failed', 'cloudFailed', { code, message: err.message });
}

function validationIssues(err: FastifyError, locale: Locale): Problem['issues'] {
  return (err.validation ?? []).map((v) => ({
    path: v.instancePath
      .split('/')
      .filter(Boolean)
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    message: ruleMessage(v.message ?? '', locale),
  }));
}

export const errorHandlerPlugin = global(async (app) => {
  app.setErrorHandler(async (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const locale = req.locale;
    if (hasZodFastifySchemaValidationErrors(error) || Array.isArray(error.validation)) {
      const issues = validationIssues(error, locale);
      req.log.info({ issues }, 'request validation failed');
      return reply.code(400).send({ code: 'ValidationFailed', message: message('validation', locale), issues });
    }
    if (isProblemError(error)) {
      req.log.info({ code: error.problem.code, status: error.status }, 'request refused');
      return reply.code(error.status).send(error.problem);
    }
    if (isCloudError(error)) {
      const { status, problem } = cloudProblem(error, locale);
      const log = status >= 500 ? req.log.error.bind(req.log) : req.log.warn.bind(req.log);
      log({ err: error, cloudCode: error.code, action: error.action, requestId: error.requestId }, 'cloud call failed');
      return reply.code(status).send(problem);
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status < 500) {
      // Fastify's own client errors (415, 413, malformed JSON…): their messages are safe.
      return reply.code(status).send({ code: error.code || `Http${status}`, message: error.message });
    }
    req.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ code: 'Internal', message: message('internal', locale) });
  });
});
