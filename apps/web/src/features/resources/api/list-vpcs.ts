import { queryOptions, useQuery } from '@tanstack/react-query';
import { listVpcs } from '@dify-console/shared/api/resources';
import { apiRequest } from '../../../lib/api-client';
import { pagedListing, type PagedFetchOptions } from './paged-listing';
import { resourceKeys, type ResourceFilter } from './resource-keys';

export type VpcsFilter = Omit<ResourceFilter, 'vpcId'> & { regionId: string };

export function fetchVpcs(filter: VpcsFilter, { refresh, firstPage, signal }: PagedFetchOptions = {}) {
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
