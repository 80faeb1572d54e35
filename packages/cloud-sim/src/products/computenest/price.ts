// The local cloud's price model for what a `高可用版-已有资源` deployment BUYS: the NAS file system
// behind Dify's shared storage (CNFS, ~50 GiB) and the ESSD disk of the plugin daemon (20 GiB).
// The ACK cluster, RDS, Redis and Milvus already exist (passed by id): they cost nothing here and
// are not listed. Prices are sandbox figures of the right order of magnitude, not Alibaba's list
// prices; every entry carries a rule named "Sandbox price" so no one mistakes them.

export interface PricedResource {
  logicalId: string;
  type: string;
  /** The priced module (DetailInfos.ResourcePriceModel[].Resource). */
  module: string;
  /** CNY per hour, pay-as-you-go. */
  hourly: number;
  /** CNY per month, subscription. */
  monthly: number;
}

export const PRICED_RESOURCES: readonly PricedResource[] = [
  // General-purpose performance NAS, 50 GiB (≈1.85 CNY/GiB/month).
  {
    logicalId: 'NasFileSystem',
    type: 'ALIYUN::NAS::FileSystem',
    module: 'Storage',
    hourly: 0.13,
    monthly: 92.5,
  },
  // ESSD PL1, 20 GiB (≈1 CNY/GiB/month subscription, 0.0021/GiB/hour pay-as-you-go).
  {
    logicalId: 'PluginDaemonDisk',
    type: 'ALIYUN::ECS::Disk',
    module: 'DataDisk',
    hourly: 0.042,
    monthly: 20,
  },
];

export const SANDBOX_RULE = { RuleDescId: 0, Name: 'Sandbox price' };

export type Charge =
  { type: 'PostPaid' } | { type: 'PrePaid'; period: number; unit: 'Month' | 'Year' | 'Day' };

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** One `Resources` entry of GetServiceEstimateCost. */
export function priceEntry(
  r: PricedResource,
  charge: Charge,
  currency: string,
): Record<string, unknown> {
  let original: number;
  let trade: number;
  let priceUnit: string;
  let quantity: number;
  if (charge.type === 'PostPaid') {
    original = r.hourly;
    trade = r.hourly;
    priceUnit = '/Hour';
    quantity = 1;
  } else {
    const months =
      charge.unit === 'Year'
        ? charge.period * 12
        : charge.unit === 'Day'
          ? charge.period / 30
          : charge.period;
    original = r.monthly * months;
    // A year is sold for ten months (the usual subscription discount).
    trade = charge.unit === 'Year' ? r.monthly * 10 * charge.period : original;
    priceUnit = `/${charge.unit}`;
    quantity = charge.period;
  }
  original = round(original);
  trade = round(trade);
  const discount = round(original - trade);
  return {
    Type: r.type,
    Success: true,
    Result: {
      Order: {
        Currency: currency,
        OriginalAmount: original,
        DiscountAmount: discount,
        TradeAmount: trade,
        RuleIds: [SANDBOX_RULE.RuleDescId],
        DetailInfos: {
          ResourcePriceModel: [
            {
              Resource: r.module,
              OriginalPrice: original,
              DiscountPrice: discount,
              TradePrice: trade,
              SubRules: { Rule: [SANDBOX_RULE] },
            },
          ],
        },
        Coupons: { Coupon: [] },
      },
      OrderSupplement: {
        PriceUnit: priceUnit,
        ChargeType: charge.type,
        Quantity: quantity,
        PriceType: 'Total',
      },
      Rules: { Rule: [SANDBOX_RULE] },
    },
  };
}

/** International site prices in USD (conversion factor of the sandbox; currency UNCONFIRMED). */
export function currencyFor(apiRegion: string): { currency: string; factor: number } {
  return apiRegion === 'ap-southeast-1'
    ? { currency: 'USD', factor: 0.14 }
    : { currency: 'CNY', factor: 1 };
}
