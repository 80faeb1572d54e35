import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createSession } from '@dify-console/shared/api/session';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';

/** Signs in with the operator's access token; the BFF answers with an HttpOnly cookie. */
export function useSignIn(locale: Locale) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => apiRequest(createSession, { locale, body: { token } }),
    onSuccess: () => client.invalidateQueries(),
  });
}
