import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';

export const healthKeys = {
  all: ['health'] as const,
  detail: () => [...healthKeys.all, 'detail'] as const,
};

export async function fetchHealth(locale: Locale, signal?: AbortSignal) {
  // The contract's schemas (and zod) travel in their own chunk, fetched with the first request.
  const { getHealth } = await import('@dify-console/shared/api/health');
  return apiRequest(getHealth, { locale, signal });
}

export const healthQueryOptions = (locale: Locale) =>
  queryOptions({
    queryKey: healthKeys.detail(),
    queryFn: ({ signal }) => fetchHealth(locale, signal),
    staleTime: 5 * 60_000,
    retry: 1,
  });

export function useHealth(locale: Locale) {
  return useQuery(healthQueryOptions(locale));
}
