import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { createGateways } from './cloud/gateways';
import { ClusterGateway } from './cluster/cluster.gateway';
import type { RetryPolicy } from './cloud/pop-client';
import type { CloudSetup } from './config/cloud';
import type { Env } from './config/env';
import { loggerOptions, requestLogHook } from './logging';
import { openApiRoute, registerOpenApi } from './openapi';
import { EdgeClient } from './edge/edge.client';
import { errorHandlerPlugin } from './plugins/error-handler';
import { localePlugin } from './plugins/locale';
import { securityPlugin } from './plugins/security';
import { staticPlugin } from './plugins/static';
import { accessRoutes } from './routes/access.routes';
import { mcpRoutes } from './routes/mcp.routes';
import { NacosGateway } from './nacos/nacos.gateway';
import { McpRegistryService } from './services/mcp/mcp.service';
import { deploymentEventsRoutes } from './routes/deployment-events.routes';
import { deploymentsRoutes } from './routes/deployments.routes';
import { exportRoutes } from './routes/export.routes';
import { ExportService } from './services/export/export.service';
import { healthRoutes } from './routes/health.routes';
import { preflightRoutes } from './routes/preflight.routes';
import { regionsRoutes } from './routes/regions.routes';
import { resourcesRoutes } from './routes/resources.routes';
import { templateRoutes } from './routes/template.routes';
import { AccessService, type AccessPorts } from './services/access/access.service';
import type { CheckerOptions } from './services/access/checks';
import { AccountContext } from './services/account';
import { DeploymentHub } from './services/deployments/deployment-hub';
import { DeploymentService } from './services/deployments/deployment.service';
import type { ComputeNestPort } from './ports/deployments';
import type { ComputeNestPreflightPort } from './ports/preflight';
import { QuoteService } from './services/deployments/quote.service';
import { HealthService } from './services/health/health.service';
import { LiveProbe, type LiveProbeOptions } from './services/preflight/live/live-probe';
import { PreflightService, type PreflightOptions } from './services/preflight/preflight.service';
import type { ResourcePorts } from './ports/resources';
import { ResourceService } from './services/resources/resource.service';
import type { TemplatePorts } from './ports/template';
import { TemplateService } from './services/template/template.service';

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
  /** Compute Nest for the quotes, the deployments, the access entry and the pre-flight checks. */
  computeNest?: ComputeNestPort & ComputeNestPreflightPort;
  /** Where the service's template is read (default: Compute Nest GetService and ROS of the config). */
  templatePorts?: TemplatePorts;
  /** Delays between polls of a watched deployment (default 1 s, 2 s, 5 s, 10 s). */
  pollIntervalsMs?: number[];
  /** Heartbeat comment period of the event stream (default 15 s). */
  heartbeatMs?: number;
  /** The live probe's poll period and limits (default 1 s, 60 s). */
  liveProbe?: Omit<LiveProbeOptions, 'image'>;
  /** Pre-flight check deadlines (default 8 s per check). */
  preflight?: PreflightOptions;
  /** The access entry's cluster, add-on and edge ports (default: the gateways of the config). */
  access?: Partial<AccessPorts>;
  accessChecks?: CheckerOptions;
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
    // Fastify's two lines per request are off; requestLogHook writes one.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook('onResponse', requestLogHook(env.logRequestSample));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON is UTF-8 (RFC 8259): a body declared in another charset would be misread, so it is refused.
  app.addHook('onRequest', async (req, reply) => {
    const type = req.headers['content-type'] ?? '';
    const charset = /^application\/json\s*;.*\bcharset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return reply.code(415).send({ code: 'UnsupportedCharset', message: 'JSON bodies must be UTF-8 (Content-Type: application/json; charset=utf-8)' });
    }
  });

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
  const resources = new ResourceService(ports, {
    listConcurrency: env.listConcurrency,
    ...(deps.cacheTtlMs === undefined ? {} : { ttlMs: deps.cacheTtlMs }),
  });

  const computeNest = deps.computeNest ?? gateways.computeNest;
  const account = new AccountContext(ports.identity);
  const templates = new TemplateService(deps.templatePorts ?? { computeNest: gateways.computeNest, ros: gateways.ros }, {
    serviceVersion: env.computeNestServiceVersion,
  });
  const quotes = new QuoteService(computeNest, account, templates, {
    sandbox: cloud.mode === 'sandbox',
    defaultCurrency: cloud.computeNestRegion === 'ap-southeast-1' ? 'USD' : 'CNY',
  });
  const deployments = new DeploymentService(computeNest, account, resources, templates);
  const hub = new DeploymentHub(computeNest, account, deps.pollIntervalsMs ? { intervalsMs: deps.pollIntervalsMs } : {});
  // On shutdown: readiness fails at once (no new work is sent here), open event streams end with a
  // reconnect hint (browsers resume on another replica), then the server finishes the requests in flight.
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
    hub.close('shutdown');
  });

  // One kubeconfig cache per account and cluster, for the access entry and the pre-flight checks.
  const kube = new ClusterGateway(gateways.cs, {
    timeoutMs: cloud.timeoutMs,
    apiAccess: env.clusterApiAccess,
    onCall: (e) => app.log.debug({ kubernetes: e }, 'cluster call'),
  });
  const access = new AccessService(
    {
      computeNest,
      clusters: deps.access?.clusters ?? kube,
      addons: deps.access?.addons ?? gateways.cs,
      edge: deps.access?.edge ?? new EdgeClient(cloud.entry),
      ...(deps.access?.computeNest ? { computeNest: deps.access.computeNest } : {}),
    },
    account,
    { httpPort: cloud.entry.httpPort, httpsPort: cloud.entry.httpsPort, ...(deps.accessChecks ? { checks: deps.accessChecks } : {}) },
  );

  const live = new LiveProbe({ rds: gateways.rds, redis: gateways.kvstore, clusters: gateways.cs, kube }, { image: env.probeImage, ...deps.liveProbe });
  const preflight = new PreflightService(
    {
      caller: gateways.sts,
      ram: gateways.ram,
      computeNest,
      clusters: gateways.cs,
      vswitches: gateways.vpc,
      rds: gateways.rds,
      redis: gateways.kvstore,
      milvus: gateways.milvus,
      kube,
      template: templates,
      amounts: quotes,
    },
    { live, ...deps.preflight },
  );

  // The Nacos MCP Registry: MSE through the cloud gateway, Nacos itself through its own gateway.
  const nacos = new NacosGateway(cloud.nacos, { timeoutMs: cloud.timeoutMs, onCall: (e) => app.log.debug({ nacos: e }, 'nacos call') });
  const mcp = new McpRegistryService({ mse: gateways.mse, nacos, computeNest, clusters: gateways.cs, vswitches: gateways.vpc });

  await app.register(healthRoutes, { mode: cloud.mode, draining: () => draining });
  await app.register(regionsRoutes, { resources });
  await app.register(resourcesRoutes, { resources });
  await app.register(templateRoutes, { templates });
  const health = new HealthService({ computeNest, kube, entry: access }, account, (err, instanceId) =>
    app.log.warn({ instanceId, err: err instanceof Error ? err.message : String(err) }, 'smoke test after the deployment failed to run'),
  );
  // The smoke test runs by itself once when a deployment the hub watches reaches Deployed.
  hub.onDeployed((instanceId, record) => health.autoRun(instanceId, record));
  app.addHook('onClose', async () => health.settle());
  await app.register(deploymentsRoutes, { deployments, quotes, health });
  await app.register(accessRoutes, { access });
  await app.register(exportRoutes, { exports: new ExportService({ computeNest, templates, access }, cloud.computeNestRegion) });
  await app.register(preflightRoutes, { preflight });
  await app.register(mcpRoutes, { mcp });
  await app.register(deploymentEventsRoutes, { hub, ...(deps.heartbeatMs ? { heartbeatMs: deps.heartbeatMs } : {}) });
  await app.register(openApiRoute);
  await app.register(staticPlugin, { webDistDir: env.webDistDir });
  return app;
}
