import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { pagedListing, type PagedFetchOptions } from './paged-listing';
import { resourceKeys, sameRegion, type ResourceFilter } from './resource-keys';

export type ClustersFilter = ResourceFilter & { regionId: string };

export async function fetchClusters(filter: ClustersFilter, { refresh, firstPage, signal }: PagedFetchOptions = {}) {
  // The contract's schemas (and zod) travel in their own chunk, fetched with the first request.
  const { listClusters } = await import('@dify-console/shared/api/resources');
  return apiRequest(listClusters, {
    params: { regionId: filter.regionId },
    query: { vpcId: filter.vpcId, refresh: refresh || undefined, firstPage: firstPage || undefined },
    locale: filter.lang,
    signal,
  });
}

export const clustersQueryOptions = (filter: ClustersFilter, { refresh = false }: { refresh?: boolean } = {}) =>
  queryOptions({
    queryKey: resourceKeys.list('clusters', filter),
    queryFn: pagedListing((options) => fetchClusters(filter, options), refresh),
  });

/** While the list for a newly chosen VPC loads, the previous list of the same region stays shown. */
export function useClusters(filter: ClustersFilter, enabled = true) {
  return useQuery({
    ...clustersQueryOptions(filter),
    enabled,
    placeholderData: (previous, previousQuery) =>
      sameRegion(previousQuery?.queryKey, filter.regionId) ? previous : undefined,
  });
}
