import { mutationOptions, useMutation } from '@tanstack/react-query';
import { createDeployment, type OrderRequest } from '@dify-console/shared/api/deployments';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { ApiError, apiRequest } from '../../../lib/api-client';

export function postDeployment(order: OrderRequest, lang: Locale) {
  return apiRequest(createDeployment, { body: order, locale: lang });
}

/** Worth sending again with the same ClientToken: the order may or may not have arrived. */
export function isRetriableOrderError(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504);
}

export const ORDER_RETRY_DELAY_MS = 400;

/**
 * Ordering is idempotent per ClientToken (the BFF and Compute Nest answer the same instance for
 * the same token), so a network failure is retried automatically, with the very same body.
 */
export const createDeploymentMutationOptions = (lang: Locale) =>
  mutationOptions({
    mutationKey: ['deploy', 'order'],
    mutationFn: (order: OrderRequest) => postDeployment(order, lang),
    retry: (count, error) => count < 2 && isRetriableOrderError(error),
    retryDelay: (attempt) => ORDER_RETRY_DELAY_MS * 2 ** attempt,
  });

export function useCreateDeployment(lang: Locale) {
  return useMutation(createDeploymentMutationOptions(lang));
}
