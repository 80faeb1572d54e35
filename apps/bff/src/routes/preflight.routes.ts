import type { FastifyPluginAsync } from 'fastify';
import { applyWhitelistFix, getPrerequisites, runPreflight } from '@dify-console/shared/api/preflight';
import type { PreflightService } from '../services/preflight/preflight.service';
import { registerEndpoint } from './endpoint';

export const preflightRoutes: FastifyPluginAsync<{ preflight: PreflightService }> = async (app, { preflight }) => {
  registerEndpoint(app, runPreflight, ({ body, locale }) => preflight.run(body, locale));
  registerEndpoint(app, applyWhitelistFix, ({ body, locale }) => preflight.applyWhitelistFix(body, locale));
  registerEndpoint(app, getPrerequisites, ({ locale }) => preflight.prerequisites(locale));
};
