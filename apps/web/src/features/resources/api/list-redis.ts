import { queryOptions, useQuery } from '@tanstack/react-query';
import { listRedis } from '@dify-console/shared/api/resources';
import { apiRequest } from '../../../lib/api-client';
import { resourceKeys, sameRegion, type FetchOptions, type ResourceFilter } from './resource-keys';

export type RedisFilter = ResourceFilter & { regionId: string };

export function fetchRedis(filter: RedisFilter, { refresh, signal }: FetchOptions = {}) {
  return apiRequest(listRedis, {
    params: { regionId: filter.regionId },
    query: { vpcId: filter.vpcId, refresh: refresh || undefined },
    locale: filter.lang,
    signal,
  });
}

export const redisQueryOptions = (filter: RedisFilter, { refresh = false }: { refresh?: boolean } = {}) =>
  queryOptions({
    queryKey: resourceKeys.list('redis', filter),
    queryFn: ({ signal }) => fetchRedis(filter, { refresh, signal }),
  });

/** While the list for a newly chosen VPC loads, the previous list of the same region stays shown. */
export function useRedis(filter: RedisFilter, enabled = true) {
  return useQuery({
    ...redisQueryOptions(filter),
    enabled,
    placeholderData: (previous, previousQuery) =>
      sameRegion(previousQuery?.queryKey, filter.regionId) ? previous : undefined,
  });
}
