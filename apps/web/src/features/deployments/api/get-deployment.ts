import { queryOptions, useQuery } from '@tanstack/react-query';
import { getDeployment, type DeploymentDetail } from '@dify-console/shared/api/deployments';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { isFinalStatus } from '@dify-console/shared/domain/deployment-status';
import { apiRequest } from '../../../lib/api-client';
import { deploymentKeys } from './deployment-keys';

export function fetchDeployment(instanceId: string, lang: Locale, signal?: AbortSignal) {
  return apiRequest(getDeployment, { params: { instanceId }, locale: lang, signal });
}

/** Whether `a` describes a later moment of the deployment than `b`. */
export function isNewer(a: DeploymentDetail, b: DeploymentDetail): boolean {
  return a.updatedAt > b.updatedAt || (a.updatedAt === b.updatedAt && a.progress > b.progress);
}

export const deploymentQueryOptions = (instanceId: string, lang: Locale) =>
  queryOptions({
    queryKey: deploymentKeys.detail(instanceId, lang),
    queryFn: async ({ signal, client, queryKey }) => {
      const fetched = await fetchDeployment(instanceId, lang, signal);
      // The event stream may have written a later status while this answer was on its way.
      const current = client.getQueryData<DeploymentDetail>(queryKey);
      return current && isNewer(current, fetched) ? current : fetched;
    },
    staleTime: 5_000,
  });

/**
 * One deployment. The event stream keeps it current; `poll` reads it again every few seconds
 * while it is not final, for when the stream cannot be had.
 */
export function useDeployment(instanceId: string, lang: Locale, { poll = false }: { poll?: boolean } = {}) {
  return useQuery({
    ...deploymentQueryOptions(instanceId, lang),
    refetchInterval: (query) => (poll && query.state.data && !isFinalStatus(query.state.data.status) ? 5_000 : false),
  });
}
