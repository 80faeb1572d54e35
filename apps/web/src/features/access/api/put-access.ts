import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { putAccess, type AccessRequest } from '@dify-console/shared/api/access';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { accessKeys } from './access-keys';

export function applyAccess(instanceId: string, request: AccessRequest, lang: Locale) {
  return apiRequest(putAccess, { params: { instanceId }, body: request, locale: lang });
}

export const putAccessMutationOptions = (instanceId: string, lang: Locale) =>
  mutationOptions({
    mutationKey: [...accessKeys.all, 'put', instanceId],
    mutationFn: (request: AccessRequest) => applyAccess(instanceId, request, lang),
    // The request may carry a TLS private key: the finished mutation is not kept in the cache.
    gcTime: 0,
  });

/** Applies the wanted entry; its answer is the new state, which the polling then follows. */
export function usePutAccess(instanceId: string, lang: Locale) {
  const client = useQueryClient();
  return useMutation({
    ...putAccessMutationOptions(instanceId, lang),
    onSuccess: (state) => {
      client.setQueryData(accessKeys.detail(instanceId, lang), state);
    },
  });
}
