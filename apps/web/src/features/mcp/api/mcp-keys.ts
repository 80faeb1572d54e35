import type { Locale } from '@dify-console/shared/domain/i18n';

/** The only source of query keys of this feature. */
export const mcpKeys = {
  all: ['mcp'] as const,
  connection: () => [...mcpKeys.all, 'connection'] as const,
  registries: (regionId: string, lang: Locale) => [...mcpKeys.all, 'registries', { regionId, lang }] as const,
  regions: (lang: Locale) => [...mcpKeys.all, 'regions', { lang }] as const,
  registryData: () => [...mcpKeys.all, 'registry'] as const,
  servers: (f: { namespaceId: string; search: string; pageNo: number; pageSize: number; lang: Locale }) => [...mcpKeys.registryData(), 'servers', f] as const,
  server: (mcpId: string, f: { namespaceId: string; version: string | undefined; lang: Locale }) => [...mcpKeys.registryData(), 'server', mcpId, f] as const,
  difyView: (namespaceId: string, lang: Locale) => [...mcpKeys.registryData(), 'dify-view', { namespaceId, lang }] as const,
  difyCard: (namespaceId: string, deploymentId: string | undefined, lang: Locale) => [...mcpKeys.registryData(), 'dify-card', { namespaceId, deploymentId, lang }] as const,
  deployments: (lang: Locale) => [...mcpKeys.all, 'deployments', { lang }] as const,
};
