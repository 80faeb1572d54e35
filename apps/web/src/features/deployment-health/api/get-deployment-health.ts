import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getDeploymentHealth, runDeploymentHealth } from '@dify-console/shared/api/deployment-health';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';

/** The only source of query keys of this feature. */
export const healthKeys = {
  all: ['deployment-health'] as const,
  instance: (instanceId: string) => [...healthKeys.all, instanceId] as const,
  detail: (instanceId: string, lang: Locale) => [...healthKeys.instance(instanceId), { lang }] as const,
};

export function fetchDeploymentHealth(instanceId: string, lang: Locale, signal?: AbortSignal) {
  return apiRequest(getDeploymentHealth, { params: { instanceId }, locale: lang, signal });
}

/** The kept result: made by the BFF when the deployment finished, or by the last "check again". */
export const deploymentHealthQueryOptions = (instanceId: string, lang: Locale) =>
  queryOptions({
    queryKey: healthKeys.detail(instanceId, lang),
    queryFn: ({ signal }) => fetchDeploymentHealth(instanceId, lang, signal),
    staleTime: 0,
    retry: false,
  });

export function useDeploymentHealth(instanceId: string, lang: Locale) {
  return useQuery(deploymentHealthQueryOptions(instanceId, lang));
}

/** "Check again": the smoke test runs now; its answer replaces the kept one (the other language is read again). */
export function useRunDeploymentHealth(instanceId: string, lang: Locale) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...healthKeys.instance(instanceId), 'run'],
    mutationFn: () => apiRequest(runDeploymentHealth, { params: { instanceId }, locale: lang }),
    onSuccess: (health) => {
      // The other language's copy is of the previous run: dropped, read again when shown.
      client.removeQueries({ queryKey: healthKeys.instance(instanceId), predicate: (q) => (q.queryKey[2] as { lang?: Locale } | undefined)?.lang !== lang });
      client.setQueryData(healthKeys.detail(instanceId, lang), health);
    },
  });
}
