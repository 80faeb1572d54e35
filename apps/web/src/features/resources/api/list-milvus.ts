import { queryOptions, useQuery } from '@tanstack/react-query';
import { listMilvus } from '@dify-console/shared/api/resources';
import { apiRequest } from '../../../lib/api-client';
import { pagedListing, type PagedFetchOptions } from './paged-listing';
import { resourceKeys, sameRegion, type ResourceFilter } from './resource-keys';

export type MilvusFilter = ResourceFilter & { regionId: string };

export function fetchMilvus(filter: MilvusFilter, { refresh, firstPage, signal }: PagedFetchOptions = {}) {
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
