import { useQuery } from '@tanstack/react-query';
import { listMseRegistries } from '@dify-console/shared/api/mcp';
import { listRegions } from '@dify-console/shared/api/resources';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { mcpKeys } from './mcp-keys';

export function useRegions(lang: Locale) {
  return useQuery({ queryKey: mcpKeys.regions(lang), queryFn: ({ signal }) => apiRequest(listRegions, { locale: lang, signal }), staleTime: 5 * 60_000 });
}

/** MSE registry instances of a region, the unusable ones with their reason. */
export function useMseRegistries(regionId: string, lang: Locale, enabled: boolean) {
  return useQuery({
    queryKey: mcpKeys.registries(regionId, lang),
    queryFn: ({ signal }) => apiRequest(listMseRegistries, { query: { regionId }, locale: lang, signal }),
    enabled,
  });
}
