import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../config/env';
import { sandboxCloud } from '../config/cloud';
import { appOn, testEnv } from '../testing/harness';
import { rawRequest } from '../testing/raw-http';
import { isLoopbackOrigin, requestOrigin, sameOrigin } from './security';

/**
 * No spelling of a path, no Host and no Origin reaches a protected route without a session. The
 * routes come from the app itself (its OpenAPI document), so a new route is covered the day it is
 * added. Requests go over a real socket, byte for byte: app.inject and fetch would normalise them.
 */

// Nothing listens there: a request that got through to a handler would end in a 5xx or a 400.
const nowhere = sandboxCloud(testEnv(), 'http://127.0.0.1:9');
const TOKEN = 'correct-horse-battery-staple';
const SAMPLE_PARAMS: Record<string, string> = { regionId: 'cn-hangzhou', instanceId: 'si-abc123' };
const PUBLIC = new Set(['GET /api/v1/health', 'GET /livez', 'GET /readyz', 'GET /api/v1/session', 'POST /api/v1/session']);

interface Route {
  method: string;
  path: string;
}

function routesOf(app: FastifyInstance): Route[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => ({
      method: m.toUpperCase(),
      path: path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x'),
    })),
  );
}

const pct = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

/** Ways to write the same path that some layer (a proxy, a router, a decoder) might read as it. */
function spellings(path: string): string[] {
  const segs = path.split('/').slice(1);
  const join = (s: string[]) => `/${s.join('/')}`;
  const out = new Set<string>([path]);
  segs.forEach((seg, i) => {
    const copy = [...segs];
    copy[i] = pct(seg[0] ?? 'a') + seg.slice(1); // percent-encoded letter
    out.add(join(copy));
    copy[i] = [...seg].map(pct).join(''); // whole segment encoded
    out.add(join(copy));
    copy[i] = `%25${pct(seg[0] ?? 'a').slice(1)}${seg.slice(1)}`; // double encoding
    out.add(join(copy));
    copy[i] = seg.toUpperCase();
    out.add(join(copy));
    copy[i] = `${seg};x=1`; // matrix parameter
    out.add(join(copy));
    copy[i] = `${seg}/.`;
    out.add(join(copy));
    copy[i] = `x/../${seg}`;
    out.add(join(copy));
    copy[i] = `%2e/${seg}`;
    out.add(join(copy));
    copy[i] = `${seg}/`; // duplicate slash after it
    out.add(join(copy));
  });
  for (const p of [
    `/${path}`,
    `${path}/`,
    `${path};`,
    `${path}%00`,
    `${path}%20`,
    `${path}%2F`,
    `${path}#x`,
    `${path}?x=/api/v1/health`,
    path.replace('/api/v1/', '/api%2Fv1/'),
    path.replace('/api/v1/', '/api\\v1\\'),
    path.replace('/api/v1/', '/api/v1/session/../'),
    path.replace('/api/v1/', '/api/v1/health/..%2F'),
    path.replace('/api/v1/', '/api/v1/health;/../'),
    `/api/v1/health/../..${path}`,
    `http://127.0.0.1${path}`,
  ]) {
    out.add(p);
  }
  return [...out];
}

describe('bound beyond loopback: every protected route, however spelled, needs the session', () => {
  let app: FastifyInstance;
  let port: number;
  /** The session cookie and the anti-forgery secret cookie, as a browser would send them. */
  let cookie: string;
  /** The anti-forgery token GET /api/v1/session handed out (the web client's X-CSRF-Token). */
  let csrf: string;
  const host = () => `127.0.0.1:${port}`;

  beforeAll(async () => {
    ({ app } = await appOn(nowhere, { env: { HOST: '0.0.0.0', CONSOLE_ACCESS_TOKEN: TOKEN } }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
    const state = await rawRequest(port, { method: 'GET', path: '/api/v1/session' });
    csrf = (JSON.parse(state.body) as { csrfToken: string }).csrfToken;
    const secret = (state.headers['set-cookie'] ?? '').split(';')[0] ?? '';
    expect(state.headers['set-cookie']).toMatch(/HttpOnly/);
    const signIn = await rawRequest(port, {
      method: 'POST',
      path: '/api/v1/session',
      headers: { origin: `http://${host()}`, 'content-type': 'application/json', cookie: secret, 'x-csrf-token': csrf },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(signIn.status).toBe(204);
    cookie = `${(signIn.headers['set-cookie'] ?? '').split(';')[0] ?? ''}; ${secret}`;
  });
  afterAll(() => app.close());

  it('knows every route, including the mutating ones', () => {
    const routes = routesOf(app).map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/deployments',
        'DELETE /api/v1/deployments/si-abc123',
        'PUT /api/v1/deployments/si-abc123/access',
        'POST /api/v1/preflight/whitelist-fix',
        'POST /api/v1/quote',
      ]),
    );
  });

  it('refuses every spelling of every protected route without a session (and reaches it with one)', async () => {
    const leaks: string[] = [];
    let tried = 0;
    for (const route of routesOf(app).filter((r) => !PUBLIC.has(`${r.method} ${r.path}`))) {
      const send = (path: string, extra: Record<string, string> = {}) =>
        rawRequest(port, {
          method: route.method,
          path,
          headers: {
            origin: `http://${host()}`,
            ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }),
            ...extra,
          },
          ...(route.method === 'GET' ? {} : { body: '{}' }),
        });
      // With the session the canonical path reaches the route (a 400 for the empty body, a 5xx
      // for the unreachable cloud): proof that the refusals below come from the missing session.
      const reached = await send(route.path, { cookie, 'x-csrf-token': csrf });
      expect(reached.status, `${route.method} ${route.path} with a session`).not.toBe(401);
      expect(reached.status, `${route.method} ${route.path} with a session`).not.toBe(403);

      for (const path of spellings(route.path)) {
        tried += 1;
        const res = await send(path);
        // 401: the route was matched and refused; 404/400 (malformed URL): no route; a GET of an
        // unknown page gets the SPA's HTML, never an API answer.
        const spa =
          res.status === 200 && (res.headers['content-type'] ?? '').startsWith('text/html');
        if (![401, 404, 400].includes(res.status) && !spa)
          leaks.push(`${route.method} ${path} → ${res.status}`);
        if (res.status === 400 && res.body.includes('ValidationFailed'))
          leaks.push(`${route.method} ${path} → validated`);
      }
    }
    expect(leaks).toEqual([]);
    expect(tried).toBeGreaterThan(300);
  }, 120_000); // several hundred requests over real sockets: a fixed amount of work, slow on a loaded machine

  it('refuses every state-changing call without the anti-forgery token, or with a wrong one, even with the session and the same Origin', async () => {
    const mutating = routesOf(app).filter((r) => r.method !== 'GET');
    expect(mutating.length).toBeGreaterThan(5);
    const otherSecret = (await rawRequest(port, { method: 'GET', path: '/api/v1/session' })).headers['set-cookie']?.split(';')[0] ?? '';
    const sessionOnly = cookie.split('; ')[0]!;
    const cases: [string, Record<string, string>][] = [
      ['no token', { cookie }],
      ['an empty token', { cookie, 'x-csrf-token': '' }],
      ['a made-up token', { cookie, 'x-csrf-token': 'abc-def' }],
      ['a token altered by one character', { cookie, 'x-csrf-token': csrf.slice(0, -1) + (csrf.endsWith('A') ? 'B' : 'A') }],
      ['the token without its secret cookie', { cookie: sessionOnly, 'x-csrf-token': csrf }],
      ["the token with another browser's secret", { cookie: `${sessionOnly}; ${otherSecret}`, 'x-csrf-token': csrf }],
      ['the token in a query parameter only', { cookie }],
    ];
    for (const route of mutating) {
      for (const [what, headers] of cases) {
        const res = await rawRequest(port, {
          method: route.method,
          path: what.includes('query') ? `${route.path}?_csrf=${encodeURIComponent(csrf)}` : route.path,
          headers: { origin: `http://${host()}`, 'content-type': 'application/json', ...headers },
          body: route.path === '/api/v1/session' ? JSON.stringify({ token: TOKEN }) : '{}',
        });
        expect(res.status, `${route.method} ${route.path}: ${what}`).toBe(403);
        expect(JSON.parse(res.body), `${route.method} ${route.path}: ${what}`).toMatchObject({ code: 'CsrfTokenInvalid' });
      }
    }
  });

  it('refuses a state-changing call whose Origin is not exactly this origin, even with the session', async () => {
    const origins = [
      undefined,
      'null',
      'https://evil.example',
      `http://${host()}.evil.example`,
      `http://${host()}@evil.example`,
      `https://${host()}`, // another scheme
      `http://127.0.0.1:${port + 1}`, // another port
      `http://localhost:${port}`, // another host
      `http://${host()}/path`,
    ];
    for (const route of routesOf(app).filter((r) => r.method !== 'GET')) {
      for (const origin of origins) {
        const res = await rawRequest(port, {
          method: route.method,
          path: route.path,
          headers: {
            cookie,
            'x-csrf-token': csrf,
            'content-type': 'application/json',
            ...(origin === undefined ? {} : { origin }),
          },
          body: '{}',
        });
        expect(res.status, `${route.method} ${route.path} Origin ${origin}`).toBe(403);
      }
    }
  });
});

describe('on loopback: no login, but only loopback Host names and same-origin calls', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    ({ app } = await appOn(nowhere));
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  const badHosts = () => [
    '127.evil.com',
    `127.0.0.1.evil.com:${port}`,
    `localhost.evil.com:${port}`,
    `127.0.0.1.nip.io:${port}`,
    'evil.example',
    `evil.example@127.0.0.1:${port}`,
    `127.0.0.1:${port}@evil.example`,
    '[::1].evil.com',
    '[::ffff:7f00:1]',
    `0.0.0.0:${port}`,
    `10.0.0.1:${port}`,
    '',
  ];

  it('refuses every foreign Host on every route with 421', async () => {
    for (const route of routesOf(app)) {
      for (const host of badHosts()) {
        const res = await rawRequest(port, {
          method: route.method,
          path: route.path,
          headers: {
            host,
            ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }),
          },
          ...(route.method === 'GET' ? {} : { body: '{}' }),
        });
        expect([421, 400], `${route.method} ${route.path} Host ${host}`).toContain(res.status);
      }
    }
  });

  it('refuses a cross-origin call on every mutating route, accepts the same origin', async () => {
    for (const route of routesOf(app).filter((r) => r.method !== 'GET')) {
      for (const origin of [
        'https://evil.example',
        'null',
        `http://127.0.0.1:${port}.evil.com`,
        `http://localhost:${port}`,
        `https://127.0.0.1:${port}`,
        `http://127.0.0.1:${port + 1}`,
      ]) {
        const res = await rawRequest(port, {
          method: route.method,
          path: route.path,
          headers: { origin, 'content-type': 'application/json' },
          body: '{}',
        });
        expect(res.status, `${route.method} ${route.path} Origin ${origin}`).toBe(403);
      }
      const same = await rawRequest(port, {
        method: route.method,
        path: route.path,
        headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(same.status, `${route.method} ${route.path} same origin`).not.toBe(403);
    }
  });

  it('answers the real loopback names', async () => {
    for (const host of [
      `127.0.0.1:${port}`,
      `127.1.2.3:${port}`,
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `[::1]:${port}`,
    ]) {
      const res = await rawRequest(port, {
        method: 'GET',
        path: '/api/v1/health',
        headers: { host },
      });
      expect(res.status, host).toBe(200);
    }
  });
});

describe('host and origin rules', () => {
  it('takes only real loopback addresses as loopback', () => {
    for (const h of ['127.0.0.1', '127.255.0.9', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of [
      '127.evil.com',
      '127.0.0.1.evil.com',
      'localhost.evil.com',
      '1270.0.0.1',
      '128.0.0.1',
      '0.0.0.0',
      'evil',
    ]) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
    expect(isLoopbackOrigin(requestOrigin('http', '127.0.0.1:8080'))).toBe(true);
    expect(isLoopbackOrigin(requestOrigin('http', 'a@127.0.0.1'))).toBe(false);
  });

  it('compares Origin by scheme, host and port', () => {
    const target = requestOrigin('http', '127.0.0.1:8080');
    expect(sameOrigin('http://127.0.0.1:8080', target)).toBe(true);
    expect(sameOrigin('http://console.example', requestOrigin('http', 'console.example:80'))).toBe(
      true,
    );
    expect(sameOrigin('https://127.0.0.1:8080', target)).toBe(false);
    expect(sameOrigin('http://127.0.0.1:8081', target)).toBe(false);
    expect(sameOrigin('http://127.0.0.1', target)).toBe(false);
  });
});

describe('sign-in', () => {
  it('is rate limited per client address with Retry-After; failures are logged without the token, at most once per attempt allowed', async () => {
    const { app, logs } = await appOn(nowhere, {
      env: { HOST: '0.0.0.0', CONSOLE_ACCESS_TOKEN: TOKEN },
    });
    const host = 'console.example:8080';
    const state = await app.inject({ url: '/api/v1/session', headers: { host } });
    const csrf = { cookie: String(state.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': state.json<{ csrfToken: string }>().csrfToken };
    const attempt = (token: string, ip = '10.0.0.7') =>
      app.inject({
        method: 'POST',
        url: '/api/v1/session?lang=en',
        remoteAddress: ip,
        headers: { host, origin: `http://${host}`, ...csrf },
        payload: { token },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) statuses.push((await attempt(`wrong-guess-${i}`)).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(20).fill(429));

    const limited = await attempt(TOKEN);
    expect(limited.statusCode).toBe(429); // even the right token waits: guessing stays slow
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toEqual({
      code: 'TooManySignInAttempts',
      message: expect.stringMatching(/Too many sign-in attempts/),
    });

    // Another address is not held up by the first.
    expect((await attempt(TOKEN, '10.0.0.8')).statusCode).toBe(204);

    const refusals = logs.lines.filter((l) => l.includes('sign-in refused'));
    expect(refusals).toHaveLength(10);
    expect(logs.text).not.toContain('wrong-guess');
    expect(logs.text).not.toContain(TOKEN);
    await app.close();
  });
});
