import { useQuery } from '@tanstack/react-query';
import { listDeployments } from '@dify-console/shared/api/deployments';
import { getDifyCard, getDifyView } from '@dify-console/shared/api/mcp';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { mcpKeys } from './mcp-keys';

export function useDifyView(namespaceId: string, lang: Locale) {
  return useQuery({
    queryKey: mcpKeys.difyView(namespaceId, lang),
    queryFn: ({ signal }) => apiRequest(getDifyView, { query: { namespaceId }, locale: lang, signal }),
  });
}

export function useDifyCard(namespaceId: string, deploymentId: string | undefined, lang: Locale) {
  return useQuery({
    queryKey: mcpKeys.difyCard(namespaceId, deploymentId, lang),
    queryFn: ({ signal }) => apiRequest(getDifyCard, { query: { namespaceId, deploymentId }, locale: lang, signal }),
  });
}

/** The account's deployments, to pick the one whose cluster must reach the registry. */
export function useDeploymentChoices(lang: Locale) {
  return useQuery({ queryKey: mcpKeys.deployments(lang), queryFn: ({ signal }) => apiRequest(listDeployments, { query: {}, locale: lang, signal }) });
}
