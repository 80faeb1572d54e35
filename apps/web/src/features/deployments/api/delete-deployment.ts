import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteDeployment, type DeploymentDetail } from '@dify-console/shared/api/deployments';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { deploymentKeys } from './deployment-keys';

export function removeDeployment(instanceId: string, confirmName: string, lang: Locale) {
  return apiRequest(deleteDeployment, { params: { instanceId }, body: { confirmName }, locale: lang });
}

export const deleteDeploymentMutationOptions = (instanceId: string, lang: Locale) =>
  mutationOptions({
    mutationKey: [...deploymentKeys.all, 'delete', instanceId],
    mutationFn: (confirmName: string) => removeDeployment(instanceId, confirmName, lang),
  });

/** Deletes; the list is read again and the detail shows the status the deletion left it in. */
export function useDeleteDeployment(instanceId: string, lang: Locale) {
  const client = useQueryClient();
  return useMutation({
    ...deleteDeploymentMutationOptions(instanceId, lang),
    onSuccess: async ({ status }) => {
      const phase = status === 'Deleted' ? 'deleted' : 'deleting';
      client.setQueriesData<DeploymentDetail>({ queryKey: [...deploymentKeys.details(), instanceId] }, (d) =>
        d ? { ...d, status, phase } : d,
      );
      await client.invalidateQueries({ queryKey: deploymentKeys.lists() });
    },
  });
}
