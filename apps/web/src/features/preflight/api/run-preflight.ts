import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { runPreflight, type PreflightRequest } from '@dify-console/shared/api/preflight';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { preflightKeys } from './preflight-keys';

export function fetchPreflight(request: PreflightRequest, lang: Locale, signal?: AbortSignal) {
  return apiRequest(runPreflight, { body: request, locale: lang, signal });
}

/** `secretKeys`: the template's NoEcho parameters among `templateParameters` (masked in the key). */
export const preflightQueryOptions = (request: PreflightRequest, lang: Locale, secretKeys: readonly string[] = []) =>
  queryOptions({
    queryKey: preflightKeys.run(request, lang, secretKeys),
    queryFn: ({ signal }) => fetchPreflight(request, lang, signal),
    // The cloud changes under the user (whitelists, accounts): every opening checks again.
    staleTime: 0,
    gcTime: 5 * 60_000,
    // A failed run is shown with "check again"; it is not repeated behind the user's back.
    retry: false,
    // The live probe answers `running` until its Job in the cluster is done: ask again meanwhile.
    refetchInterval: (query) => (query.state.data?.checks.some((c) => c.status === 'running') ? LIVE_POLL_MS : false),
  });

/** How often a running live probe is asked for its results. */
export const LIVE_POLL_MS = 2000;

/** "Check again": every check, and the live probe run anew (after a fix, its old result is stale). */
export function useRecheckPreflight(request: PreflightRequest, lang: Locale, secretKeys: readonly string[] = []) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => fetchPreflight({ ...request, rerunProbe: true }, lang),
    onSuccess: (result) => client.setQueryData(preflightKeys.run(request, lang, secretKeys), result),
  });
}

/**
 * The checks of the current parameters. The key holds the parameters, so an answer always belongs
 * to the parameters it was asked for: a slow answer to older parameters lands under its own key
 * and never replaces the newer one. While a new run is going, the previous result stays shown.
 */
export function usePreflight(request: PreflightRequest, lang: Locale, secretKeys: readonly string[] = []) {
  return useQuery({ ...preflightQueryOptions(request, lang, secretKeys), placeholderData: keepPreviousData });
}
