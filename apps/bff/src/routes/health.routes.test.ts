import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { appOn } from '../testing/harness';
import { sandboxCloud } from '../config/cloud';
import { testEnv } from '../testing/harness';
import { healthRoutes } from './health.routes';

describe('probes', () => {
  it('answer without a session when the console requires a login (Kubernetes probes carry none)', async () => {
    const { app } = await appOn(sandboxCloud(testEnv(), 'http://127.0.0.1:9'), {
      env: { HOST: '0.0.0.0', CONSOLE_ACCESS_TOKEN: 'probe-test-access-token-123' },
    });
    const host = 'console.example';
    expect((await app.inject({ url: '/livez', headers: { host } })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/readyz', headers: { host } })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/api/v1/regions', headers: { host } })).statusCode).toBe(401);
    await app.close();
  });

  it('readiness fails while the console drains, liveness does not', async () => {
    let draining = false;
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(healthRoutes, { mode: 'sandbox', draining: () => draining });
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    draining = true;
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'draining' });
    expect((await app.inject({ url: '/livez' })).statusCode).toBe(200);
    await app.close();
  });
});
