import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../app';
import { sandboxCloud, sandboxEntry, type CloudSetup } from '../config/cloud';
import { loadEnv, type Env } from '../config/env';

/** Test helpers: an env from variables, a log capture, an app on a given cloud. */

export function testEnv(vars: Record<string, string> = {}): Env {
  return loadEnv({ LOG_LEVEL: 'info', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', WEB_DIST_DIR: '/nonexistent-web-dist', ...vars });
}

export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

/** What a test needs of a started local cloud to reach its entries (CloudSim has these fields). */
export interface SimEntry {
  edgePort: number;
  edgeTlsPort: number;
  dnsServer: string;
}

export async function appOn(
  cloud: CloudSetup | { endpoint: string; accessKeyId: string; accessKeySecret: string; sim?: SimEntry },
  options: { env?: Record<string, string>; deps?: AppDeps } = {},
): Promise<{ app: FastifyInstance; logs: LogCapture; env: Env }> {
  const env = testEnv(options.env);
  const setup =
    'mode' in cloud
      ? cloud
      : sandboxCloud(
          env,
          cloud.endpoint,
          { accessKeyId: cloud.accessKeyId, accessKeySecret: cloud.accessKeySecret },
          'local cloud',
          cloud.sim ? sandboxEntry({ edgePort: cloud.sim.edgePort, edgeTlsPort: cloud.sim.edgeTlsPort, dns: cloud.sim.dnsServer }) : undefined,
        );
  const logs = new LogCapture();
  const app = await buildApp({ env, cloud: setup }, { logStream: logs, retry: { baseDelayMs: 20 }, ...options.deps });
  await app.ready();
  return { app, logs, env };
}

/** Keeps every response body of app.inject in `bodies`, for the tests' secrets checks. */
export function recordBodies(app: FastifyInstance, bodies: string[]): void {
  const inject = app.inject.bind(app) as (opts: InjectOptions | string) => Promise<LightMyRequestResponse>;
  app.inject = (async (opts: InjectOptions | string) => {
    const res = await inject(opts);
    bodies.push(res.body);
    return res;
  }) as unknown as typeof app.inject;
}
