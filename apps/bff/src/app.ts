import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { createGateways } from './cloud/gateways';
import type { RetryPolicy } from './cloud/pop-client';
import type { CloudSetup } from './config/cloud';
import type { Env } from './config/env';
import { loggerOptions } from './logging';
import { openApiRoute, registerOpenApi } from './openapi';
import { errorHandlerPlugin } from './plugins/error-handler';
import { localePlugin } from './plugins/locale';
import { securityPlugin } from './plugins/security';
import { staticPlugin } from './plugins/static';
import { healthRoutes } from './routes/health.routes';
import { regionsRoutes } from './routes/regions.routes';
import { resourcesRoutes } from './routes/resources.routes';
import type { ResourcePorts } from './services/resources/ports';
import { ResourceService } from './services/resources/resource.service';

export interface AppConfig {
  env: Env;
  cloud: CloudSetup;
}

/** Seams for tests and the benchmark; production uses none of them. */
export interface AppDeps {
  logStream?: DestinationStream;
  ports?: ResourcePorts;
  retry?: Partial<RetryPolicy>;
  cacheTtlMs?: number;
}

/**
 * The composition root: gateways from the config, services from gateways, routes with services.
 * No listening here (tests use app.inject; server.ts listens).
 */
export async function buildApp(config: AppConfig, deps: AppDeps = {}): Promise<FastifyInstance> {
  const { env, cloud } = config;
  const app = Fastify({
    logger: loggerOptions(env.logLevel, deps.logStream),
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(localePlugin);
  await app.register(errorHandlerPlugin);
  await registerOpenApi(app);
  await app.register(securityPlugin, { loginRequired: env.loginRequired, accessToken: env.accessToken });

  const gateways = createGateways(cloud, {
    ...(deps.retry ? { retry: deps.retry } : {}),
    onCall: (e) => app.log.debug({ cloud: e }, 'cloud call'),
  });
  const ports: ResourcePorts = deps.ports ?? {
    identity: gateways.sts,
    regions: gateways.ecs,
    vpcs: gateways.vpc,
    clusters: gateways.cs,
    rds: gateways.rds,
    redis: gateways.kvstore,
    milvus: gateways.milvus,
  };
  const resources = new ResourceService(ports, deps.cacheTtlMs === undefined ? {} : { ttlMs: deps.cacheTtlMs });

  await app.register(healthRoutes, { mode: cloud.mode });
  await app.register(regionsRoutes, { resources });
  await app.register(resourcesRoutes, { resources });
  await app.register(openApiRoute);
  await app.register(staticPlugin, { webDistDir: env.webDistDir });
  return app;
}
