import type { OrderRequest } from '@dify-console/shared/api/deployments';
import { exportOrder, type ExportBundle } from '@dify-console/shared/api/export';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';

/** The order about to be placed, as the export bundle (nothing is created; no secret comes back). */
export function fetchOrderExport(order: OrderRequest, lang: Locale): Promise<ExportBundle> {
  return apiRequest(exportOrder, { body: order, locale: lang });
}
