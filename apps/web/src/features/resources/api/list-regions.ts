import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { resourceKeys, type FetchOptions } from './resource-keys';

export async function fetchRegions(lang: Locale, { refresh, signal }: FetchOptions = {}) {
  // The contract's schemas (and zod) travel in their own chunk, fetched with the first request.
  const { listRegions } = await import('@dify-console/shared/api/resources');
  return apiRequest(listRegions, { query: { refresh: refresh || undefined }, locale: lang, signal });
}

export const regionsQueryOptions = (lang: Locale, { refresh = false }: { refresh?: boolean } = {}) =>
  queryOptions({
    queryKey: resourceKeys.list('regions', { lang }),
    queryFn: ({ signal }) => fetchRegions(lang, { refresh, signal }),
    staleTime: 10 * 60_000,
  });

export function useRegions(lang: Locale) {
  return useQuery(regionsQueryOptions(lang));
}
