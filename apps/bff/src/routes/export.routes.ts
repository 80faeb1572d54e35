import type { FastifyPluginAsync } from 'fastify';
import { exportDeployment, exportOrder } from '@dify-console/shared/api/export';
import { DIFY_SERVICE_ID } from '@dify-console/shared/template/templates';
import type { ExportService } from '../services/export/export.service';
import { registerEndpoint } from './endpoint';

export const exportRoutes: FastifyPluginAsync<{ exports: ExportService }> = async (app, { exports }) => {
  registerEndpoint(app, exportDeployment, ({ params, locale }) => exports.ofDeployment(params.instanceId, locale));
  registerEndpoint(app, exportOrder, ({ body, locale }) => exports.ofOrder(body, DIFY_SERVICE_ID, locale));
};
