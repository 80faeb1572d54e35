import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CloudError } from './errors/cloud-error';
import { sandboxCloud } from './config/cloud';
import type { ResourcePorts } from './ports/resources';
import { appOn, testEnv } from './testing/harness';

/** HTTP behaviour that needs no cloud: validation, security, static files, errors, OpenAPI. */

const nowhere = sandboxCloud(testEnv(), 'http://127.0.0.1:9');

const failing = (err: Error): ResourcePorts => {
  const fail = async (): Promise<never> => {
    throw err;
  };
  return {
    identity: { getCallerIdentity: async () => ({ AccountId: '1' }) },
    regions: { describeRegions: fail },
    vpcs: { describeVpcs: fail },
    clusters: { describeClustersV1: fail },
    rds: { describeDBInstances: fail },
    redis: { describeInstances: fail },
    milvus: { listInstances: fail },
  };
};

describe('validation', async () => {
  const { app } = await appOn(nowhere);
  afterAll(() => app.close());

  it('answers a bad regionId with 400 and the issue in Chinese by default', async () => {
    const res = await app.inject({ url: '/api/v1/regions/Hangzhou!/vpcs' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'ValidationFailed',
      message: '请求参数有误，请检查后重试',
      issues: [{ path: ['regionId'], message: '请选择地域' }],
    });
  });

  it('answers a bad vpcId in the language of ?lang= or Accept-Language', async () => {
    const viaQuery = await app.inject({ url: '/api/v1/regions/cn-hangzhou/postgres?vpcId=nope&lang=en' });
    expect(viaQuery.statusCode).toBe(400);
    expect(viaQuery.json().issues).toEqual([{ path: ['vpcId'], message: 'Choose a VPC' }]);
    const viaHeader = await app.inject({
      url: '/api/v1/regions/cn-hangzhou/clusters?vpcId=nope',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(viaHeader.json().message).toBe('The request is not valid; check the highlighted values');
  });

  it("answers a malformed path parameter of every route in the request's language, naming it and what to do", async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const routes = Object.entries(doc.paths).filter(([path]) => path.includes('{'));
    expect(routes.length).toBeGreaterThan(5);
    for (const [path, operations] of routes) {
      for (const method of Object.keys(operations)) {
        const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        // Longer than any id of the contract (within Fastify's path limit), with characters none allows.
        const url = path.replace(/\{\w+\}/g, `Bad_${'X'.repeat(80)}`);
        for (const [language, sentence] of [['zh-CN', /[\u4e00-\u9fff]/], ['en', /^[A-Z][^\u4e00-\u9fff]+$/]] as const) {
          const res = await app.inject({ method: method.toUpperCase() as 'GET', url, headers: { 'accept-language': language }, ...(method === 'get' ? {} : { payload: {} }) });
          const label = `${method} ${path} ${language}`;
          expect(res.statusCode, label).toBe(400);
          const { issues } = res.json<{ issues: { path: string[]; message: string }[] }>();
          expect(issues.length, label).toBeGreaterThan(0);
          for (const issue of issues.filter((i) => names.includes(i.path[0]!))) {
            expect(issue.message, label).toMatch(sentence);
            // Not zod's own words ("Too big: expected string to have <=64 characters", "Invalid string").
            expect(issue.message, label).not.toMatch(/Too big|Invalid|expected|regex|pattern/);
          }
          expect(issues.some((i) => names.includes(i.path[0]!)), label).toBe(true);
        }
      }
    }
  });

  it('says what is wrong with a malformed instance id in the address, and what to do', async () => {
    const res = await app.inject({ url: '/api/v1/deployments/SI_1', headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'ValidationFailed',
      message: '请求参数有误，请检查后重试',
      issues: [{ path: ['instanceId'], message: '服务实例ID格式不正确：应以 si- 开头，后跟小写字母和数字（不超过64个字符），请检查地址中的服务实例ID' }],
    });
  });

  it('refuses a JSON body declared in another charset with 415, takes UTF-8', async () => {
    for (const charset of ['latin1', 'utf-16', '"iso-8859-1"']) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': `application/json; charset=${charset}` }, payload: '{"token":"x"}' });
      expect(res.statusCode, charset).toBe(415);
      expect(res.json().code).toBe('UnsupportedCharset');
    }
    const utf8 = await app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json; charset=UTF-8' }, payload: '{"token":"x"}' });
    expect(utf8.statusCode).toBe(204);
  });

  it('reports health and the mode', async () => {
    const res = await app.inject({ url: '/api/v1/health' });
    expect(res.json()).toEqual({ status: 'ok', mode: 'sandbox' });
  });

  it('serves the OpenAPI document generated from the shared schemas', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/health', '/api/v1/regions', '/api/v1/regions/{regionId}/postgres']),
    );
    expect(doc.paths['/api/v1/regions/{regionId}/clusters'].get.responses['200']).toBeDefined();
  });

  it('answers an unknown API path with a JSON 404, not the SPA', async () => {
    const res = await app.inject({ url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NotFound');
  });
});

describe('security', () => {
  it('sets the security headers on every response', async () => {
    const { app } = await appOn(nowhere);
    for (const url of ['/api/v1/health', '/', '/api/v1/regions/x/vpcs']) {
      const res = await app.inject({ url });
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    await app.close();
  });

  it('on loopback needs no login but refuses foreign Host names and cross-site Origins', async () => {
    const { app } = await appOn(nowhere, { deps: { ports: failing(new Error('x')) } });
    expect((await app.inject({ url: '/api/v1/session' })).json()).toEqual({ loginRequired: false, authenticated: true });
    expect((await app.inject({ url: '/api/v1/health', headers: { host: 'evil.example:8080' } })).statusCode).toBe(421);
    const cross = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { origin: 'https://evil.example' },
      payload: { token: 'x' },
    });
    expect(cross.statusCode).toBe(403);
    await app.close();
  });

  it('bound beyond loopback: 401 without the session, sign-in with the token sets an HttpOnly cookie', async () => {
    const token = 'correct-horse-battery-staple';
    const { app } = await appOn(nowhere, {
      env: { HOST: '0.0.0.0', CONSOLE_ACCESS_TOKEN: token },
      deps: { ports: failing(new CloudError({ code: 'Throttling', message: 'slow down', httpStatus: 400, action: 'DescribeVpcs' })) },
    });
    const host = 'console.example:8080';
    const origin = `http://${host}`;
    expect((await app.inject({ url: '/api/v1/health', headers: { host } })).statusCode).toBe(200);
    const denied = await app.inject({ url: '/api/v1/regions/cn-hangzhou/vpcs?lang=en', headers: { host } });
    expect(denied.statusCode).toBe(401);
    expect(denied.json()).toEqual({ code: 'Unauthenticated', message: 'Sign in to the console first' });

    // The page first asks whether a login is needed, and gets the anti-forgery token with it.
    const state = await app.inject({ url: '/api/v1/session', headers: { host } });
    const { csrfToken } = state.json<{ csrfToken: string }>();
    expect(state.json()).toEqual({ loginRequired: true, authenticated: false, csrfToken: expect.any(String) });
    const csrfCookie = String(state.headers['set-cookie']).split(';')[0] ?? '';
    const csrf = { cookie: csrfCookie, 'x-csrf-token': csrfToken };

    const noOrigin = await app.inject({ method: 'POST', url: '/api/v1/session', headers: { host, ...csrf }, payload: { token } });
    expect(noOrigin.statusCode).toBe(403);
    const forged = await app.inject({ method: 'POST', url: '/api/v1/session?lang=en', headers: { host, origin, cookie: csrfCookie }, payload: { token } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toEqual({ code: 'CsrfTokenInvalid', message: expect.stringMatching(/reload the page/) });
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/session', headers: { host, origin, ...csrf }, payload: { token: 'wrong' } });
    expect(wrong.statusCode).toBe(401);

    const ok = await app.inject({ method: 'POST', url: '/api/v1/session', headers: { host, origin, ...csrf }, payload: { token } });
    expect(ok.statusCode).toBe(204);
    const setCookie = String(ok.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(token);
    const cookie = setCookie.split(';')[0] ?? '';

    const allowed = await app.inject({ url: '/api/v1/regions/cn-hangzhou/vpcs', headers: { host, cookie } });
    expect(allowed.statusCode).toBe(429); // reached the service (whose fake cloud throttles)
    expect((await app.inject({ url: '/api/v1/session', headers: { host, cookie: `${cookie}; ${csrfCookie}` } })).json()).toEqual({
      loginRequired: true,
      authenticated: true,
      csrfToken: expect.any(String),
    });
    await app.close();
  });

  it('refuses to start beyond loopback without an access token', () => {
    expect(() => testEnv({ HOST: '0.0.0.0' })).toThrow(/CONSOLE_ACCESS_TOKEN/);
  });
});

describe('cloud errors become clear answers', () => {
  const cases: [CloudError, number, string, RegExp][] = [
    [new CloudError({ code: 'Throttling.User', message: 'x', httpStatus: 400, action: 'DescribeVpcs', requestId: 'R1' }), 429, 'Cloud.Throttling', /rate-limiting/],
    [new CloudError({ code: 'InvalidAccessKeyId.NotFound', message: 'x', httpStatus: 404, action: 'DescribeVpcs' }), 502, 'Cloud.CredentialsRefused', /ALIBABA_CLOUD_ACCESS_KEY_ID/],
    [Object.assign(new CloudError({ code: 'Forbidden.RAM', message: 'x', httpStatus: 403, action: 'DescribeVpcs' }), { product: 'vpc' }), 403, 'Cloud.Forbidden', /vpc:DescribeVpcs/],
    [new CloudError({ code: 'ServiceUnavailable', message: 'x', httpStatus: 503, action: 'DescribeVpcs' }), 503, 'Cloud.Unavailable', /temporarily unavailable/],
    [new CloudError({ code: 'Cloud.Timeout', message: 'x', httpStatus: 0, action: 'DescribeVpcs' }), 504, 'Cloud.Timeout', /No answer from the cloud in time/],
    [new CloudError({ code: 'ResourceNotFound.VPC', message: 'x', httpStatus: 404, action: 'DescribeVpcs' }), 404, 'Cloud.NotFound', /Not found/],
  ];
  it.each(cases)('%s → %i', async (err, status, code, text) => {
    const { app } = await appOn(nowhere, { deps: { ports: failing(err) } });
    const res = await app.inject({ url: '/api/v1/regions/cn-hangzhou/vpcs?lang=en' });
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.json().message).toMatch(text);
    if (err.requestId) expect(res.json().requestId).toBe(err.requestId);
    await app.close();
  });

  it('answers anything else with 500 and no internals', async () => {
    const { app, logs } = await appOn(nowhere, { deps: { ports: failing(new Error('secret internals at /src/x.ts:12')) } });
    const res = await app.inject({ url: '/api/v1/regions/cn-hangzhou/vpcs' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'Internal', message: '控制台内部错误，请查看控制台日志' });
    expect(res.body).not.toContain('internals');
    expect(logs.text).toContain('secret internals');
    await app.close();
  });
});

describe('static web', () => {
  it('says how to build the web when it is not built', async () => {
    const { app } = await appOn(nowhere);
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('pnpm --filter @dify-console/web build');
    await app.close();
  });

  it('serves the SPA with index.html fallback and immutable hashed assets', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>c</title></head><body><div id="root"></div></body></html>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    const { app } = await appOn(nowhere, { env: { WEB_DIST_DIR: dist } });
    const root = await app.inject({ url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('id="root"');
    // The session state rides along (on loopback: no login, nothing secret), before </head>.
    expect(root.body).toContain(
      '<meta name="dify-console-session" content="{&quot;loginRequired&quot;:false,&quot;authenticated&quot;:true}" /></head>',
    );
    expect(root.headers['cache-control']).toBe('no-cache');
    expect((await app.inject({ url: '/index.html' })).body).toBe(root.body);
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const deep = await app.inject({ url: '/deploy/step-2', headers: { accept: 'text/html' } });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('id="root"');
    expect(deep.headers['cache-control']).toBe('no-cache');
    // A built file that is not there (a chunk of the version before an update) is a 404, not the index.
    const gone = await app.inject({ url: '/assets/review-step-old123.js' });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/^application\/json/);
    await app.close();
  });
});
