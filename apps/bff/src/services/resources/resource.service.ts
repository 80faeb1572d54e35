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
import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';
import type { Problem } from '@dify-console/shared/domain/problem';
import { REGION_NAMES } from '@dify-console/shared/domain/regions';
import { SingleFlight, TtlCache, fetchAllPages, type Page } from '../../lib/utils';
import {
  eligibleFirst,
  toCluster,
  toMilvus,
  toPostgres,
  toRedis,
  toVpc,
  type EligibilityContext,
} from './eligibility';
import type { ResourcePorts } from '../../ports/resources';

export interface Listing<T> {
  items: T[];
  fetchedAt: string;
}

export interface ListOptions {
  refresh?: boolean | undefined;
}
export interface CandidateOptions extends ListOptions {
  vpcId?: string | undefined;
  locale: Locale;
}

export interface ResourceServiceOptions {
  /** How long a listing is reused (per account, region, product and filter). */
  ttlMs?: number;
  /** How many pages are fetched at once after the first. */
  pageConcurrency?: number;
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
const PAGE_SIZE = { vpcs: 50, clusters: 50, rds: 100, redis: 50, milvus: 50 } as const;

/**
 * Lists the resources of the caller's account for the form's pickers. Each listing: the first
 * page, then the rest in parallel (bounded); identical listings in flight share one upstream
 * call; results are cached briefly; `refresh` bypasses the cache. Eligibility and language are
 * applied after the cache, so one upstream listing serves every VPC choice and language.
 */
export class ResourceService {
  private readonly cache: TtlCache<Listing<unknown>>;
  private readonly flights = new SingleFlight<Listing<unknown>>();
  private readonly identity = new SingleFlight<string>();
  private accountId: string | null = null;
  private readonly pageConcurrency: number;
  private readonly now: () => number;

  constructor(
    private readonly ports: ResourcePorts,
    options: ResourceServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.cache = new TtlCache(options.ttlMs ?? 30_000, this.now);
    this.pageConcurrency = options.pageConcurrency ?? 4;
  }

  /** The account the credentials belong to: keys every cache entry. */
  private async account(): Promise<string> {
    if (this.accountId) return this.accountId;
    const id = await this.identity.run('self', async () => (await this.ports.identity.getCallerIdentity()).AccountId);
    this.accountId = id;
    return id;
  }

  private async cached<T>(
    regionId: string,
    product: string,
    filter: string,
    refresh: boolean | undefined,
    load: () => Promise<T[]>,
  ): Promise<Listing<T>> {
    const key = [await this.account(), regionId, product, filter].join('|');
    if (!refresh) {
      const hit = this.cache.get(key);
      if (hit) return hit as Listing<T>;
    }
    const listing = await this.flights.run(key, async () => {
      const fetchedAt = new Date(this.now()).toISOString();
      const items = await load();
      const entry: Listing<unknown> = { items, fetchedAt };
      this.cache.set(key, entry);
      return entry;
    });
    return listing as Listing<T>;
  }

  private all<T>(pageSize: number, fetchPage: (page: number, size: number) => Promise<Page<T>>) {
    return () => fetchAllPages(fetchPage, pageSize, this.pageConcurrency);
  }

  async listRegions(locale: Locale, options: ListOptions = {}): Promise<Listing<Region>> {
    const language = locale === 'zh-CN' ? 'zh-CN' : 'en-US';
    const listing = await this.cached('*', 'regions', language, options.refresh, () =>
      this.ports.regions.describeRegions(language),
    );
    return {
      fetchedAt: listing.fetchedAt,
      items: listing.items.map((r) => ({
        regionId: r.RegionId,
        name: REGION_NAMES[r.RegionId]?.[locale] ?? (r.LocalName || r.RegionId),
      })),
    };
  }

  async listVpcs(regionId: string, options: ListOptions = {}): Promise<Listing<Vpc>> {
    const listing = await this.cached(regionId, 'vpcs', '', options.refresh,
      this.all(PAGE_SIZE.vpcs, (n, size) => this.ports.vpcs.describeVpcs(regionId, n, size)));
    return { fetchedAt: listing.fetchedAt, items: listing.items.map(toVpc) };
  }

  async listClusters(regionId: string, options: CandidateOptions): Promise<Listing<Cluster>> {
    const listing = await this.cached(regionId, 'clusters', '', options.refresh,
      this.all(PAGE_SIZE.clusters, (n, size) => this.ports.clusters.describeClustersV1(regionId, n, size)));
    return this.judge(listing, options, toCluster);
  }

  async listPostgres(regionId: string, options: CandidateOptions): Promise<Listing<Postgres>> {
    const listing = await this.cached(regionId, 'rds', '', options.refresh,
      this.all(PAGE_SIZE.rds, (n, size) => this.ports.rds.describeDBInstances(regionId, n, size)));
    return this.judge(listing, options, toPostgres);
  }

  async listRedis(regionId: string, options: CandidateOptions): Promise<Listing<Redis>> {
    const listing = await this.cached(regionId, 'redis', '', options.refresh,
      this.all(PAGE_SIZE.redis, (n, size) => this.ports.redis.describeInstances(regionId, n, size)));
    return this.judge(listing, options, toRedis);
  }

  async listMilvus(regionId: string, options: CandidateOptions): Promise<Listing<Milvus>> {
    const listing = await this.cached(regionId, 'milvus', '', options.refresh,
      this.all(PAGE_SIZE.milvus, (n, size) => this.ports.milvus.listInstances(regionId, n, size)));
    return this.judge(listing, options, toMilvus);
  }

  private judge<R, T extends { eligible: boolean }>(
    listing: Listing<R>,
    options: CandidateOptions,
    map: (record: R, ctx: EligibilityContext) => T,
  ): Listing<T> {
    const ctx: EligibilityContext = { vpcId: options.vpcId, locale: options.locale };
    return { fetchedAt: listing.fetchedAt, items: eligibleFirst(listing.items.map((r) => map(r, ctx))) };
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
        if (found.eligible === false) return { path: ['parameters', name], message: (found.reasons ?? []).map((r) => r.message).join('; ') };
        return null;
      }),
    );
    return verdicts.filter((v): v is Issue => v !== null);
  }
}
