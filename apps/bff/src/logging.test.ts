import type { FastifyReply, FastifyRequest } from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { sandboxCloud } from './config/cloud';
import { loggerOptions, requestLogHook } from './logging';
import { appOn, LogCapture, testEnv } from './testing/harness';

describe('logging', () => {
  it('redacts NoEcho parameters, credentials and cookies by path', () => {
    const out = new LogCapture();
    const { stream: _s, ...opts } = loggerOptions('info');
    const log = pino(opts, out);
    log.info({
      body: { parameters: { postgresPassword: 'Pg#Secret1', redisPassword: 'Rd#Secret1', milvusPassword: 'Mv#Secret1', instanceName: 'dify-abcd' } },
      req: { headers: { cookie: 'dify_console_session=abc', authorization: 'Bearer t' } },
      creds: { accessKeySecret: 'sk-secret', securityToken: 'sts-token' },
    });
    log.info({ cloud: { Parameters: { PgPass: 'Pg#Cloud1', RedisPwd: 'Rd#Cloud1', MilvusRootPassword: 'Mv#Cloud1' }, RegionId: 'cn-hangzhou' } });
    log.info({ body: { templateParameters: { DrawnSecret: 'Dr#Secret1' }, regionId: 'cn-shanghai' } });
    expect(out.text).toContain('dify-abcd');
    expect(out.text).toContain('cn-hangzhou');
    expect(out.text).toContain('cn-shanghai');
    expect(out.text).not.toContain('Dr#Secret1');
    for (const secret of ['Pg#Secret1', 'Rd#Secret1', 'Mv#Secret1', 'dify_console_session=abc', 'Bearer t', 'sk-secret', 'sts-token', 'Pg#Cloud1', 'Rd#Cloud1', 'Mv#Cloud1']) {
      expect(out.text).not.toContain(secret);
    }
  });

  it("redacts the access entry's TLS input, a TLS Secret's key and a kubeconfig", () => {
    const out = new LogCapture();
    const { stream: _s, ...opts } = loggerOptions('info');
    const log = pino(opts, out);
    log.info({ body: { kind: 'ingress', host: 'dify.example.local', tls: { certificate: 'CERT-PEM-TEXT', privateKey: 'KEY-PEM-TEXT' } } });
    log.info({ req: { body: { tls: { privateKey: 'KEY-PEM-2' } } }, secret: { data: { 'tls.key': 'S0VZ' } }, kubeconfig: 'apiVersion: v1 token: abc' });
    expect(out.text).toContain('dify.example.local');
    for (const secret of ['CERT-PEM-TEXT', 'KEY-PEM-TEXT', 'KEY-PEM-2', 'S0VZ', 'token: abc']) expect(out.text).not.toContain(secret);
  });

  it('scrubs signed URLs and key ids from error messages and stacks', () => {
    const out = new LogCapture();
    const { stream: _s, ...opts } = loggerOptions('info');
    const err = Object.assign(new Error('Bad, URL: https://vpc.aliyuncs.com/?AccessKeyId=TestOnlyAbcdefghij&Signature=xyz%3D'), {
      url: 'https://vpc.aliyuncs.com/?AccessKeyId=TestOnlyAbcdefghij',
    });
    pino(opts, out).error({ err }, 'failed');
    expect(out.text).toContain('Bad');
    expect(out.text).not.toContain('TestOnlyAbcdefghij');
    expect(out.text).not.toContain('xyz');
  });
});

describe('request logs', () => {
  // Nothing listens there: the routes used below do not reach the cloud.
  const nowhere = sandboxCloud(testEnv(), 'http://127.0.0.1:9');
  const lines = (logs: LogCapture) => logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const requestLines = (logs: LogCapture) => lines(logs).filter((l) => l.msg === 'request completed');

  it('are one line per request at info, with method, URL, status and time; no secret in them', async () => {
    const { app, logs } = await appOn(nowhere);
    await app.inject({ url: '/api/v1/health' });
    await app.inject({ url: '/api/v1/health?lang=en', headers: { cookie: 'dify_console_session=cookie-secret-1', authorization: 'Bearer header-secret-2' } });
    await app.inject({
      method: 'POST',
      url: '/api/v1/deployments',
      payload: { regionId: 'cn-hangzhou', parameters: { postgresPassword: 'Pg#Body-secret-3' } },
    });
    await app.close();

    const all = lines(logs);
    expect(all.filter((l) => l.msg === 'incoming request')).toEqual([]); // Fastify's second line is gone
    const requests = requestLines(logs);
    expect(requests.map((l) => [(l.req as { method: string }).method, (l.req as { url: string }).url, (l.res as { statusCode: number }).statusCode])).toEqual([
      ['GET', '/api/v1/health', 200],
      ['GET', '/api/v1/health?lang=en', 200],
      ['POST', '/api/v1/deployments', 400],
    ]);
    for (const l of requests) {
      expect(l.level).toBe(30);
      expect(typeof l.responseTime).toBe('number');
      expect(typeof l.reqId).toBe('string');
    }
    // One line per request: no two lines of a request id are request lines.
    expect(new Set(requests.map((l) => l.reqId)).size).toBe(3);
    for (const secret of ['cookie-secret-1', 'header-secret-2', 'Pg#Body-secret-3']) expect(logs.text).not.toContain(secret);
  });

  it('sample the successes by LOG_REQUEST_SAMPLE and keep every 4xx and 5xx', async () => {
    const { app, logs } = await appOn(nowhere, { env: { LOG_REQUEST_SAMPLE: '0' } });
    for (let i = 0; i < 5; i += 1) await app.inject({ url: '/api/v1/health' });
    await app.inject({ url: '/api/v1/no-such-thing' }); // 404
    await app.inject({ method: 'POST', url: '/api/v1/quote', payload: {} }); // 400
    await app.inject({ url: '/api/v1/regions/cn-hangzhou/vpcs' }); // the cloud is unreachable: 5xx
    await app.close();
    const statuses = requestLines(logs).map((l) => (l.res as { statusCode: number }).statusCode);
    expect(statuses.filter((s) => s < 400)).toEqual([]);
    expect(statuses).toHaveLength(3);
    expect(statuses.slice(0, 2)).toEqual([404, 400]);
    expect(statuses[2]).toBeGreaterThanOrEqual(500);
  });

  it('logs the chosen share of successes', async () => {
    const out = new LogCapture();
    const { stream: _s, ...opts } = loggerOptions('info');
    const log = pino(opts, out);
    let n = 0;
    const hook = requestLogHook(0.25, () => (n++ % 4) / 4); // 0, .25, .5, .75, 0, …: one in four under .25
    for (const statusCode of [200, 200, 200, 200, 200, 200, 200, 200, 503, 401]) {
      await hook({ log, method: 'GET', url: '/x', ip: '127.0.0.1' } as unknown as FastifyRequest, { statusCode, elapsedTime: 1 } as FastifyReply);
    }
    expect(out.lines.map((l) => (JSON.parse(l) as { res: { statusCode: number } }).res.statusCode)).toEqual([200, 200, 503, 401]);
  });

  it('refuses a sample outside 0…1 at start', () => {
    expect(() => testEnv({ LOG_REQUEST_SAMPLE: '2' })).toThrow(/LOG_REQUEST_SAMPLE must be a number from 0 to 1/);
  });
});
