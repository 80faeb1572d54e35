import type { QuoteRequest } from '@dify-console/shared/api/deployments';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { maskTemplateValues } from '@dify-console/shared/template/parameter-rules';
import { MASK, maskParameters } from '@dify-console/shared/template/templates';

/** The only source of query keys of this feature. */
export const deployKeys = {
  all: ['deploy'] as const,
  names: () => [...deployKeys.all, 'name-availability'] as const,
  name: (name: string, lang: Locale) => [...deployKeys.names(), { name, lang }] as const,
  templates: () => [...deployKeys.all, 'template'] as const,
  template: (templateName: string | undefined, lang: Locale) => [...deployKeys.templates(), { templateName, lang }] as const,
  quotes: () => [...deployKeys.all, 'quote'] as const,
  /** Keyed by the parameters with NoEcho values (ours and the template's) masked: no password ever sits in the query cache. */
  quote: (request: QuoteRequest, lang: Locale, secretKeys: readonly string[] = []) =>
    [
      ...deployKeys.quotes(),
      {
        ...request,
        parameters: maskParameters(request.parameters),
        ...(request.templateParameters ? { templateParameters: maskTemplateValues(request.templateParameters, secretKeys, MASK) } : {}),
        lang,
      },
    ] as const,
};
