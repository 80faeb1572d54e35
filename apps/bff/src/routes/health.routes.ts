import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getHealth, getLiveness, getReadiness, ProbeSchema } from '@dify-console/shared/api/health';
import type { CloudMode } from '../config/cloud';
import { registerEndpoint } from './endpoint';

export interface HealthRoutesOptions {
  mode: CloudMode;
  /** True once the console has begun shutting down: readiness fails so no new work comes here. */
  draining: () => boolean;
}

/** Public: the health summary and the probes Kubernetes calls (they carry no session). */
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, { mode, draining }) => {
  registerEndpoint(app, getHealth, async () => ({ status: 'ok' as const, mode }), { public: true });
  registerEndpoint(app, getLiveness, async () => ({ status: 'ok' as const }), { public: true });
  app.withTypeProvider<ZodTypeProvider>().route({
    method: getReadiness.method,
    url: getReadiness.path,
    config: { public: true },
    schema: { summary: getReadiness.summary, tags: ['health'], response: { 200: ProbeSchema, 503: ProbeSchema } },
    handler: async (_req, reply) => (draining() ? reply.code(503).send({ status: 'draining' }) : { status: 'ok' as const }),
  });
};
