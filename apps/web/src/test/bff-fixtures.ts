import { reason } from '@dify-console/shared/domain/eligibility';
import { negotiateLocale, type Locale } from '@dify-console/shared/domain/i18n';
import { REGION_NAMES } from '@dify-console/shared/domain/regions';
import type { Quote } from '@dify-console/shared/api/deployments';
import type { PreflightCheck, PreflightResult, Prerequisites } from '@dify-console/shared/api/preflight';
import type { TemplateForm } from '@dify-console/shared/api/template';
import { namedParameter, type TemplateParameter } from '@dify-console/shared/template/parameter-rules';
import type { Cluster, Milvus, Postgres, Redis, Vpc } from '@dify-console/shared/api/resources';
import { vi } from 'vitest';

const fetchedAt = '2025-01-01T00:00:00.000Z';

export const VPCS: Vpc[] = [
  { id: 'vpc-prod', name: 'prod', status: 'Available', cidrBlock: '172.16.0.0/12', isDefault: true, vSwitchCount: 3 },
  { id: 'vpc-test', name: 'test', status: 'Available', cidrBlock: '10.0.0.0/8', isDefault: false, vSwitchCount: 1 },
];

type Base = { id: string; name: string; vpcId: string; status: string };
const ok = <T extends Base>(x: T) => ({ ...x, eligible: true, reasons: [] as ReturnType<typeof reason>[] });

const clusters = (lang: Locale): Cluster[] => [
  { ...ok({ id: 'c1prod', name: 'dify-prod', vpcId: 'vpc-prod', status: 'running' }), clusterType: 'ManagedKubernetes', profile: 'Default', spec: 'ack.pro.small', kind: 'pro', kubernetesVersion: '1.31.1', nodeCount: 3 },
  {
    id: 'c2dedicated', name: 'old-dedicated', vpcId: 'vpc-prod', status: 'running',
    eligible: false, reasons: [reason('notManagedCluster', lang, { clusterType: 'Kubernetes' })],
    clusterType: 'Kubernetes', profile: 'Default', spec: '', kind: 'dedicated', kubernetesVersion: '1.28.3', nodeCount: 6,
  },
  { ...ok({ id: 'c3test', name: 'dify-test', vpcId: 'vpc-test', status: 'running' }), clusterType: 'ManagedKubernetes', profile: 'Default', spec: 'ack.standard', kind: 'basic', kubernetesVersion: '1.31.1', nodeCount: 2 },
];

const postgres = (): Postgres[] => [
  { ...ok({ id: 'pgm-bp19wxw53hbzgi93', name: 'dify-gh', vpcId: 'vpc-prod', status: 'Running' }), engine: 'PostgreSQL', engineVersion: '16.0', instanceClass: 'pg.n2.2c.1m', internalAddress: { host: 'pgm-bp19wxw53hbzgi93.pg.rds.aliyuncs.com', port: 5432 } },
  { ...ok({ id: 'pgm-test1', name: 'pg-test', vpcId: 'vpc-test', status: 'Running' }), engine: 'PostgreSQL', engineVersion: '15.0', instanceClass: 'pg.n2.2c.1m', internalAddress: null },
];

const redis = (): Redis[] => [
  { ...ok({ id: 'r-prod1', name: 'dify-redis', vpcId: 'vpc-prod', status: 'Normal' }), engineVersion: '7.0', architecture: 'standard', instanceType: 'Redis', internalAddress: null },
];

const milvus = (): Milvus[] => [
  { ...ok({ id: 'c-milvusprod', name: 'dify-vectors', vpcId: 'vpc-prod', status: 'running' }), version: '2.4', internalEndpoint: 'c-milvusprod-internal.milvus.aliyuncs.com', port: 19530 },
  { ...ok({ id: 'c-milvustest', name: 'test-vectors', vpcId: 'vpc-test', status: 'running' }), version: '2.4', internalEndpoint: 'c-milvustest-internal.milvus.aliyuncs.com', port: 19530 },
];

/** What the BFF does with `?vpcId=`: items elsewhere are marked unusable, naming their VPC. */
function inVpc<T extends { vpcId: string; eligible: boolean; reasons: ReturnType<typeof reason>[] }>(
  items: T[],
  vpcId: string | null,
  lang: Locale,
): T[] {
  if (!vpcId) return items;
  return items.map((i) =>
    i.vpcId === vpcId ? i : { ...i, eligible: false, reasons: [...i.reasons, reason('otherVpc', lang, { vpcId: i.vpcId })] },
  );
}

export interface MockRequest {
  url: URL;
  method: string;
  body: unknown;
}

/** A priced deployment, as the BFF answers `POST /api/v1/quote` in the sandbox. */
export function quoteFixture(total = 0.48): Quote {
  return {
    currency: 'CNY',
    sandbox: true,
    items: [
      { id: 'NasFileSystem', type: 'ALIYUN::NAS::FileSystem', label: 'NAS 文件系统', chargeType: 'PostPaid', priceUnit: '/Hour', quantity: 1, tradeAmount: total, originalAmount: total, discountAmount: 0 },
    ],
    total: { tradeAmount: total, originalAmount: total, discountAmount: 0, priceUnit: '/Hour' },
    accessEntry: { label: '访问入口：按量付费负载均衡（后续步骤）', tradeAmount: 0.069, priceUnit: '/Hour', note: '估算值：由负载均衡服务按实际用量另行计费，不包含在本次订单中' },
    existingResources: [{ kind: 'cluster', id: 'c1prod', label: 'ACK 集群（已有，不计入报价）' }],
    quotedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** The checks of a deployment whose resources all work together, as `POST /api/v1/preflight` answers. */
export const PASSING_CHECKS: PreflightCheck[] = [
  { id: 'identity.policies', group: 'identity', status: 'pass', title: 'RAM 权限', detail: '当前身份拥有部署所需的全部权限' },
  { id: 'computeNest.deployable', group: 'computeNest', status: 'pass', title: '计算巢服务可部署', detail: '服务 Dify 社区版在该地域可部署' },
  { id: 'topology.sameVpc', group: 'topology', status: 'pass', title: '同一专有网络', detail: '集群、数据库、Redis 和 Milvus 都位于 vpc-prod' },
  { id: 'cluster.running', group: 'cluster', status: 'pass', title: '集群运行中', detail: 'dify-prod 运行中，3 个节点' },
  { id: 'postgres.whitelist', group: 'postgres', status: 'pass', title: 'PostgreSQL 白名单', detail: '白名单已包含集群的 Pod 网段' },
  { id: 'redis.whitelist', group: 'redis', status: 'pass', title: 'Redis 白名单', detail: '白名单已包含集群的 Pod 网段' },
  { id: 'milvus.reachable', group: 'milvus', status: 'pass', title: 'Milvus 可连接', detail: '用户 root 登录成功' },
];

/** A pre-flight answer made of `checks` (the passing ones by default), with its summary. */
export function preflightFixture(checks: PreflightCheck[] = PASSING_CHECKS): PreflightResult {
  return {
    checks,
    summary: {
      pass: checks.filter((c) => c.status === 'pass').length,
      warn: checks.filter((c) => c.status === 'warn').length,
      fail: checks.filter((c) => c.status === 'fail').length,
      running: checks.filter((c) => c.status === 'running').length,
    },
    durationMs: 1234,
    checkedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** The passing checks with some replaced (same id) by the given ones. */
export function checksWith(...replaced: PreflightCheck[]): PreflightCheck[] {
  return PASSING_CHECKS.map((c) => replaced.find((r) => r.id === c.id) ?? c);
}

/** A RAM user with one policy missing, one through a group, one unreadable. */
export function prerequisitesFixture(): Prerequisites {
  return {
    identity: { type: 'RAMUser', accountId: '1234567890123456', userName: 'dify-deployer', arn: 'acs:ram::1234567890123456:user/dify-deployer' },
    policies: [
      { name: 'AliyunComputeNestUserFullAccess', purpose: '创建和管理计算巢服务实例', status: 'granted', via: 'user' },
      { name: 'AliyunCSFullAccess', purpose: '在 ACK 集群中安装 Dify', status: 'granted', via: 'group:dify-ops' },
      { name: 'AliyunRDSFullAccess', purpose: '读取 RDS PostgreSQL 实例并修改白名单', status: 'missing', via: null },
      { name: 'AliyunKvstoreFullAccess', purpose: '读取 Redis 实例并修改白名单', status: 'unknown', via: null },
    ],
    note: null,
  };
}

const parameter = namedParameter;

/** Our fields and the (made-up) names of the template parameters they are bound to. */
const BOUND: [field: string, parameter: string, p?: Partial<TemplateParameter>][] = [
  ['regionId', 'Region'],
  ['vpcId', 'Network'],
  ['clusterId', 'K8s'],
  ['postgresInstanceId', 'Database'],
  ['postgresAccount', 'DbUser', { default: 'postgres' }],
  ['postgresPassword', 'DbPassword', { noEcho: true }],
  ['redisInstanceId', 'Cache'],
  ['redisPassword', 'CachePassword', { noEcho: true }],
  ['milvusEndpoint', 'Vectors', { default: '' }],
  ['milvusUser', 'VectorsUser', { default: 'root' }],
  ['milvusPassword', 'VectorsPassword', { noEcho: true, default: '' }],
  ['highAvailability', 'Ha', { type: 'Boolean', default: true }],
];

/**
 * `GET /api/v1/template` as the BFF answers it: by default a template whose parameters all bind
 * to our fields; `extra` adds parameters the console does not know (drawn), `blocked` one it can
 * neither bind nor draw, `constraints` template rules on bound parameters (by parameter name).
 */
export function templateFormFixture(
  options: {
    version?: string;
    extra?: TemplateParameter[];
    blocked?: { parameter: string; message: string }[];
    constraints?: Record<string, Partial<TemplateParameter>>;
  } = {},
): TemplateForm {
  const bound = BOUND.map(([, key, p]) => parameter(key, { ...p, ...options.constraints?.[key] }));
  return {
    serviceId: 'service-c8afb895dd314f70a020',
    serviceVersion: options.version ?? '6',
    serviceVersionName: options.version === '7' ? 'v1.2.0' : 'v1.1.3',
    templates: [
      { name: '单机版', allowedRegions: ['cn-hangzhou'] },
      { name: '高可用版-已有资源', allowedRegions: ['cn-hangzhou'] },
    ],
    templateName: '高可用版-已有资源',
    parameters: [...bound, ...(options.extra ?? [])],
    bindings: BOUND.map(([field, key]) => ({ field, parameter: key, by: 'name' as const })),
    drawn: (options.extra ?? []).map((p) => p.key),
    blocked: options.blocked ?? [],
  };
}
export const templateParameterFixture = parameter;

/** A fetch that answers like the BFF, from canned data, in the language asked. */
export function mockBff(overrides: Record<string, (request: MockRequest) => Response | Promise<Response>> = {}) {
  const fn = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href, 'http://localhost');
    const headers = new Headers(init?.headers);
    const lang = negotiateLocale(url.searchParams.get('lang') ?? headers.get('Accept-Language'));
    const vpcId = url.searchParams.get('vpcId');
    const path = url.pathname;
    const override = Object.entries(overrides).find(([suffix]) => path.endsWith(suffix));
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    if (override) return override[1]({ url, method: init?.method ?? 'GET', body });
    if (path === '/api/v1/deployments/name-availability')
      return Response.json({ name: url.searchParams.get('name'), available: true });
    if (path === '/api/v1/template') return Response.json(templateFormFixture());
    if (path === '/api/v1/quote') return Response.json(quoteFixture());
    if (path === '/api/v1/preflight') return Response.json(preflightFixture());
    if (path === '/api/v1/prerequisites') return Response.json(prerequisitesFixture());
    if (path === '/api/v1/health') return Response.json({ status: 'ok', mode: 'sandbox' });
    if (path === '/api/v1/session') return Response.json({ loginRequired: false, authenticated: true });
    if (path === '/api/v1/regions')
      return Response.json({
        items: ['cn-hangzhou', 'cn-shanghai'].map((id) => ({ regionId: id, name: REGION_NAMES[id]![lang] })),
        fetchedAt,
      });
    const m = /^\/api\/v1\/regions\/([^/]+)\/(\w+)$/.exec(path);
    if (m?.[1] === 'cn-hangzhou') {
      const lists: Record<string, unknown[]> = {
        vpcs: VPCS,
        clusters: inVpc(clusters(lang), vpcId, lang),
        postgres: inVpc(postgres(), vpcId, lang),
        redis: inVpc(redis(), vpcId, lang),
        milvus: inVpc(milvus(), vpcId, lang),
      };
      const items = lists[m[2] ?? ''];
      if (items) return Response.json({ items, fetchedAt });
    }
    if (m) return Response.json({ items: [], fetchedAt });
    return Response.json({ code: 'NotFound', message: 'not found' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}
