import type { FastifyPluginAsync } from 'fastify';
import {
  createDeployment,
  deleteDeployment,
  getDeployment,
  listDeployments,
  nameAvailability,
  quote,
} from '@dify-console/shared/api/deployments';
import { getDeploymentHealth, runDeploymentHealth } from '@dify-console/shared/api/deployment-health';
import type { DeploymentService } from '../services/deployments/deployment.service';
import type { HealthService } from '../services/health/health.service';
import type { QuoteService } from '../services/deployments/quote.service';
import { registerEndpoint } from './endpoint';

export interface DeploymentRoutesOptions {
  deployments: DeploymentService;
  quotes: QuoteService;
  health: HealthService;
}

export const deploymentsRoutes: FastifyPluginAsync<DeploymentRoutesOptions> = async (app, { deployments, quotes, health }) => {
  registerEndpoint(app, getDeploymentHealth, ({ params, locale }) => health.get(params.instanceId, locale));
  registerEndpoint(app, runDeploymentHealth, ({ params, locale }) => health.run(params.instanceId, locale));
  registerEndpoint(app, quote, ({ body, locale }) => quotes.quote(body, locale));
  registerEndpoint(app, nameAvailability, ({ query, locale }) => deployments.nameAvailability(query.name, locale));
  registerEndpoint(app, createDeployment, ({ body, locale }) => deployments.order(body, locale));
  registerEndpoint(app, listDeployments, async ({ query }) => ({
    items: await deployments.list({ refresh: query.refresh === 'true' }),
  }));
  registerEndpoint(app, getDeployment, ({ params, locale }) => deployments.get(params.instanceId, locale));
  registerEndpoint(app, deleteDeployment, ({ params, body, locale }) =>
    deployments.delete(params.instanceId, body.confirmName, locale),
  );
};
