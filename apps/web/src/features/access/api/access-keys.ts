import type { Locale } from '@dify-console/shared/domain/i18n';

/** The only source of query keys of this feature. */
export const accessKeys = {
  all: ['access'] as const,
  details: () => [...accessKeys.all, 'detail'] as const,
  detail: (instanceId: string, lang: Locale) => [...accessKeys.details(), instanceId, { lang }] as const,
};
