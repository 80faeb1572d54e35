import { queryOptions, useQuery } from '@tanstack/react-query';
import { getDeploymentHealth } from '@dify-console/shared/api/deployment-health';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';

/** The only source of query keys of this feature. */
export const healthKeys = {
  all: ['deployment-health'] as const,
  detail: (instanceId: string, lang: Locale) => [...healthKeys.all, { instanceId, lang }] as const,
};

/** While unhealthy (pods may still be starting, or crash-looping), read again this often. */
export const HEALTH_POLL_MS = 10_000;

export function fetchDeploymentHealth(instanceId: string, lang: Locale, signal?: AbortSignal) {
  return apiRequest(getDeploymentHealth, { params: { instanceId }, locale: lang, signal });
}

export const deploymentHealthQueryOptions = (instanceId: string, lang: Locale) =>
  queryOptions({
    queryKey: healthKeys.detail(instanceId, lang),
    queryFn: ({ signal }) => fetchDeploymentHealth(instanceId, lang, signal),
    staleTime: 0,
    retry: false,
    refetchInterval: (query) => (query.state.data?.status === 'unhealthy' ? HEALTH_POLL_MS : false),
  });

export function useDeploymentHealth(instanceId: string, lang: Locale) {
  return useQuery(deploymentHealthQueryOptions(instanceId, lang));
}
