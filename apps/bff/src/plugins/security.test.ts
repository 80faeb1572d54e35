import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    copy[i] = `${seg}%2F`; // encoded slash after it
    out.add(join(copy));
    copy[i] = `${seg}%5C`; // encoded backslash after it
    out.add(join(copy));
    copy[i] = `x%2F..%2F${seg}`; // dot segment behind encoded slashes
    out.add(join(copy));
    copy[i] = `x/%2e%2e/${seg}`; // encoded dot segment
    out.add(join(copy));
    copy[i] = `x/.%2E/${seg}`; // half-encoded dot segment
    out.add(join(copy));
    copy[i] = `x%C0%AF..%C0%AF${seg}`; // overlong UTF-8 slash
    out.add(join(copy));
    copy[i] = `x/%C0%AE%C0%AE/${seg}`; // overlong UTF-8 dots
    out.add(join(copy));
    copy[i] = `x%E0%80%AF..%E0%80%AF${seg}`; // three-byte overlong slash
    out.add(join(copy));
    copy[i] = `x%EF%BC%8F..%EF%BC%8F${seg}`; // fullwidth solidus
    out.add(join(copy));
    copy[i] = `${seg};jsessionid=1`; // a path parameter as some servers strip it
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
    path.replaceAll('/', '\\'),
    path.replaceAll('/', '%5C'),
    path.replaceAll('/', '//'),
    path.replace('/api/v1/', '/api/./v1/'),
    path.replace('/api/v1/', '/api;x=1/v1/'),
    path.replace('/api/v1/', '/API/V1/'),
    path.toUpperCase(),
    path.replace('/api/v1/', '/api/v1/%2e%2e/v1/'),
    path.replace('/api/v1/', '/api/v1/..%5Cv1/'),
    path.replace('/api/v1/', '/api/v1/%C0%AE%C0%AE/v1/'),
    `${path}/.`,
    `${path}/..`,
    `${path}//`,
    `${path}%2F.`,
    `${path}.`,
    `${path}%09`,
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

      const attempts: [string, string, Record<string, string>][] = spellings(route.path).flatMap((path) => [
        [route.method, path, {}] as [string, string, Record<string, string>],
        // HEAD is answered by GET's handler; OPTIONS has no route (no CORS here).
        ...(route.method === 'GET' ? [['HEAD', path, {}] as [string, string, Record<string, string>]] : []),
        ['OPTIONS', path, { 'access-control-request-method': route.method }] as [string, string, Record<string, string>],
      ]);
      // A method override header some frameworks honour: a GET that asks to be a POST, and back.
      attempts.push([route.method === 'GET' ? 'POST' : 'GET', route.path, { 'x-http-method-override': route.method }]);
      for (const [method, path, extra] of attempts) {
        tried += 1;
        const res = await rawRequest(port, {
          method,
          path,
          headers: {
            origin: `http://${host()}`,
            ...(method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? {} : { 'content-type': 'application/json' }),
            ...extra,
          },
          ...(method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? {} : { body: '{}' }),
        });
        // 401: the route was matched and refused; 404/400 (malformed URL): no route; a GET of an
        // unknown page gets the SPA's HTML, never an API answer.
        const spa =
          res.status === 200 && (res.headers['content-type'] ?? '').startsWith('text/html');
        if (![401, 404, 400].includes(res.status) && !spa) leaks.push(`${method} ${path} → ${res.status}`);
        if (res.status === 400 && res.body.includes('ValidationFailed')) leaks.push(`${method} ${path} → validated`);
      }
    }
    expect(leaks).toEqual([]);
    expect(tried).toBeGreaterThan(2000);
  }, 240_000); // a few thousand requests over real sockets: a fixed amount of work, slow on a loaded machine

  it('refuses every protected route without a session whatever the Host and Origin say', async () => {
    // Names that merely start like this machine, other spellings of its address, other ports and
    // schemes: bound beyond loopback, none of them stands in for the session.
    const hosts = [
      host(),
      `127.0.0.1.evil.com:${port}`,
      'localhost.evil',
      `localhost:${port}`,
      `0x7f.0.0.1:${port}`,
      '2130706433',
      `127.1:${port}`,
      `[::ffff:127.0.0.1]:${port}`,
      `[::1]:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1:0',
      'console.example',
      `evil.example@127.0.0.1:${port}`,
    ];
    const origins = (h: string) => [
      undefined,
      `http://${h}`,
      `https://${h}`,
      'null',
      `http://127.0.0.1.evil.com:${port}`,
      'http://0x7f.0.0.1',
      `http://[::ffff:127.0.0.1]:${port}`,
      `file://${h}`,
    ];
    const leaks: string[] = [];
    let tried = 0;
    for (const route of routesOf(app).filter((r) => !PUBLIC.has(`${r.method} ${r.path}`))) {
      for (const h of hosts) {
        for (const origin of origins(h)) {
          for (const path of [route.path, `${route.path}/`, route.path.replace('/api/v1/', '/api/v1/%2e/')]) {
            tried += 1;
            const res = await rawRequest(port, {
              method: route.method,
              path,
              headers: {
                host: h,
                ...(origin === undefined ? {} : { origin }),
                ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }),
              },
              ...(route.method === 'GET' ? {} : { body: '{}' }),
            });
            // 401 no session, 403 foreign Origin, 404/400 no such route or malformed; never the route's answer.
            const spa = res.status === 200 && (res.headers['content-type'] ?? '').startsWith('text/html');
            if (![401, 403, 404, 400].includes(res.status) && !spa) leaks.push(`${route.method} ${path} Host ${h} Origin ${origin} → ${res.status}`);
            if (res.body.includes('ValidationFailed')) leaks.push(`${route.method} ${path} Host ${h} Origin ${origin} → validated`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(tried).toBeGreaterThan(2000);
  }, 240_000); // several hundred requests over real sockets: a fixed amount of work, slow on a loaded machine

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

describe('bound beyond loopback with the web built: the public SPA files open no way around the session', () => {
  // The production shape: @fastify/static serves the web under a public wildcard route.
  let app: FastifyInstance;
  let port: number;
  let dir: string;
  const INDEX = '<!doctype html><html><head><title>console</title></head><body><div id="root"></div></body></html>';
  /** The index as served: the session state (with a fresh anti-forgery token) in a meta element. */
  const isIndex = (body: string) =>
    body.replace(/<meta name="dify-console-session" content="[^"]*" \/>/, '') === INDEX &&
    body.includes('<meta name="dify-console-session" content="{&quot;loginRequired&quot;:true,&quot;authenticated&quot;:false,&quot;csrfToken&quot;:&quot;');
  const SECRET = 'outside-the-web-root';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bff-web-'));
    mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'index.html'), INDEX);
    writeFileSync(join(dir, 'dist', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    ({ app } = await appOn(nowhere, { env: { HOST: '0.0.0.0', CONSOLE_ACCESS_TOKEN: TOKEN, WEB_DIST_DIR: join(dir, 'dist') } }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the SPA without a session, and no spelling of a protected route gets more than the SPA or a refusal', async () => {
    const page = await rawRequest(port, { method: 'GET', path: '/deployments/si-abc123' });
    expect(page.status).toBe(200);
    expect(isIndex(page.body)).toBe(true);
    expect((await rawRequest(port, { method: 'GET', path: '/assets/app.js' })).body).toBe('console.log(1)');

    const leaks: string[] = [];
    let tried = 0;
    for (const route of routesOf(app).filter((r) => !PUBLIC.has(`${r.method} ${r.path}`))) {
      const methods = route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
      for (const method of methods) {
        for (const path of spellings(route.path)) {
          tried += 1;
          const res = await rawRequest(port, {
            method,
            path,
            headers: { origin: `http://127.0.0.1:${port}`, ...(method === 'GET' || method === 'HEAD' ? {} : { 'content-type': 'application/json' }) },
            ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}' }),
          });
          // The SPA's index (a page the client routes) is all a public route may give; the static
          // files' own refusal of a dot segment (403) is a refusal too.
          const spa = res.status === 200 && (method === 'HEAD' ? (res.headers['content-type'] ?? '').startsWith('text/html') : isIndex(res.body));
          if (![401, 403, 404, 400].includes(res.status) && !spa) leaks.push(`${method} ${path} → ${res.status} ${res.body.slice(0, 80)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(tried).toBeGreaterThan(1000);
  }, 240_000);

  it('hands out in the index the session state GET /api/v1/session would: its anti-forgery token signs in, and no cache keeps the page', async () => {
    for (const path of ['/', '/index.html', '/deployments']) {
      const page = await rawRequest(port, { method: 'GET', path });
      expect(page.status, path).toBe(200);
      expect(isIndex(page.body), path).toBe(true);
      expect(page.headers['cache-control'], path).toBe('no-store');
    }
    const page = await rawRequest(port, { method: 'GET', path: '/' });
    const content = /<meta name="dify-console-session" content="([^"]*)"/.exec(page.body)?.[1] ?? '';
    const state = JSON.parse(content.replaceAll('&quot;', '"').replaceAll('&amp;', '&')) as { csrfToken: string };
    const secret = String(page.headers['set-cookie']).split(';')[0]!;
    const signIn = (headers: Record<string, string>) =>
      rawRequest(port, {
        method: 'POST',
        path: '/api/v1/session',
        headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ token: TOKEN }),
      });
    // Without the secret cookie the page's token is worth nothing (another browser cannot replay it).
    expect((await signIn({ 'x-csrf-token': state.csrfToken })).status).toBe(403);
    const signedIn = await signIn({ cookie: secret, 'x-csrf-token': state.csrfToken });
    expect(signedIn.status).toBe(204);
    const session = String(signedIn.headers['set-cookie']).split(';')[0]!;
    const after = await rawRequest(port, { method: 'GET', path: '/', headers: { cookie: `${session}; ${secret}` } });
    expect(after.body).toContain('{&quot;loginRequired&quot;:true,&quot;authenticated&quot;:true,');
  });

  it('never serves a file outside the web root, however the path climbs', async () => {
    const climbs = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/%c0%ae%c0%ae%c0%afsecret.txt',
      '/assets/%252e%252e/%252e%252e/secret.txt',
      '//secret.txt',
      `/${encodeURIComponent(join(dir, 'secret.txt'))}`,
      `/${join(dir, 'secret.txt')}`,
    ];
    for (const path of climbs) {
      const res = await rawRequest(port, { method: 'GET', path });
      expect(res.body, path).not.toContain(SECRET);
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
    `[::ffff:127.0.0.1]:${port}`,
    `0x7f.0.0.1:${port}`,
    `0177.0.0.1:${port}`,
    `2130706433:${port}`,
    `127.1:${port}`,
    `localhost.:${port}`,
    `localhost.evil:${port}`,
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
    // Other spellings of the loopback address are not how a browser names it: no origin at all.
    for (const h of ['0x7f.0.0.1', '127.1', '2130706433', '0177.0.0.1', '[::ffff:127.0.0.1]', '[0:0:0:0:0:0:0:1]'])
      expect(requestOrigin('http', h), h).toBeNull();
    expect(requestOrigin('http', 'LOCALHOST:8080')?.origin).toBe('http://localhost:8080');
    expect(requestOrigin('http', '[::1]:8080')?.origin).toBe('http://[::1]:8080');
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
    // 21 throttled tries from 10.0.0.7: one warning and one request line, not 21 of each.
    expect(logs.lines.filter((l) => l.includes('sign-in throttled'))).toHaveLength(1);
    const throttledLines = logs.lines.filter((l) => l.includes('"statusCode":429'));
    expect(throttledLines).toHaveLength(1);
    expect(logs.lines.filter((l) => l.includes('"statusCode":401') && l.includes('request completed'))).toHaveLength(10);
    expect(logs.text).not.toContain('wrong-guess');
    expect(logs.text).not.toContain(TOKEN);
    await app.close();
  });
});
