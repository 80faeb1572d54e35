import type {
  Cluster,
  Milvus,
  Postgres,
  Redis,
  Region,
  Vpc,
} from '@dify-console/shared/api/resources';
import type { Reason } from '@dify-console/shared/domain/eligibility';
import { HA_EXISTING_TEMPLATE, type DeploymentParameters, type ParameterName, type TemplateDescription } from '@dify-console/shared/template/templates';
import type { FieldDef, PickerKind } from '@dify-console/shared/template/types';
import { format, joinClauses, type Locale, type Localized } from '@dify-console/shared/domain/i18n';
import type { Problem } from '@dify-console/shared/domain/problem';
import { REGION_NAMES } from '@dify-console/shared/domain/regions';
import { Limiter, SingleFlight, TtlCache, fetchAllPages, type Page } from '../../lib/utils';
import {
  eligibleFirst,
  toCluster,
  toMilvus,
  toPostgres,
  toRedis,
  toVpc,
  type EligibilityContext,
} from './eligibility';
import type { ListedApi, ResourcePorts } from '../../ports/resources';

export interface Listing<T> {
  items: T[];
  fetchedAt: string;
  /** False for a listing's first page answered before the rest (`firstPage`). */
  complete: boolean;
}

export interface ListOptions {
  refresh?: boolean | undefined;
  /** Answer as soon as the first page is in (`complete: false` when more pages follow). */
  firstPage?: boolean | undefined;
}
export interface CandidateOptions extends ListOptions {
  vpcId?: string | undefined;
  locale: Locale;
}

/**
 * Calls in flight per listing API (per account: the BFF holds one). Alibaba Cloud's quotas are per
 * API, account and region over a window ("Throttling and quota management"; the products' quota
 * tables: VPC 2016-04-28 mostly 300 or 600 per 60 s, 30 per 60 s the lowest; R-kvstore 2015-01-01
 * reads 200 per 60 s to 1,000 per second; SelectDB's DescribeDBInstances 500 per 60 s). This bounds
 * the burst, not the rate: one listing makes one call per page (1,000 RDS instances: 10 calls, the
 * first, then nine at once), far inside such a window, and a throttled page is retried with backoff
 * like any read. `CLOUD_LIST_CONCURRENCY` changes it.
 */
export const DEFAULT_LIST_CONCURRENCY: Record<ListedApi, number> = { vpcs: 10, clusters: 10, rds: 10, redis: 10, milvus: 10 };

export interface ResourceServiceOptions {
  /** How long a listing is reused (per account, region, product and filter). */
  ttlMs?: number;
  /** Calls in flight per listing API (defaults: DEFAULT_LIST_CONCURRENCY). */
  listConcurrency?: Partial<Record<ListedApi, number>>;
  now?: () => number;
}

type Issue = NonNullable<Problem['issues']>[number];

const TEXT = {
  missing: {
    'zh-CN': '地域 {regionId} 中没有 {id}，请重新选择',
    en: 'There is no {id} in the region {regionId}; choose again',
  },
} satisfies Record<string, Localized>;

/** Page sizes: the maximum each API allows (CS and Milvus publish none; 50 is safe). */
const PAGE_SIZE: Record<ListedApi, number> = { vpcs: 50, clusters: 50, rds: 100, redis: 50, milvus: 50 };

type Stored = Omit<Listing<unknown>, 'complete'>;

/** A listing being fetched: its first page as soon as it is in, and the whole list. */
interface Flight {
  first: Promise<Listing<unknown>>;
  all: Promise<Stored>;
}

/**
 * Lists the resources of the caller's account for the form's pickers. Each listing: the first
 * page, then all the others at once (bounded per API); identical listings in flight share one
 * upstream listing (a caller asking `firstPage` gets its first page as soon as it is in);
 * results are cached briefly; `refresh` bypasses the cache. Eligibility and language are applied
 * after the cache, so one upstream listing serves every VPC choice and language.
 */
export class ResourceService {
  private readonly cache: TtlCache<Stored>;
  private readonly flights = new Map<string, Flight>();
  private readonly identity = new SingleFlight<string>();
  private accountId: string | null = null;
  private readonly limiters: Record<ListedApi, Limiter>;
  private readonly now: () => number;

  constructor(
    private readonly ports: ResourcePorts,
    options: ResourceServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.cache = new TtlCache(options.ttlMs ?? 30_000, this.now);
    const bound = (api: ListedApi) => new Limiter(options.listConcurrency?.[api] ?? DEFAULT_LIST_CONCURRENCY[api]);
    this.limiters = { vpcs: bound('vpcs'), clusters: bound('clusters'), rds: bound('rds'), redis: bound('redis'), milvus: bound('milvus') };
  }

  /** The account the credentials belong to: keys every cache entry. */
  private async account(): Promise<string> {
    if (this.accountId) return this.accountId;
    const id = await this.identity.run('self', async () => (await this.ports.identity.getCallerIdentity()).AccountId);
    this.accountId = id;
    return id;
  }

  /**
   * A listing from the flight in progress (fresher than the cache), the cache, or a new flight.
   * `load` reports the first page through its callback.
   */
  private async cached<T>(
    regionId: string,
    product: string,
    filter: string,
    options: ListOptions,
    load: (onFirst: (items: T[], complete: boolean) => void) => Promise<T[]>,
  ): Promise<Listing<T>> {
    const key = [await this.account(), regionId, product, filter].join('|');
    let flight = this.flights.get(key);
    if (!flight && !options.refresh) {
      const hit = this.cache.get(key);
      if (hit) return { ...(hit as Omit<Listing<T>, 'complete'>), complete: true };
    }
    flight ??= this.start(key, load);
    const listing = options.firstPage ? await flight.first : { ...(await flight.all), complete: true };
    return listing as Listing<T>;
  }

  private start(key: string, load: (onFirst: (items: unknown[], complete: boolean) => void) => Promise<unknown[]>): Flight {
    const fetchedAt = new Date(this.now()).toISOString();
    let answerFirst!: (listing: Listing<unknown>) => void;
    let failFirst!: (error: unknown) => void;
    const first = new Promise<Listing<unknown>>((resolve, reject) => {
      answerFirst = resolve;
      failFirst = reject;
    });
    const all = (async () => {
      try {
        const items = await load((page, complete) => answerFirst({ items: page, fetchedAt, complete }));
        const stored: Stored = { items, fetchedAt };
        this.cache.set(key, stored);
        answerFirst({ ...stored, complete: true });
        return stored;
      } catch (error) {
        failFirst(error);
        throw error;
      } finally {
        this.flights.delete(key);
      }
    })();
    // Whoever asked reads the outcome; these only keep an unread one from being "unhandled".
    first.catch(() => undefined);
    all.catch(() => undefined);
    const flight: Flight = { first, all };
    this.flights.set(key, flight);
    return flight;
  }

  private all<T>(api: ListedApi, fetchPage: (page: number, size: number) => Promise<Page<T>>) {
    return (onFirst: (items: T[], complete: boolean) => void) =>
      fetchAllPages(fetchPage, PAGE_SIZE[api], this.limiters[api], onFirst);
  }

  async listRegions(locale: Locale, options: ListOptions = {}): Promise<Listing<Region>> {
    const language = locale === 'zh-CN' ? 'zh-CN' : 'en-US';
    const listing = await this.cached('*', 'regions', language, { refresh: options.refresh }, () =>
      this.ports.regions.describeRegions(language),
    );
    return {
      fetchedAt: listing.fetchedAt,
      complete: true,
      items: listing.items.map((r) => ({
        regionId: r.RegionId,
        name: REGION_NAMES[r.RegionId]?.[locale] ?? (r.LocalName || r.RegionId),
      })),
    };
  }

  async listVpcs(regionId: string, options: ListOptions = {}): Promise<Listing<Vpc>> {
    const listing = await this.cached(regionId, 'vpcs', '', options,
      this.all('vpcs', (n, size) => this.ports.vpcs.describeVpcs(regionId, n, size)));
    return { ...listing, items: listing.items.map(toVpc) };
  }

  async listClusters(regionId: string, options: CandidateOptions): Promise<Listing<Cluster>> {
    const listing = await this.cached(regionId, 'clusters', '', options,
      this.all('clusters', (n, size) => this.ports.clusters.describeClustersV1(regionId, n, size)));
    return this.judge(listing, options, toCluster);
  }

  async listPostgres(regionId: string, options: CandidateOptions): Promise<Listing<Postgres>> {
    const listing = await this.cached(regionId, 'rds', '', options,
      this.all('rds', (n, size) => this.ports.rds.describeDBInstances(regionId, n, size)));
    return this.judge(listing, options, toPostgres);
  }

  async listRedis(regionId: string, options: CandidateOptions): Promise<Listing<Redis>> {
    const listing = await this.cached(regionId, 'redis', '', options,
      this.all('redis', (n, size) => this.ports.redis.describeInstances(regionId, n, size)));
    return this.judge(listing, options, toRedis);
  }

  async listMilvus(regionId: string, options: CandidateOptions): Promise<Listing<Milvus>> {
    const listing = await this.cached(regionId, 'milvus', '', options,
      this.all('milvus', (n, size) => this.ports.milvus.listInstances(regionId, n, size)));
    return this.judge(listing, options, toMilvus);
  }

  private judge<R, T extends { eligible: boolean }>(
    listing: Listing<R>,
    options: CandidateOptions,
    map: (record: R, ctx: EligibilityContext) => T,
  ): Listing<T> {
    const ctx: EligibilityContext = { vpcId: options.vpcId, locale: options.locale };
    return { ...listing, items: eligibleFirst(listing.items.map((r) => map(r, ctx))) };
  }

  /**
   * Why the picked resources of an order cannot be used, field by field (empty when they all
   * can): each must exist in the region, be of the right kind and state, and sit in the chosen
   * VPC. The pickers' own rules, for every field the template gives a picker, asked of the cloud
   * afresh (no cache: the order acts on the answer).
   */
  async unusablePicks(
    regionId: string,
    parameters: DeploymentParameters,
    locale: Locale,
    template: TemplateDescription = HA_EXISTING_TEMPLATE,
  ): Promise<Issue[]> {
    const options: CandidateOptions = { vpcId: parameters.vpcId, locale, refresh: true };
    const lists: Record<PickerKind, () => Promise<Listing<{ id: string; eligible?: boolean; reasons?: Reason[] }>>> = {
      vpc: () => this.listVpcs(regionId, { refresh: true }),
      cluster: () => this.listClusters(regionId, options),
      postgres: () => this.listPostgres(regionId, options),
      redis: () => this.listRedis(regionId, options),
      milvus: () => this.listMilvus(regionId, options),
    };
    const picked = (Object.entries(template.fields) as [ParameterName, FieldDef][]).flatMap(([name, def]) => {
      const id = parameters[name];
      return def.picker && typeof id === 'string' ? [{ name, id, list: lists[def.picker] }] : [];
    });
    const verdicts = await Promise.all(
      picked.map(async ({ name, id, list }): Promise<Issue | null> => {
        const found = (await list()).items.find((i) => i.id === id);
        if (!found) return { path: ['parameters', name], message: format(TEXT.missing[locale], { id, regionId }) };
        if (found.eligible === false) return { path: ['parameters', name], message: joinClauses((found.reasons ?? []).map((r) => r.message), locale) };
        return null;
      }),
    );
    return verdicts.filter((v): v is Issue => v !== null);
  }
}
