import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { quote, type QuoteRequest } from '@dify-console/shared/api/deployments';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { deployKeys } from './deploy-keys';

export function fetchQuote(request: QuoteRequest, lang: Locale, signal?: AbortSignal) {
  return apiRequest(quote, { body: request, locale: lang, signal });
}

export const quoteQueryOptions = (request: QuoteRequest, lang: Locale, secretKeys: readonly string[] = []) =>
  queryOptions({
    queryKey: deployKeys.quote(request, lang, secretKeys),
    queryFn: ({ signal }) => fetchQuote(request, lang, signal),
    staleTime: 60_000,
  });

/**
 * The price of the current parameters. The key holds the parameters, so an answer always belongs
 * to the parameters it was asked for: a slow answer to older parameters lands under its own key
 * and never replaces the newer one. While the new price loads, the previous one stays shown.
 */
export function useQuote(request: QuoteRequest | undefined, lang: Locale, secretKeys: readonly string[] = []) {
  return useQuery({
    ...quoteQueryOptions(request ?? ({} as QuoteRequest), lang, secretKeys),
    enabled: request !== undefined,
    placeholderData: keepPreviousData,
  });
}
