import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  DEPLOYMENT_EVENTS_PATH,
  DeploymentEventSchema,
  getDeployment,
  type DeploymentEvent,
} from '@dify-console/shared/api/deployments';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { isCloudError } from '../errors/cloud-error';
import { cloudMessage } from '../errors/cloud-problem';
import { message } from '../plugins/error-handler';
import { asNotFound } from '../services/deployments/deployment.service';
import type { DeploymentHub, HubListener } from '../services/deployments/deployment-hub';
import { toDetail } from '../services/deployments/mapping';

/**
 * `GET /api/v1/deployments/:instanceId/events`: Server-Sent Events. `event: <type>` and
 * `data: <the DeploymentEvent as JSON>`, a `retry:` hint first, a comment as heartbeat. The
 * stream ends after the final status. One poller per instance serves every stream (the hub).
 */

export interface EventRoutesOptions {
  hub: DeploymentHub;
  heartbeatMs?: number;
  retryMs?: number;
}

/** The reconnect hint sent when the console shuts down while a browser watches. */
export const SHUTDOWN_RETRY_MS = 500;

const errorText = (err: unknown, locale: Locale) =>
  isCloudError(err) ? cloudMessage(err, locale) : message('internal', locale);

export const deploymentEventsRoutes: FastifyPluginAsync<EventRoutesOptions> = async (app, opts) => {
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const retryMs = opts.retryMs ?? 3000;

  app.withTypeProvider<ZodTypeProvider>().get(DEPLOYMENT_EVENTS_PATH, {
    schema: {
      summary: 'Live status and deployment log (text/event-stream: status, logs, error events)',
      tags: ['deployments'],
      params: getDeployment.params,
    },
    handler: async (req, reply) => {
      const { instanceId } = req.params;
      const locale = req.locale;
      const pending: string[] = [];
      let out: NodeJS.WritableStream | null = null;
      let ended = false;
      const timers: { heartbeat?: NodeJS.Timeout } = {};
      let unsubscribe: (() => void) | undefined;

      const write = (chunk: string) => {
        if (ended) return;
        if (out) out.write(chunk);
        else pending.push(chunk);
      };
      const send = (event: DeploymentEvent) => {
        const parsed = DeploymentEventSchema.safeParse(event);
        if (!parsed.success) {
          req.log.error({ instanceId, issues: parsed.error.issues.slice(0, 3) }, 'deployment event does not match the contract');
          write(`event: error\ndata: ${JSON.stringify({ type: 'error', message: message('internal', locale) })}\n\n`);
          return;
        }
        write(`event: ${parsed.data.type}\ndata: ${JSON.stringify(parsed.data)}\n\n`);
      };
      const cleanup = () => {
        clearInterval(timers.heartbeat);
        unsubscribe?.();
        unsubscribe = undefined;
      };
      const finish = () => {
        if (ended) return;
        if (out) {
          ended = true;
          cleanup();
          reply.raw.end();
        } else {
          pending.push('');
          ended = true;
        }
      };

      const listener: HubListener = (e) => {
        switch (e.type) {
          case 'status':
            send({ type: 'status', deployment: toDetail(e.record, e.resources, locale, e.logPhase) });
            break;
          case 'logs':
            send({ type: 'logs', entries: e.entries });
            break;
          case 'error':
            req.log.warn({ err: e.error, instanceId }, 'deployment poll failed');
            send({ type: 'error', message: errorText(e.error, locale) });
            break;
          case 'end':
            // A console shutting down is not the deployment's end: ask the browser to come back soon
            // (through the Service, to a replica that is still up).
            if (e.reason === 'shutdown') write(`retry: ${SHUTDOWN_RETRY_MS}\n\n`);
            finish();
            break;
        }
      };

      try {
        unsubscribe = await opts.hub.subscribe(instanceId, listener);
      } catch (err) {
        throw asNotFound(err, instanceId, locale);
      }

      // From here on the response is ours: onSend hooks do not run (helmet's headers are already on the raw response).
      reply.hijack();
      const res = reply.raw;
      if (res.destroyed || req.raw.socket.destroyed) {
        // The browser left while the first read was under way.
        ended = true;
        cleanup();
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: ${retryMs}\n\n`);
      const wasEnded = ended;
      ended = false;
      out = res;
      for (const chunk of pending) if (chunk) res.write(chunk);
      pending.length = 0;
      if (wasEnded) {
        finish();
        return;
      }
      timers.heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
      timers.heartbeat.unref();
      res.on('close', () => {
        ended = true;
        cleanup();
      });
    },
  });
};
