import { describe, expect, it } from 'vitest';
import type {
  ClusterRecord,
  DBInstanceRecord,
  KVStoreRecord,
  MilvusRecord,
  PageOf,
  ResourcePorts,
  VpcRecord,
} from '../../ports/resources';
import { ResourceService } from './resource.service';

const VPC = 'vpc-main';
const OTHER = 'vpc-other';

const cluster = (over: Partial<ClusterRecord>): ClusterRecord => ({
  cluster_id: 'c1', name: 'pro', cluster_type: 'ManagedKubernetes', profile: 'Default', cluster_spec: 'ack.pro.small',
  state: 'running', current_version: '1.30.1-aliyun.1', vpc_id: VPC, size: 3, ...over,
});
const rds = (over: Partial<DBInstanceRecord>): DBInstanceRecord => ({
  DBInstanceId: 'pgm-1', DBInstanceDescription: 'pg', Engine: 'PostgreSQL', EngineVersion: '16.0', DBInstanceStatus: 'Running',
  DBInstanceType: 'Primary', DBInstanceClass: 'pg.n2.2c.1m', InstanceNetworkType: 'VPC', ConnectionString: 'pgm-1.pg.rds.aliyuncs.com',
  VpcId: VPC, ...over,
});
const kv = (over: Partial<KVStoreRecord>): KVStoreRecord => ({
  InstanceId: 'r-1', InstanceName: 'redis', InstanceStatus: 'Normal', ConnectionDomain: 'r-1.redis.rds.aliyuncs.com', Port: 6379,
  EngineVersion: '7.0', ArchitectureType: 'standard', InstanceType: 'Redis', NetworkType: 'VPC', VpcId: VPC, ...over,
});
const milvus = (over: Partial<MilvusRecord>): MilvusRecord => ({
  InstanceId: 'c-m1', ClusterName: 'vec', InstanceStatus: 'running', VpcId: VPC, Version: '2.4',
  ClusterInfo: { IntranetUrl: 'c-m1-internal.milvus.aliyuncs.com', ProxyPort: 19530 }, ...over,
});

function paged<T>(all: T[], calls: string[], name: string) {
  return async (_region: string, page: number, size: number): Promise<PageOf<T>> => {
    calls.push(`${name}:${page}`);
    await new Promise((r) => setTimeout(r, 5));
    return { items: all.slice((page - 1) * size, page * size), totalCount: all.length };
  };
}

function fakes(data: { clusters?: ClusterRecord[]; rds?: DBInstanceRecord[]; redis?: KVStoreRecord[]; milvus?: MilvusRecord[]; vpcs?: VpcRecord[] } = {}) {
  const calls: string[] = [];
  const ports: ResourcePorts = {
    identity: { getCallerIdentity: async () => (calls.push('identity'), { AccountId: '1234' }) },
    regions: {
      describeRegions: async (lang) => {
        calls.push(`regions:${lang}`);
        return [
          { RegionId: 'cn-hangzhou', LocalName: lang === 'zh-CN' ? '华东 1（杭州）' : 'China (Hangzhou)' },
          { RegionId: 'xx-newregion-1', LocalName: 'Brand new' },
        ];
      },
    },
    vpcs: { describeVpcs: paged(data.vpcs ?? [], calls, 'vpcs') },
    clusters: { describeClustersV1: paged(data.clusters ?? [], calls, 'clusters') },
    rds: { describeDBInstances: paged(data.rds ?? [], calls, 'rds') },
    redis: { describeInstances: paged(data.redis ?? [], calls, 'redis') },
    milvus: { listInstances: paged(data.milvus ?? [], calls, 'milvus') },
  };
  return { ports, calls };
}

describe('ResourceService eligibility', () => {
  it('accepts only running Pro/Basic managed clusters in the chosen VPC, and says why not', async () => {
    const { ports } = fakes({
      clusters: [
        cluster({ cluster_id: 'c-pro' }),
        cluster({ cluster_id: 'c-basic', cluster_spec: 'ack.standard' }),
        cluster({ cluster_id: 'c-ded', cluster_type: 'Kubernetes', profile: '', cluster_spec: '' }),
        cluster({ cluster_id: 'c-sls', profile: 'Serverless' }),
        cluster({ cluster_id: 'c-ext', cluster_type: 'ExternalKubernetes', profile: '', cluster_spec: '' }),
        cluster({ cluster_id: 'c-stop', state: 'stopped' }),
        cluster({ cluster_id: 'c-far', vpc_id: OTHER }),
      ],
    });
    const svc = new ResourceService(ports);
    const { items } = await svc.listClusters('cn-hangzhou', { vpcId: VPC, locale: 'en' });
    const byId = Object.fromEntries(items.map((c) => [c.id, c]));
    expect(byId['c-pro']).toMatchObject({ kind: 'pro', eligible: true, reasons: [] });
    expect(byId['c-basic']).toMatchObject({ kind: 'basic', eligible: true });
    expect(byId['c-ded']).toMatchObject({ kind: 'dedicated', eligible: false, reasons: [{ code: 'notManagedCluster' }] });
    expect(byId['c-sls']).toMatchObject({ kind: 'serverless', eligible: false, reasons: [{ code: 'unsupportedProfile' }] });
    expect(byId['c-ext']).toMatchObject({ kind: 'external', eligible: false });
    expect(byId['c-stop']?.reasons[0]?.message).toBe('Its status is stopped; it must be running');
    expect(byId['c-far']?.reasons[0]).toMatchObject({ code: 'otherVpc', params: { vpcId: OTHER } });
    expect(items.slice(0, 2).every((c) => c.eligible)).toBe(true);
  });

  it('does not mark other VPCs when no VPC is chosen', async () => {
    const { ports } = fakes({ clusters: [cluster({ vpc_id: OTHER })] });
    const { items } = await new ResourceService(ports).listClusters('cn-hangzhou', { locale: 'en' });
    expect(items[0]?.eligible).toBe(true);
  });

  it('accepts only running primary PostgreSQL on a VPC, with reasons in Chinese', async () => {
    const { ports } = fakes({
      rds: [
        rds({ DBInstanceId: 'pgm-ok' }),
        rds({ DBInstanceId: 'rm-mysql', Engine: 'MySQL' }),
        rds({ DBInstanceId: 'pgm-ro', DBInstanceType: 'Readonly' }),
        rds({ DBInstanceId: 'pgm-stop', DBInstanceStatus: 'Stopped' }),
        rds({ DBInstanceId: 'pgm-classic', InstanceNetworkType: 'Classic', VpcId: '' }),
      ],
    });
    const { items } = await new ResourceService(ports).listPostgres('cn-hangzhou', { vpcId: VPC, locale: 'zh-CN' });
    const byId = Object.fromEntries(items.map((c) => [c.id, c]));
    expect(byId['pgm-ok']).toMatchObject({ eligible: true, internalAddress: { host: 'pgm-1.pg.rds.aliyuncs.com', port: 5432 } });
    expect(byId['rm-mysql']?.reasons[0]?.message).toBe('数据库引擎为 MySQL，Dify 需要 PostgreSQL');
    expect(byId['pgm-ro']?.reasons[0]?.message).toBe('这是只读实例，需要主实例');
    expect(byId['pgm-stop']?.reasons.map((r) => r.code)).toEqual(['notRunning']);
    expect(byId['pgm-classic']?.reasons.map((r) => r.code)).toEqual(['otherVpc', 'notVpcNetwork']);
  });

  it('refuses cluster-architecture Redis, Memcache and instances not Normal', async () => {
    const { ports } = fakes({
      redis: [
        kv({ InstanceId: 'r-ok' }),
        kv({ InstanceId: 'r-cluster', ArchitectureType: 'cluster' }),
        kv({ InstanceId: 'r-mc', InstanceType: 'Memcache' }),
        kv({ InstanceId: 'r-chg', InstanceStatus: 'Changing' }),
      ],
    });
    const { items } = await new ResourceService(ports).listRedis('cn-hangzhou', { vpcId: VPC, locale: 'en' });
    const byId = Object.fromEntries(items.map((c) => [c.id, c]));
    expect(byId['r-ok']).toMatchObject({ eligible: true, internalAddress: { host: 'r-1.redis.rds.aliyuncs.com', port: 6379 } });
    expect(byId['r-cluster']?.reasons.map((r) => r.code)).toEqual(['redisClusterArchitecture']);
    expect(byId['r-mc']?.reasons.map((r) => r.code)).toEqual(['notRedis']);
    expect(byId['r-chg']?.reasons.map((r) => r.code)).toEqual(['notRunning']);
  });

  it('maps Milvus endpoints and refuses instances not running', async () => {
    const { ports } = fakes({ milvus: [milvus({}), milvus({ InstanceId: 'c-m2', InstanceStatus: 'creating', ClusterInfo: null })] });
    const { items } = await new ResourceService(ports).listMilvus('cn-hangzhou', { vpcId: VPC, locale: 'en' });
    expect(items[0]).toMatchObject({ id: 'c-m1', eligible: true, internalEndpoint: 'c-m1-internal.milvus.aliyuncs.com', port: 19530 });
    expect(items[1]).toMatchObject({ id: 'c-m2', eligible: false, internalEndpoint: null, port: null });
  });

  it('names regions as the Compute Nest console does, falling back to the cloud name', async () => {
    const { ports } = fakes();
    const svc = new ResourceService(ports);
    expect((await svc.listRegions('zh-CN')).items).toEqual([
      { regionId: 'cn-hangzhou', name: '华东1（杭州）' },
      { regionId: 'xx-newregion-1', name: 'Brand new' },
    ]);
    expect((await svc.listRegions('en')).items[0]?.name).toBe('China (Hangzhou)');
  });
});

describe('ResourceService listing', () => {
  const many = Array.from({ length: 230 }, (_, i) => rds({ DBInstanceId: `pgm-${i}` }));

  it('fetches every page, the first then the others, and keeps the order', async () => {
    const { ports, calls } = fakes({ rds: many });
    const { items } = await new ResourceService(ports).listPostgres('cn-hangzhou', { locale: 'en' });
    expect(items.map((i) => i.id)).toEqual(many.map((m) => m.DBInstanceId));
    expect(calls.filter((c) => c.startsWith('rds'))).toEqual(['rds:1', 'rds:2', 'rds:3']);
  });

  it('caches per account, region and product; refresh bypasses; the TTL expires', async () => {
    let now = 0;
    const { ports, calls } = fakes({ rds: many });
    const svc = new ResourceService(ports, { ttlMs: 30_000, now: () => now });
    await svc.listPostgres('cn-hangzhou', { locale: 'en' });
    await svc.listPostgres('cn-hangzhou', { locale: 'zh-CN', vpcId: VPC });
    expect(calls.filter((c) => c === 'rds:1')).toHaveLength(1);
    await svc.listPostgres('cn-shanghai', { locale: 'en' });
    expect(calls.filter((c) => c === 'rds:1')).toHaveLength(2);
    await svc.listPostgres('cn-hangzhou', { locale: 'en', refresh: true });
    expect(calls.filter((c) => c === 'rds:1')).toHaveLength(3);
    now += 30_001;
    await svc.listPostgres('cn-hangzhou', { locale: 'en' });
    expect(calls.filter((c) => c === 'rds:1')).toHaveLength(4);
    expect(calls.filter((c) => c === 'identity')).toHaveLength(1);
  });

  it('shares one upstream listing between identical requests in flight', async () => {
    const { ports, calls } = fakes({ rds: many });
    const svc = new ResourceService(ports);
    await Promise.all(Array.from({ length: 50 }, () => svc.listPostgres('cn-hangzhou', { locale: 'en' })));
    expect(calls.filter((c) => c.startsWith('rds'))).toEqual(['rds:1', 'rds:2', 'rds:3']);
    expect(calls.filter((c) => c === 'identity')).toHaveLength(1);
  });

  it('does not cache a failure', async () => {
    const { ports } = fakes({ vpcs: [] });
    let fail = true;
    const inner = ports.vpcs.describeVpcs.bind(ports.vpcs);
    ports.vpcs.describeVpcs = async (...args) => {
      if (fail) throw new Error('boom');
      return inner(...args);
    };
    const svc = new ResourceService(ports);
    await expect(svc.listVpcs('cn-hangzhou')).rejects.toThrow('boom');
    fail = false;
    expect((await svc.listVpcs('cn-hangzhou')).items).toEqual([]);
  });

  it('answers the first page as soon as it is in, and the whole list from the same upstream listing', async () => {
    const { ports, calls } = fakes({ rds: many });
    let releaseRest!: () => void;
    const rest = new Promise<void>((r) => (releaseRest = r));
    const inner = ports.rds.describeDBInstances.bind(ports.rds);
    ports.rds.describeDBInstances = async (region, page, size) => {
      if (page > 1) await rest;
      return inner(region, page, size);
    };
    const svc = new ResourceService(ports);
    const first = await svc.listPostgres('cn-hangzhou', { locale: 'en', firstPage: true });
    expect(first.complete).toBe(false);
    expect(first.items.map((i) => i.id)).toEqual(many.slice(0, 100).map((m) => m.DBInstanceId));
    // The whole list joins the listing in progress (not a second one, not the cache).
    const whole = svc.listPostgres('cn-hangzhou', { locale: 'en' });
    releaseRest();
    expect((await whole).items).toHaveLength(230);
    expect((await whole).complete).toBe(true);
    expect(calls.filter((c) => c.startsWith('rds'))).toEqual(['rds:1', 'rds:2', 'rds:3']);
    // Once cached, a first-page request gets the whole list.
    expect(await svc.listPostgres('cn-hangzhou', { locale: 'en', firstPage: true })).toMatchObject({ complete: true, items: expect.any(Array) });
    expect((await svc.listPostgres('cn-hangzhou', { locale: 'en', firstPage: true })).items).toHaveLength(230);
  });

  it('a refresh asked page by page joins its own listing in progress rather than the older cache', async () => {
    const { ports, calls } = fakes({ rds: many });
    const svc = new ResourceService(ports);
    await svc.listPostgres('cn-hangzhou', { locale: 'en' });
    const first = svc.listPostgres('cn-hangzhou', { locale: 'en', firstPage: true, refresh: true });
    const whole = svc.listPostgres('cn-hangzhou', { locale: 'en' });
    expect((await first).complete).toBe(false);
    expect((await whole).items).toHaveLength(230);
    expect(calls.filter((c) => c === 'rds:1')).toHaveLength(2);
  });

  it('a first page that holds everything is complete', async () => {
    const { ports } = fakes({ rds: many.slice(0, 3) });
    const listing = await new ResourceService(ports).listPostgres('cn-hangzhou', { locale: 'en', firstPage: true });
    expect(listing).toMatchObject({ complete: true });
    expect(listing.items).toHaveLength(3);
  });

  it('a failed first page fails the first-page request too', async () => {
    const { ports } = fakes({ vpcs: [] });
    ports.vpcs.describeVpcs = async () => {
      throw new Error('boom');
    };
    await expect(new ResourceService(ports).listVpcs('cn-hangzhou', { firstPage: true })).rejects.toThrow('boom');
  });

  it('bounds the calls in flight per API across listings', async () => {
    const { ports } = fakes({ rds: many });
    let running = 0;
    let peak = 0;
    const inner = ports.rds.describeDBInstances.bind(ports.rds);
    ports.rds.describeDBInstances = async (region, page, size) => {
      running += 1;
      peak = Math.max(peak, running);
      try {
        return await inner(region, page, size);
      } finally {
        running -= 1;
      }
    };
    const svc = new ResourceService(ports, { listConcurrency: { rds: 2 } });
    await Promise.all([svc.listPostgres('cn-hangzhou', { locale: 'en' }), svc.listPostgres('cn-shanghai', { locale: 'en' })]);
    expect(peak).toBe(2);
  });
});
