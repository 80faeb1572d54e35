import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { pagedListing, type PagedFetchOptions } from './paged-listing';
import { resourceKeys, type ResourceFilter } from './resource-keys';

export type VpcsFilter = Omit<ResourceFilter, 'vpcId'> & { regionId: string };

export async function fetchVpcs(filter: VpcsFilter, { refresh, firstPage, signal }: PagedFetchOptions = {}) {
  // The contract's schemas (and zod) travel in their own chunk, fetched with the first request.
  const { listVpcs } = await import('@dify-console/shared/api/resources');
  return apiRequest(listVpcs, {
    params: { regionId: filter.regionId },
    query: { refresh: refresh || undefined, firstPage: firstPage || undefined },
    locale: filter.lang,
    signal,
  });
}

export const vpcsQueryOptions = (filter: VpcsFilter, { refresh = false }: { refresh?: boolean } = {}) =>
  queryOptions({
    queryKey: resourceKeys.list('vpcs', filter),
    queryFn: pagedListing((options) => fetchVpcs(filter, options), refresh),
  });

export function useVpcs(filter: VpcsFilter, enabled = true) {
  return useQuery({ ...vpcsQueryOptions(filter), enabled });
}
