import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { pagedListing, type PagedFetchOptions } from './paged-listing';
import { resourceKeys, sameRegion, type ResourceFilter } from './resource-keys';

export type RedisFilter = ResourceFilter & { regionId: string };

export async function fetchRedis(filter: RedisFilter, { refresh, firstPage, signal }: PagedFetchOptions = {}) {
  // The contract's schemas (and zod) travel in their own chunk, fetched with the first request.
  const { listRedis } = await import('@dify-console/shared/api/resources');
  return apiRequest(listRedis, {
    params: { regionId: filter.regionId },
    query: { vpcId: filter.vpcId, refresh: refresh || undefined, firstPage: firstPage || undefined },
    locale: filter.lang,
    signal,
  });
}

export const redisQueryOptions = (filter: RedisFilter, { refresh = false }: { refresh?: boolean } = {}) =>
  queryOptions({
    queryKey: resourceKeys.list('redis', filter),
    queryFn: pagedListing((options) => fetchRedis(filter, options), refresh),
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
