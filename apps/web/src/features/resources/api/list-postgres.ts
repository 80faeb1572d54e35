import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { pagedListing, type PagedFetchOptions } from './paged-listing';
import { resourceKeys, sameRegion, type ResourceFilter } from './resource-keys';

export type PostgresFilter = ResourceFilter & { regionId: string };

export async function fetchPostgres(filter: PostgresFilter, { refresh, firstPage, signal }: PagedFetchOptions = {}) {
  // The contract's schemas (and zod) travel in their own chunk, fetched with the first request.
  const { listPostgres } = await import('@dify-console/shared/api/resources');
  return apiRequest(listPostgres, {
    params: { regionId: filter.regionId },
    query: { vpcId: filter.vpcId, refresh: refresh || undefined, firstPage: firstPage || undefined },
    locale: filter.lang,
    signal,
  });
}

export const postgresQueryOptions = (filter: PostgresFilter, { refresh = false }: { refresh?: boolean } = {}) =>
  queryOptions({
    queryKey: resourceKeys.list('postgres', filter),
    queryFn: pagedListing((options) => fetchPostgres(filter, options), refresh),
  });

/** While the list for a newly chosen VPC loads, the previous list of the same region stays shown. */
export function usePostgres(filter: PostgresFilter, enabled = true) {
  return useQuery({
    ...postgresQueryOptions(filter),
    enabled,
    placeholderData: (previous, previousQuery) =>
      sameRegion(previousQuery?.queryKey, filter.regionId) ? previous : undefined,
  });
}
