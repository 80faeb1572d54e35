import { exportDeployment, type ExportBundle } from '@dify-console/shared/api/export';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';

export function fetchExport(instanceId: string, lang: Locale): Promise<ExportBundle> {
  return apiRequest(exportDeployment, { params: { instanceId }, locale: lang });
}
