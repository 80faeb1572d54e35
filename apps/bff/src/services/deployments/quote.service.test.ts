import { describe, expect, it } from 'vitest';
import type { QuoteRequest } from '@dify-console/shared/api/deployments';
import { FakeComputeNest, TEST_PARAMS as PARAMS } from '../../testing/fake-computenest';
import { fakeTemplates } from '../../testing/fake-template';
import { AccountContext } from '../account';
import { canonicalJson, quoteKey, QuoteService } from './quote.service';

const request = (over: Partial<typeof PARAMS> = {}): QuoteRequest => ({
  regionId: 'cn-hangzhou',
  templateName: '高可用版-已有资源',
  parameters: { ...PARAMS, ...over },
});

const line = (type: string, amount: number, unit = '/Hour') => ({
  Type: type,
  Success: true,
  Result: {
    Order: { Currency: 'CNY', TradeAmount: amount, OriginalAmount: amount + 0.1, DiscountAmount: 0.1 },
    OrderSupplement: { PriceUnit: unit, ChargeType: 'PostPaid', Quantity: 1 },
  },
});

function setup(sandbox = true) {
  const cloud = new FakeComputeNest();
  cloud.estimate = {
    DifyNas: line('ALIYUN::NAS::FileSystem', 0.5),
    DifyDisk: line('ALIYUN::ECS::Disk', 0.25),
    Weird: line('ALIYUN::Something::New', 1),
  };
  const account = new AccountContext({ getCallerIdentity: async () => ({ AccountId: '1234' }) });
  return { cloud, service: new QuoteService(cloud, account, fakeTemplates(), { sandbox }) };
}

describe('QuoteService', () => {
  it('prices item by item in the user language, with totals, existing resources and the access entry', async () => {
    const { cloud, service } = setup();
    const zh = await service.quote(request(), 'zh-CN');
    expect(zh.items.map((i) => i.label)).toEqual(['NAS 文件系统', '云盘', 'ALIYUN::Something::New']);
    expect(zh).toMatchObject({ currency: 'CNY', sandbox: true, total: { tradeAmount: 1.75, originalAmount: 2.05, discountAmount: 0.3, priceUnit: '/Hour' } });
    expect(zh.existingResources.map((r) => [r.kind, r.id])).toEqual([
      ['cluster', PARAMS.clusterId], ['postgres', 'pgm-abc'], ['redis', 'r-abc'], ['milvus', 'c-m1'],
    ]);
    expect(zh.accessEntry).toMatchObject({ tradeAmount: expect.any(Number), priceUnit: '/Hour' });
    expect(zh.accessEntry.note).toMatch(/估算/);
    const en = await service.quote(request(), 'en');
    expect(en.items[0]).toMatchObject({ id: 'DifyNas', type: 'ALIYUN::NAS::FileSystem', label: 'NAS file system', chargeType: 'PostPaid', quantity: 1 });
    expect(en.accessEntry.note).toMatch(/estimate/);
    // The cloud got the template's names and the deployment region inside Parameters.
    expect(cloud.calls[0]?.args).toMatchObject({
      serviceId: 'service-c8afb895dd314f70a020',
      templateName: '高可用版-已有资源',
      parameters: { RegionId: 'cn-hangzhou', NetworkId: 'vpc-main', PgPassword: 'Pg#Secret2026', EnableHA: true },
    });
  });

  it('answers identical parameters from the cache and shares a quote in flight; other parameters ask again', async () => {
    const { cloud, service } = setup(false);
    cloud.latencyMs = 20;
    const [a, b, c] = await Promise.all([service.quote(request(), 'en'), service.quote(request(), 'zh-CN'), service.quote(request(), 'en')]);
    expect(cloud.count('GetServiceEstimateCost')).toBe(1);
    expect(a.quotedAt).toBe(b.quotedAt);
    expect(c.sandbox).toBe(false);
    await service.quote(request(), 'en');
    expect(cloud.count('GetServiceEstimateCost')).toBe(1);
    await service.quote(request({ redisPassword: 'Other_Pass2026' }), 'en');
    expect(cloud.count('GetServiceEstimateCost')).toBe(2);
  });

  it('expires the cache', async () => {
    let now = 0;
    const cloud = new FakeComputeNest();
    const account = new AccountContext({ getCallerIdentity: async () => ({ AccountId: '1' }) });
    const service = new QuoteService(cloud, account, fakeTemplates(), { sandbox: true, ttlMs: 60_000, now: () => now });
    await service.quote(request(), 'en');
    now = 59_000;
    await service.quote(request(), 'en');
    now = 61_000;
    await service.quote(request(), 'en');
    expect(cloud.count('GetServiceEstimateCost')).toBe(2);
  });

  it('keys the cache by a SHA-256 of canonical parameters, never the password itself', () => {
    const key = quoteKey('1234', 't', { B: 1, A: 'Pg#Secret2026' });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).toBe(quoteKey('1234', 't', { A: 'Pg#Secret2026', B: 1 }));
    expect(canonicalJson({ b: [2, { d: 1, c: 0 }], a: null })).toBe('{"a":null,"b":[2,{"c":0,"d":1}]}');
  });

  it('adds up lines priced per different units per hour, and leaves out failed lines', async () => {
    const { cloud, service } = setup();
    cloud.estimate = {
      Nas: line('ALIYUN::NAS::FileSystem', 73, '/Month'),
      Eip: line('ALIYUN::VPC::EIP', 1),
      Broken: { Type: 'ALIYUN::ECS::Disk', Success: false, Code: 'PriceNotFound', Message: 'x' },
    };
    const q = await service.quote(request(), 'en');
    expect(q.items.map((i) => i.id)).toEqual(['Nas', 'Eip']);
    expect(q.total).toMatchObject({ tradeAmount: 1.1, priceUnit: '/Hour' });
  });
});
