import type { FastifyPluginAsync } from 'fastify';
import { listRegions } from '@dify-console/shared/api/resources';
import type { ResourceService } from '../services/resources/resource.service';
import { registerEndpoint } from './endpoint';

export const regionsRoutes: FastifyPluginAsync<{ resources: ResourceService }> = async (app, { resources }) => {
  registerEndpoint(app, listRegions, ({ query, locale }) => resources.listRegions(locale, { refresh: query.refresh }));
};
