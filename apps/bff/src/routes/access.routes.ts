import type { FastifyPluginAsync } from 'fastify';
import { getAccess, putAccess } from '@dify-console/shared/api/access';
import type { AccessService } from '../services/access/access.service';
import { registerEndpoint } from './endpoint';

export interface AccessRoutesOptions {
  access: AccessService;
}

export const accessRoutes: FastifyPluginAsync<AccessRoutesOptions> = async (app, { access }) => {
  registerEndpoint(app, getAccess, ({ params, locale }) => access.get(params.instanceId, locale));
  registerEndpoint(app, putAccess, ({ params, body, locale }) => access.put(params.instanceId, body, locale));
};
