import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { TemplateForm } from '@dify-console/shared/api/template';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { deployKeys } from './deploy-keys';

export async function fetchTemplateForm(templateName: string | undefined, lang: Locale, signal?: AbortSignal): Promise<TemplateForm> {
  // The contract's schemas travel in their own chunk, fetched with the first request.
  const { getTemplateForm } = await import('@dify-console/shared/api/template');
  return apiRequest(getTemplateForm, { query: { templateName }, locale: lang, signal });
}

export const templateFormQueryOptions = (templateName: string | undefined, lang: Locale) =>
  queryOptions({
    queryKey: deployKeys.template(templateName, lang),
    queryFn: ({ signal }) => fetchTemplateForm(templateName, lang, signal),
    // A published version's template does not change; which version is ordered is the BFF's.
    staleTime: 5 * 60_000,
    retry: 1,
  });

/** The service's template the form is drawn from: its templates, parameters, bindings, what is drawn. */
export function useTemplateForm(templateName: string | undefined, lang: Locale) {
  // In another language, the form keeps the template it has until the new answer is in.
  return useQuery({ ...templateFormQueryOptions(templateName, lang), placeholderData: keepPreviousData });
}
