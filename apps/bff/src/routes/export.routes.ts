import type { FastifyPluginAsync } from 'fastify';
import { exportDeployment } from '@dify-console/shared/api/export';
import type { ExportService } from '../services/export/export.service';
import { registerEndpoint } from './endpoint';

export const exportRoutes: FastifyPluginAsync<{ exports: ExportService }> = async (app, { exports }) => {
  registerEndpoint(app, exportDeployment, ({ params, locale }) => exports.ofDeployment(params.instanceId, locale));
};
