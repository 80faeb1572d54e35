import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { deployKeys } from './deploy-keys';

export async function fetchNameAvailability(name: string, lang: Locale, signal?: AbortSignal) {
  // The deployments contract (every schema of ordering and tracking) is not needed to draw the
  // first screen: it is fetched with the first check, in the chunk step 2 shares.
  const { nameAvailability } = await import('@dify-console/shared/api/deployments');
  return apiRequest(nameAvailability, { query: { name }, locale: lang, signal });
}

export const nameAvailabilityQueryOptions = (name: string, lang: Locale) =>
  queryOptions({
    queryKey: deployKeys.name(name, lang),
    queryFn: ({ signal }) => fetchNameAvailability(name, lang, signal),
    staleTime: 10_000,
    retry: 1,
  });

/** Each name has its own key: an answer for a name typed earlier never stands for the current one. */
export function useNameAvailability(name: string, lang: Locale, enabled: boolean) {
  return useQuery({ ...nameAvailabilityQueryOptions(name, lang), enabled: enabled && name !== '' });
}
