import { createHmac, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '@dify-console/shared/domain/problem';
import { SessionBodySchema, SessionStateSchema, type SessionState } from '@dify-console/shared/api/session';
import { isLoopbackHost } from '../config/env';
import { logQuietly } from '../logging';
import { message } from './error-handler';
import { global } from './global';

/**
 * Who may reach what. Protection is decided by the route the router matched, never by the raw
 * URL: every route is protected unless it declares `config: { public: true }`, so no spelling of
 * a path (percent-encoding, dot segments, `;`…) reaches a protected handler without a session.
 * Bound beyond loopback: a login with the operator's CONSOLE_ACCESS_TOKEN (rate limited per
 * client address), an HttpOnly SameSite=Strict session cookie, and on every state-changing route
 * (sign-in included) the anti-forgery token of @fastify/csrf-protection: `GET /api/v1/session`
 * hands it out with an HttpOnly secret cookie, the web client sends it back in `X-CSRF-Token`
 * (a double submit no other page can make; stateless, so replicas agree). Always: a same-origin Origin
 * (scheme, host and port) on every state-changing call; on loopback the Host must be a loopback
 * name (DNS rebinding). Headers from helmet.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (the default is protected). */
    public?: boolean;
  }
  interface FastifyInstance {
    /**
     * What `GET /api/v1/session` answers for this request (a fresh anti-forgery token when a login
     * is required): the SPA's index carries it too, so the first screen needs no round trip for it.
     */
    sessionState(req: FastifyRequest, reply: FastifyReply): SessionState;
  }
}

export interface SecurityOptions {
  loginRequired: boolean;
  accessToken: string | null;
  /** Sign-in attempts per client address and minute (default 10). */
  signInPerMinute?: number;
}

export const SESSION_COOKIE = 'dify_console_session';
/** The anti-forgery secret (HttpOnly); the token derived from it travels in a header. */
export const CSRF_COOKIE = 'dify_console_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The cookie value: derived from the token, so it survives restarts and dies when the token changes. */
const sessionValue = (token: string) =>
  createHmac('sha256', token).update('dify-console-session-v1').digest('base64url');

export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHmac('sha256', 'compare').update(a).digest();
  const hb = createHmac('sha256', 'compare').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

/** `host[:port]` as the Host header may carry it; anything else (userinfo, paths, spaces) is not a host. */
const HOST_HEADER = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

/**
 * The origin (scheme://host[:port], default port dropped) a request was sent to, or null. Only a
 * host written as browsers write it: `0x7f.0.0.1`, `127.1` or `[::ffff:127.0.0.1]` would be read by
 * the URL parser as another spelling of an address, so they name no origin here.
 */
export function requestOrigin(protocol: string, host: string | undefined): URL | null {
  const name = host === undefined ? undefined : HOST_HEADER.exec(host)?.[1];
  if (!host || !name) return null;
  try {
    const url = new URL(`${protocol}://${host}`);
    return url.hostname === name.toLowerCase() ? url : null;
  } catch {
    return null;
  }
}

/** Whether an Origin header names exactly that origin: same scheme, host and port. */
export function sameOrigin(origin: string | undefined, target: URL | null): boolean {
  if (!origin || !target) return false;
  try {
    const o = new URL(origin);
    return o.origin === target.origin && origin.replace(/\/$/, '') === o.origin;
  } catch {
    return false;
  }
}

/** A Host header that names this machine: 127.0.0.0/8, [::1] or localhost, nothing that merely starts like one. */
export function isLoopbackOrigin(target: URL | null): boolean {
  return target !== null && isLoopbackHost(target.hostname);
}

export const securityPlugin = global<SecurityOptions>(async (app, opts) => {
  const expected = opts.accessToken ? sessionValue(opts.accessToken) : null;

  // Headers first, so that refusals below carry them too. The SPA's own rules: antd (CSS-in-JS)
  // injects <style> elements at run time; no HSTS (the console itself speaks plain HTTP).
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyCsrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { httpOnly: true, sameSite: 'strict', secure: 'auto', path: '/' },
    logLevel: 'debug', // the refusal is logged once, by the error handler
    getToken: (req) => {
      const value = req.headers[CSRF_HEADER];
      return typeof value === 'string' ? value : undefined;
    },
  });
  if (opts.loginRequired) {
    // Every state-changing route, whoever declares it (sign-in too: no login forged by a foreign
    // page). A route-level hook: it runs after the Origin and session checks below.
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (!methods.some((m) => STATE_CHANGING.has(m))) return;
      const own = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
      route.onRequest = [...own, (req, reply, done) => app.csrfProtection(req, reply, done)];
    });
  }
  await app.register(fastifyRateLimit, { global: false });
  // A guesser held back by the limit gets one warning per address and window, not a line per try.
  const throttled = new Map<string, number>();
  const throttledOnce = (req: FastifyRequest, ttlMs: number) => {
    const now = Date.now();
    if ((throttled.get(req.ip) ?? 0) > now) return logQuietly(req);
    if (throttled.size > 10_000) for (const [ip, until] of throttled) if (until <= now) throttled.delete(ip);
    throttled.set(req.ip, now + ttlMs);
    req.log.warn({ clientAddress: req.ip, retryAfterSeconds: Math.ceil(ttlMs / 1000) }, 'sign-in throttled: too many attempts from this address');
  };

  const problem = (reply: FastifyReply, status: number, code: string, text: string) =>
    reply
      .code(status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ code, message: text }));

  const authenticated = (req: FastifyRequest) => {
    if (!opts.loginRequired) return true;
    const cookie = req.cookies[SESSION_COOKIE];
    return Boolean(cookie && expected && constantTimeEqual(cookie, expected));
  };

  app.addHook('onRequest', async (req, reply) => {
    const target = requestOrigin(req.protocol, req.host);
    if (!opts.loginRequired && !isLoopbackOrigin(target)) {
      return problem(
        reply,
        421,
        'HostNotAllowed',
        'This console only answers to localhost / 127.0.0.1',
      );
    }
    if (STATE_CHANGING.has(req.method)) {
      // Browsers always send Origin on these methods; on loopback a non-browser client may omit it.
      const omitted = req.headers.origin === undefined;
      if ((opts.loginRequired || !omitted) && !sameOrigin(req.headers.origin, target)) {
        return problem(reply, 403, 'CrossOriginRefused', 'Cross-origin request refused');
      }
    }
    // Judged by the route the router matched (after its own decoding), not by the URL's spelling.
    // An unmatched URL reaches only the not-found handler, which serves the SPA or a 404.
    if (req.is404 || req.routeOptions.config.public === true) return;
    if (!authenticated(req))
      return problem(reply, 401, 'Unauthenticated', message('unauthenticated', req.locale));
  });

  app.decorate('sessionState', (req: FastifyRequest, reply: FastifyReply): SessionState =>
    opts.loginRequired
      ? { loginRequired: true, authenticated: authenticated(req), csrfToken: reply.generateCsrf() }
      : { loginRequired: false, authenticated: true },
  );

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/session', {
    config: { public: true },
    schema: {
      summary: 'Whether a login is needed and present',
      tags: ['session'],
      response: { 200: SessionStateSchema },
    },
    handler: async (req, reply) => app.sessionState(req, reply),
  });
  r.post('/api/v1/session', {
    config: {
      public: true,
      rateLimit: {
        max: opts.signInPerMinute ?? 10,
        timeWindow: 60_000,
        errorResponseBuilder: (req, ctx) => {
          throttledOnce(req, ctx.ttl);
          return Object.assign(
            new Error(
              message('signInThrottled', req.locale, {
                seconds: String(Math.ceil(ctx.ttl / 1000)),
              }),
            ),
            {
              statusCode: 429,
              code: 'TooManySignInAttempts',
            },
          );
        },
      },
    },
    schema: {
      summary: 'Sign in with the access token; sets an HttpOnly session cookie',
      tags: ['session'],
      body: SessionBodySchema,
      response: { 204: z.null(), 401: ProblemSchema, 429: ProblemSchema },
    },
    handler: async (req, reply) => {
      if (!opts.loginRequired) return reply.code(204).send(null);
      if (!opts.accessToken || !constantTimeEqual(req.body.token, opts.accessToken)) {
        // At most the rate limit's worth of lines per address and minute; never the token typed.
        req.log.warn({ clientAddress: req.ip }, 'sign-in refused: wrong access token');
        return reply
          .code(401)
          .send({ code: 'InvalidToken', message: message('unauthenticated', req.locale) });
      }
      void reply.setCookie(SESSION_COOKIE, sessionValue(opts.accessToken), {
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
        path: '/',
        maxAge: 12 * 3600,
      });
      return reply.code(204).send(null);
    },
  });
});
