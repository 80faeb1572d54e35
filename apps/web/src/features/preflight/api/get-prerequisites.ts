import { queryOptions, useQuery } from '@tanstack/react-query';
import { getPrerequisites } from '@dify-console/shared/api/preflight';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { preflightKeys } from './preflight-keys';

export function fetchPrerequisites(lang: Locale, signal?: AbortSignal) {
  return apiRequest(getPrerequisites, { locale: lang, signal });
}

export const prerequisitesQueryOptions = (lang: Locale) =>
  queryOptions({
    queryKey: preflightKeys.prerequisites(lang),
    queryFn: ({ signal }) => fetchPrerequisites(lang, signal),
    // Policies granted in the RAM console must show when the page is opened again.
    staleTime: 0,
  });

/** The caller's identity and the guide's RAM policies, each with its status. */
export function usePrerequisites(lang: Locale) {
  return useQuery(prerequisitesQueryOptions(lang));
}
