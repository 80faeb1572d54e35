import { queryOptions, useQuery } from '@tanstack/react-query';
import { listDeployments } from '@dify-console/shared/api/deployments';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { isFinalStatus } from '@dify-console/shared/domain/deployment-status';
import { apiRequest } from '../../../lib/api-client';
import { deploymentKeys } from './deployment-keys';

/** While a deployment in the list is still moving, the list is read again this often. */
export const LIST_POLL_MS = 5_000;

export function fetchDeployments(lang: Locale, { refresh, signal }: { refresh?: boolean; signal?: AbortSignal } = {}) {
  return apiRequest(listDeployments, { query: { refresh: refresh ? 'true' : undefined }, locale: lang, signal });
}

export const deploymentsQueryOptions = (lang: Locale, { refresh = false }: { refresh?: boolean } = {}) =>
  queryOptions({
    queryKey: deploymentKeys.list(lang),
    queryFn: ({ signal }) => fetchDeployments(lang, { refresh, signal }),
    // A deployment just ordered elsewhere in the console must show when the list is opened.
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => !isFinalStatus(d.status)) ? LIST_POLL_MS : false,
  });

export function useDeployments(lang: Locale) {
  return useQuery(deploymentsQueryOptions(lang));
}
