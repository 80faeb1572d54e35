import { queryOptions, useQuery } from '@tanstack/react-query';
import { listClusters } from '@dify-console/shared/api/resources';
import { apiRequest } from '../../../lib/api-client';
import { resourceKeys, sameRegion, type FetchOptions, type ResourceFilter } from './resource-keys';

export type ClustersFilter = ResourceFilter & { regionId: string };

export function fetchClusters(filter: ClustersFilter, { refresh, signal }: FetchOptions = {}) {
  return apiRequest(listClusters, {
    params: { regionId: filter.regionId },
    query: { vpcId: filter.vpcId, refresh: refresh || undefined },
    locale: filter.lang,
    signal,
  });
}

export const clustersQueryOptions = (filter: ClustersFilter, { refresh = false }: { refresh?: boolean } = {}) =>
  queryOptions({
    queryKey: resourceKeys.list('clusters', filter),
    queryFn: ({ signal }) => fetchClusters(filter, { refresh, signal }),
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
