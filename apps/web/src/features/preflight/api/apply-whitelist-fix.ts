import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { applyWhitelistFix } from '@dify-console/shared/api/preflight';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { preflightKeys } from './preflight-keys';

export interface WhitelistFixInput {
  regionId: string;
  target: 'postgres' | 'redis';
  instanceId: string;
  clusterId: string;
}

/** Only ever sent after the user saw the change in the dialog: `confirm: true` says so. */
export function postWhitelistFix(input: WhitelistFixInput, lang: Locale) {
  return apiRequest(applyWhitelistFix, { body: { ...input, confirm: true }, locale: lang });
}

export const applyWhitelistFixMutationOptions = (lang: Locale) =>
  mutationOptions({
    mutationKey: [...preflightKeys.all, 'whitelist-fix'],
    mutationFn: (input: WhitelistFixInput) => postWhitelistFix(input, lang),
  });

/** Applies the fix, then runs the checks again (every cached run is out of date now). */
export function useApplyWhitelistFix(lang: Locale) {
  const client = useQueryClient();
  return useMutation({
    ...applyWhitelistFixMutationOptions(lang),
    onSuccess: () => {
      // Not awaited: the dialog closes at once and the checklist shows the new run going.
      void client.invalidateQueries({ queryKey: preflightKeys.runs() });
    },
  });
}
