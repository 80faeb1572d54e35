import { queryOptions, useQuery } from '@tanstack/react-query';
import { listVpcs } from '@dify-console/shared/api/resources';
import { apiRequest } from '../../../lib/api-client';
import { resourceKeys, type FetchOptions, type ResourceFilter } from './resource-keys';

export type VpcsFilter = Omit<ResourceFilter, 'vpcId'> & { regionId: string };

export function fetchVpcs(filter: VpcsFilter, { refresh, signal }: FetchOptions = {}) {
  return apiRequest(listVpcs, {
    params: { regionId: filter.regionId },
    query: { refresh: refresh || undefined },
    locale: filter.lang,
    signal,
  });
}

export const vpcsQueryOptions = (filter: VpcsFilter, { refresh = false }: { refresh?: boolean } = {}) =>
  queryOptions({
    queryKey: resourceKeys.list('vpcs', filter),
    queryFn: ({ signal }) => fetchVpcs(filter, { refresh, signal }),
  });

export function useVpcs(filter: VpcsFilter, enabled = true) {
  return useQuery({ ...vpcsQueryOptions(filter), enabled });
}
