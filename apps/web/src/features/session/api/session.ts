import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest, setCsrfToken } from '../../../lib/api-client';

export const sessionKeys = {
  all: ['session'] as const,
  state: () => [...sessionKeys.all, 'state'] as const,
};

export const sessionQueryOptions = (locale: Locale) =>
  queryOptions({
    queryKey: sessionKeys.state(),
    queryFn: async ({ signal }) => {
      // The contract's schemas (and zod) travel in their own chunk, fetched with the first request.
      const { getSession } = await import('@dify-console/shared/api/session');
      const state = await apiRequest(getSession, { locale, signal });
      setCsrfToken(state.csrfToken);
      return state;
    },
    staleTime: Infinity,
    retry: 1,
  });

export function useSession(locale: Locale) {
  return useQuery(sessionQueryOptions(locale));
}
