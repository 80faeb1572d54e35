import { queryOptions, useQuery } from '@tanstack/react-query';
import { getAccess, type AccessState } from '@dify-console/shared/api/access';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { accessKeys } from './access-keys';

/** While the entry is being set up (or its checks run), it is read again this often. */
export const ACCESS_POLL_MS = 2_000;
/** Once it has settled (ready, failed or none), still read now and then: the cluster may change. */
export const ACCESS_SETTLED_POLL_MS = 30_000;

export function fetchAccess(instanceId: string, lang: Locale, signal?: AbortSignal) {
  return apiRequest(getAccess, { params: { instanceId }, locale: lang, signal });
}

/** Whether the entry is still moving: an address on its way, or checks still running. */
export function isSettling(access: AccessState): boolean {
  return access.state === 'pending' || (access.state === 'ready' && access.checks.some((c) => c.status === 'pending'));
}

export const accessQueryOptions = (instanceId: string, lang: Locale) =>
  queryOptions({
    queryKey: accessKeys.detail(instanceId, lang),
    queryFn: ({ signal }) => fetchAccess(instanceId, lang, signal),
    staleTime: 0,
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return query.state.status === 'error' ? false : ACCESS_POLL_MS;
      return isSettling(data) ? ACCESS_POLL_MS : ACCESS_SETTLED_POLL_MS;
    },
  });

/** The access entry of a deployment, polled every ~2 s until it is ready or failed, then slower. */
export function useAccess(instanceId: string, lang: Locale) {
  return useQuery(accessQueryOptions(instanceId, lang));
}
