import type { Locale } from '@dify-console/shared/domain/i18n';

export type ResourceListKind = 'regions' | 'vpcs' | 'clusters' | 'postgres' | 'redis' | 'milvus';

/**
 * What a list depends on. The BFF answers names and reasons in the asked language, so `lang`
 * is part of the key as well as the region and the chosen VPC.
 */
export interface ResourceFilter {
  lang: Locale;
  regionId?: string;
  vpcId?: string;
}

/** The only source of query keys of this feature. */
export const resourceKeys = {
  all: ['resources'] as const,
  lists: () => [...resourceKeys.all, 'list'] as const,
  kind: (kind: ResourceListKind) => [...resourceKeys.lists(), kind] as const,
  list: (kind: ResourceListKind, filter: ResourceFilter) => [...resourceKeys.kind(kind), filter] as const,
};

export interface FetchOptions {
  /** Bypass the BFF's short cache (the picker's refresh button). */
  refresh?: boolean;
  signal?: AbortSignal;
}

/** Whether a list key (from `resourceKeys.list`) is for the given region. */
export function sameRegion(queryKey: readonly unknown[] | undefined, regionId: string): boolean {
  const filter = queryKey?.[queryKey.length - 1];
  return typeof filter === 'object' && filter !== null && (filter as ResourceFilter).regionId === regionId;
}
