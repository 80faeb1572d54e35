import type { FastifyPluginAsync } from 'fastify';
import { getHealth } from '@dify-console/shared/api/health';
import type { CloudMode } from '../config/cloud';
import { registerEndpoint } from './endpoint';

export const healthRoutes: FastifyPluginAsync<{ mode: CloudMode }> = async (app, { mode }) => {
  registerEndpoint(app, getHealth, async () => ({ status: 'ok' as const, mode }), { public: true });
};
