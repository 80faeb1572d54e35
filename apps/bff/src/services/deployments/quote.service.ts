import { createHash } from 'node:crypto';
import type { Quote, QuoteItem, QuoteRequest } from '@dify-console/shared/api/deployments';
import type { Locale, Localized } from '@dify-console/shared/domain/i18n';
import { DIFY_SERVICE_ID } from '@dify-console/shared/template/templates';
import type { AccountContext } from '../account';
import { SingleFlight, TtlCache } from '../../lib/utils';
import type { ComputeNestPort, EstimateRecord } from '../../ports/deployments';
import type { OrderTemplatePort } from '../../ports/template';
import { withSecretsScrubbed } from './secrets';

/** Names of the ROS resource types a quote may price; an unknown type shows its Type. */
const RESOURCE_LABELS: Record<string, Localized> = {
  'ALIYUN::NAS::FileSystem': { 'zh-CN': 'NAS 文件系统', en: 'NAS file system' },
  'ALIYUN::NAS::MountTarget': { 'zh-CN': 'NAS 挂载点', en: 'NAS mount target' },
  'ALIYUN::NAS::AccessGroup': { 'zh-CN': 'NAS 权限组', en: 'NAS access group' },
  'ALIYUN::ECS::Disk': { 'zh-CN': '云盘', en: 'Cloud disk' },
  'ALIYUN::ECS::Instance': { 'zh-CN': '云服务器 ECS', en: 'ECS instance' },
  'ALIYUN::ECS::InstanceGroup': { 'zh-CN': '云服务器 ECS', en: 'ECS instances' },
  'ALIYUN::SLB::LoadBalancer': { 'zh-CN': '传统型负载均衡 CLB', en: 'Classic Load Balancer (CLB)' },
  'ALIYUN::NLB::LoadBalancer': { 'zh-CN': '网络型负载均衡 NLB', en: 'Network Load Balancer (NLB)' },
  'ALIYUN::ALB::LoadBalancer': { 'zh-CN': '应用型负载均衡 ALB', en: 'Application Load Balancer (ALB)' },
  'ALIYUN::VPC::EIP': { 'zh-CN': '弹性公网 IP', en: 'Elastic IP address' },
  'ALIYUN::VPC::NatGateway': { 'zh-CN': 'NAT 网关', en: 'NAT gateway' },
  'ALIYUN::OSS::Bucket': { 'zh-CN': '对象存储 OSS', en: 'OSS bucket' },
  'ALIYUN::CS::ManagedKubernetesCluster': { 'zh-CN': 'ACK 托管集群', en: 'ACK managed cluster' },
  'ALIYUN::CS::ClusterNodePool': { 'zh-CN': 'ACK 节点池', en: 'ACK node pool' },
  'ALIYUN::RDS::DBInstance': { 'zh-CN': '云数据库 RDS', en: 'RDS database' },
  'ALIYUN::REDIS::Instance': { 'zh-CN': '云数据库 Redis', en: 'Redis database' },
  'ALIYUN::Milvus::Instance': { 'zh-CN': '向量检索服务 Milvus', en: 'Milvus vector database' },
  'ALIYUN::ARMS::Prometheus': { 'zh-CN': 'Prometheus 监控', en: 'Prometheus monitoring' },
  'ALIYUN::SLS::Project': { 'zh-CN': '日志服务 SLS', en: 'Log Service (SLS)' },
};

/**
 * What the access entry (a pay-as-you-go load balancer in front of Service ack-dify) will add
 * later. An ESTIMATE kept here, in one table: list prices of a pay-by-LCU CLB (instance fee plus
 * one LCU-hour), per currency. It is billed by the load-balancer service, not by this order.
 */
const ACCESS_ENTRY_ESTIMATE: Record<string, { tradeAmount: number; priceUnit: string }> = {
  CNY: { tradeAmount: 0.069, priceUnit: '/Hour' },
  USD: { tradeAmount: 0.011, priceUnit: '/Hour' },
};
const ACCESS_ENTRY_TEXT = {
  label: { 'zh-CN': '访问入口：按量付费负载均衡（后续步骤）', en: 'Access entry: pay-as-you-go load balancer (later step)' },
  note: {
    'zh-CN': '估算值：由负载均衡服务按实际用量另行计费，不包含在本次订单中',
    en: 'An estimate: billed separately by the load-balancer service by actual use, not part of this order',
  },
} satisfies Record<string, Localized>;

const EXISTING = {
  cluster: { 'zh-CN': 'ACK 集群（已有，不计入报价）', en: 'ACK cluster (existing, not in this quote)' },
  postgres: { 'zh-CN': 'RDS PostgreSQL（已有，不计入报价）', en: 'RDS PostgreSQL (existing, not in this quote)' },
  redis: { 'zh-CN': 'Redis（已有，不计入报价）', en: 'Redis (existing, not in this quote)' },
  milvus: { 'zh-CN': 'Milvus（已有，不计入报价）', en: 'Milvus (existing, not in this quote)' },
} satisfies Record<string, Localized>;

/** Hours per price unit, to add up lines priced per different units. */
const HOURS: Record<string, number> = { '/Hour': 1, '/Day': 24, '/Month': 730, '/Year': 8760 };

/** JSON with object keys sorted at every level: the same parameters give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The cache key of a quote: a SHA-256, so no password is ever kept in plain text as a key. */
export function quoteKey(accountId: string, templateName: string, parameters: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson({ accountId, templateName, parameters })).digest('hex');
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

interface Priced {
  resources: Record<string, EstimateRecord>;
  quotedAt: string;
}

export interface QuoteServiceOptions {
  sandbox: boolean;
  /** Currency when the cloud names none (CNY on the China site). */
  defaultCurrency?: string;
  ttlMs?: number;
  now?: () => number;
}

/**
 * Prices a deployment with GetServiceEstimateCost. Identical parameter sets are answered from a
 * short cache; identical quotes in flight share one upstream call.
 */
export class QuoteService {
  private readonly cache: TtlCache<Priced>;
  private readonly flights = new SingleFlight<Priced>();
  private readonly now: () => number;

  constructor(
    private readonly computeNest: ComputeNestPort,
    private readonly account: AccountContext,
    private readonly templates: OrderTemplatePort,
    private readonly options: QuoteServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.cache = new TtlCache(options.ttlMs ?? 60_000, this.now, 500);
  }

  async quote(request: QuoteRequest, locale: Locale): Promise<Quote> {
    const built = await this.templates.orderParameters(request, locale);
    const { parameters } = built;
    const key = quoteKey(await this.account.id(), `${built.serviceVersion}|${built.templateName}`, parameters);
    const priced =
      this.cache.get(key) ??
      (await this.flights.run(key, async () => {
        const resources = await withSecretsScrubbed(request.parameters, () =>
          this.computeNest.getServiceEstimateCost({
            serviceId: DIFY_SERVICE_ID,
            serviceVersion: built.serviceVersion,
            templateName: built.templateName,
            parameters,
          }), built.secrets,
        );
        const entry = { resources, quotedAt: new Date(this.now()).toISOString() };
        this.cache.set(key, entry);
        return entry;
      }));
    return this.present(priced, request, locale);
  }

  /** The order's amounts by way of payment, summed over the quote's items (CheckServiceDeployable's input). */
  async orderAmounts(request: QuoteRequest, locale: Locale): Promise<{ prePaid: number; postPaid: number }> {
    const { items } = await this.quote(request, locale);
    const sum = (chargeType: QuoteItem['chargeType']) => round(items.filter((i) => i.chargeType === chargeType).reduce((acc, i) => acc + i.tradeAmount, 0));
    return { prePaid: sum('PrePaid'), postPaid: sum('PostPaid') };
  }

  private present(priced: Priced, request: QuoteRequest, locale: Locale): Quote {
    const items: QuoteItem[] = Object.entries(priced.resources)
      .filter(([, r]) => r.Success !== false && r.Result?.Order)
      .map(([id, r]) => {
        const order = r.Result?.Order;
        const supplement = r.Result?.OrderSupplement;
        return {
          id,
          type: r.Type,
          label: RESOURCE_LABELS[r.Type]?.[locale] ?? (r.Type || id),
          chargeType: supplement?.ChargeType === 'PrePaid' ? 'PrePaid' : 'PostPaid',
          priceUnit: supplement?.PriceUnit || '/Hour',
          quantity: supplement?.Quantity ?? 1,
          tradeAmount: round(order?.TradeAmount ?? 0),
          originalAmount: round(order?.OriginalAmount ?? 0),
          discountAmount: round(order?.DiscountAmount ?? 0),
        };
      });
    const currency =
      Object.values(priced.resources).find((r) => r.Result?.Order?.Currency)?.Result?.Order?.Currency ||
      (this.options.defaultCurrency ?? 'CNY');

    // One unit for the total: the items' own when they agree, per hour otherwise.
    const units = new Set(items.map((i) => i.priceUnit));
    const unit = units.size === 1 ? [...units][0]! : '/Hour';
    const per = (i: QuoteItem) => (units.size === 1 ? 1 : 1 / (HOURS[i.priceUnit] ?? 1));
    const sum = (f: (i: QuoteItem) => number) => round(items.reduce((acc, i) => acc + f(i) * per(i), 0));

    const p = request.parameters;
    const existingResources = [
      { kind: 'cluster', id: p.clusterId, label: EXISTING.cluster[locale] },
      { kind: 'postgres', id: p.postgresInstanceId, label: EXISTING.postgres[locale] },
      { kind: 'redis', id: p.redisInstanceId, label: EXISTING.redis[locale] },
      { kind: 'milvus', id: p.milvusInstanceId ?? p.milvusEndpoint, label: EXISTING.milvus[locale] },
    ];
    const access = ACCESS_ENTRY_ESTIMATE[currency] ?? ACCESS_ENTRY_ESTIMATE.CNY!;

    return {
      currency,
      sandbox: this.options.sandbox,
      items,
      total: {
        tradeAmount: sum((i) => i.tradeAmount),
        originalAmount: sum((i) => i.originalAmount),
        discountAmount: sum((i) => i.discountAmount),
        priceUnit: unit,
      },
      accessEntry: {
        label: ACCESS_ENTRY_TEXT.label[locale],
        tradeAmount: access.tradeAmount,
        priceUnit: access.priceUnit,
        note: ACCESS_ENTRY_TEXT.note[locale],
      },
      existingResources,
      quotedAt: priced.quotedAt,
    };
  }
}
