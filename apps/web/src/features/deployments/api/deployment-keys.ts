import type { Locale } from '@dify-console/shared/domain/i18n';

/** The only source of query keys of this feature. */
export const deploymentKeys = {
  all: ['deployments'] as const,
  lists: () => [...deploymentKeys.all, 'list'] as const,
  list: (lang: Locale) => [...deploymentKeys.lists(), { lang }] as const,
  details: () => [...deploymentKeys.all, 'detail'] as const,
  detail: (instanceId: string, lang: Locale) => [...deploymentKeys.details(), instanceId, { lang }] as const,
};
