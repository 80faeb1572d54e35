import type { PreflightRequest } from '@dify-console/shared/api/preflight';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { maskTemplateValues } from '@dify-console/shared/template/parameter-rules';
import { MASK, maskParameters } from '@dify-console/shared/template/templates';

/** The only source of query keys of this feature. */
export const preflightKeys = {
  all: ['preflight'] as const,
  runs: () => [...preflightKeys.all, 'run'] as const,
  /**
   * Keyed by the parameters with NoEcho values masked: no password ever sits in the query cache.
   * A changed password alone therefore keeps the key; the checks still run again for it, because
   * they run on every opening of the review step (`staleTime: 0`) and step 2 is left to change it.
   */
  run: (request: PreflightRequest, lang: Locale, secretKeys: readonly string[] = []) =>
    [
      ...preflightKeys.runs(),
      {
        ...request,
        parameters: maskParameters(request.parameters),
        ...(request.templateParameters ? { templateParameters: maskTemplateValues(request.templateParameters, secretKeys, MASK) } : {}),
        lang,
      },
    ] as const,
  prerequisites: (lang: Locale) => [...preflightKeys.all, 'prerequisites', { lang }] as const,
};
