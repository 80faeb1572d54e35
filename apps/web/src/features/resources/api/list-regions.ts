import { queryOptions, useQuery } from '@tanstack/react-query';
import { listRegions } from '@dify-console/shared/api/resources';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { resourceKeys, type FetchOptions } from './resource-keys';

export function fetchRegions(lang: Locale, { refresh, signal }: FetchOptions = {}) {
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
