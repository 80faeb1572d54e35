import { createHmac, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '@dify-console/shared/domain/problem';
import { SessionBodySchema, SessionStateSchema } from '@dify-console/shared/api/session';
import { isLoopbackHost } from '../config/env';
import { message } from './error-handler';
import { global } from './global';

/**
 * Security headers on every response. Bound beyond loopback: a login with the operator's
 * CONSOLE_ACCESS_TOKEN, an HttpOnly SameSite=Strict session cookie, and a same-origin Origin on
 * every state-changing call. On loopback: no login, but the Host must be a loopback name (DNS
 * rebinding) and a cross-site Origin is refused.
 */

export interface SecurityOptions {
  loginRequired: boolean;
  accessToken: string | null;
}

export const SESSION_COOKIE = 'dify_console_session';
const OPEN_PATHS = new Set(['/api/v1/health', '/api/v1/session']);
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // antd (CSS-in-JS) injects <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The cookie value: derived from the token, so it survives restarts and dies when the token changes. */
const sessionValue = (token: string) => createHmac('sha256', token).update('dify-console-session-v1').digest('base64url');

export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHmac('sha256', 'compare').update(a).digest();
  const hb = createHmac('sha256', 'compare').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

const hostOf = (value: string | undefined) => {
  if (!value) return null;
  try {
    return new URL(value).host;
  } catch {
    return null;
  }
};
const hostname = (host: string) => host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');


export const securityPlugin = global<SecurityOptions>(async (app, opts) => {
  const expected = opts.accessToken ? sessionValue(opts.accessToken) : null;
  await app.register(fastifyCookie);

  const problem = (reply: FastifyReply, status: number, code: string, text: string) =>
    reply.code(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify({ code, message: text }));

  const authenticated = (req: FastifyRequest) => {
    if (!opts.loginRequired) return true;
    const cookie = req.cookies[SESSION_COOKIE];
    return Boolean(cookie && expected && constantTimeEqual(cookie, expected));
  };

  app.addHook('onRequest', async (req, reply) => {
    const host = req.headers.host ?? '';
    if (!opts.loginRequired && !isLoopbackHost(hostname(host))) {
      return problem(reply, 421, 'HostNotAllowed', 'This console only answers to localhost / 127.0.0.1');
    }
    if (STATE_CHANGING.has(req.method)) {
      const origin = hostOf(req.headers.origin);
      const sameOrigin = origin !== null && origin === host;
      // Browsers always send Origin on these methods; on loopback a non-browser client may omit it.
      if (opts.loginRequired ? !sameOrigin : req.headers.origin !== undefined && !sameOrigin) {
        return problem(reply, 403, 'CrossOriginRefused', 'Cross-origin request refused');
      }
    }
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') && !OPEN_PATHS.has(path) && !authenticated(req)) {
      return problem(reply, 401, 'Unauthenticated', message('unauthenticated', req.locale));
    }
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    return payload;
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/session', {
    schema: { summary: 'Whether a login is needed and present', tags: ['session'], response: { 200: SessionStateSchema } },
    handler: async (req) => ({ loginRequired: opts.loginRequired, authenticated: opts.loginRequired ? authenticated(req) : true }),
  });
  r.post('/api/v1/session', {
    schema: {
      summary: 'Sign in with the access token; sets an HttpOnly session cookie',
      tags: ['session'],
      body: SessionBodySchema,
      response: { 204: z.null(), 401: ProblemSchema },
    },
    handler: async (req, reply) => {
      if (!opts.loginRequired) return reply.code(204).send(null);
      if (!opts.accessToken || !constantTimeEqual(req.body.token, opts.accessToken)) {
        req.log.warn('sign-in refused: wrong access token');
        return reply.code(401).send({ code: 'InvalidToken', message: message('unauthenticated', req.locale) });
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
