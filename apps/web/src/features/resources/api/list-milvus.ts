import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { pagedListing, type PagedFetchOptions } from './paged-listing';
import { resourceKeys, sameRegion, type ResourceFilter } from './resource-keys';

export type MilvusFilter = ResourceFilter & { regionId: string };

export async function fetchMilvus(filter: MilvusFilter, { refresh, firstPage, signal }: PagedFetchOptions = {}) {
  // The contract's schemas (and zod) travel in their own chunk, fetched with the first request.
  const { listMilvus } = await import('@dify-console/shared/api/resources');
  return apiRequest(listMilvus, {
    params: { regionId: filter.regionId },
    query: { vpcId: filter.vpcId, refresh: refresh || undefined, firstPage: firstPage || undefined },
    locale: filter.lang,
    signal,
  });
}

export const milvusQueryOptions = (filter: MilvusFilter, { refresh = false }: { refresh?: boolean } = {}) =>
  queryOptions({
    queryKey: resourceKeys.list('milvus', filter),
    queryFn: pagedListing((options) => fetchMilvus(filter, options), refresh),
  });

/** While the list for a newly chosen VPC loads, the previous list of the same region stays shown. */
export function useMilvus(filter: MilvusFilter, enabled = true) {
  return useQuery({
    ...milvusQueryOptions(filter),
    enabled,
    placeholderData: (previous, previousQuery) =>
      sameRegion(previousQuery?.queryKey, filter.regionId) ? previous : undefined,
  });
}
