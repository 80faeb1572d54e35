import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { global } from './global';

/**
 * Serves the built SPA (apps/web/dist): hashed assets cached for a year, index.html for every
 * other non-API GET (client-side routes), and a clear page when the web was not built. The index
 * carries the session state (what `GET /api/v1/session` would answer) in a meta element, so the
 * first screen renders without waiting for that round trip.
 */

/** The meta element's name the web client reads the session state from (apps/web features/session). */
export const SESSION_META = 'dify-console-session';

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The index with the session state before its `</head>` (an index without one is served as it is). */
export function withSessionState(index: string, state: unknown): string {
  const at = index.search(/<\/head>/i);
  if (at < 0) return index;
  const meta = `<meta name="${SESSION_META}" content="${escapeAttribute(JSON.stringify(state))}" />`;
  return `${index.slice(0, at)}${meta}${index.slice(at)}`;
}

export interface StaticOptions {
  webDistDir: string;
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dify console</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto">
<h1>The web console is not built yet</h1>
<p>Build it, then reload this page:</p><pre>pnpm --filter @dify-console/web build</pre>
<p>控制台前端尚未构建：请运行上面的命令后刷新本页。</p>
<p>The API is up: <a href="/api/v1/health">/api/v1/health</a></p></body></html>`;

export const staticPlugin = global<StaticOptions>(async (app, opts) => {
  const built = () => existsSync(join(opts.webDistDir, 'index.html'));
  const sendIndex = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!built()) return reply.code(200).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    const index = await readFile(join(opts.webDistDir, 'index.html'), 'utf8');
    const state = app.sessionState(req, reply);
    return (
      reply
        // A page carrying an anti-forgery token is not kept by any cache.
        .header('cache-control', state.csrfToken ? 'no-store' : 'no-cache')
        .type('text/html; charset=utf-8')
        .send(withSessionState(index, state))
    );
  };

  if (existsSync(opts.webDistDir)) {
    // The SPA's files are public (the sign-in form is part of it); in their own context, so that
    // marking them public touches no other route.
    await app.register(async (files) => {
      files.addHook('onRoute', (route) => {
        route.config = { ...route.config, public: true };
      });
      // The index (a directory's index is not served by the static files: see `index: false`).
      files.get('/', sendIndex);
      await files.register(fastifyStatic, {
        root: opts.webDistDir,
        prefix: '/',
        // The index is never served as a plain file: the not-found handler below serves it with the
        // session state, for `/`, `/index.html` and every client-side route alike.
        index: false,
        allowedPath: (path) => path !== '/index.html',
        cacheControl: false,
        setHeaders: (res, path) => {
          res.header(
            'cache-control',
            /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    });
  } else {
    app.log.warn(
      { webDistDir: opts.webDistDir },
      'web not built: run pnpm --filter @dify-console/web build',
    );
  }

  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    // A built file that is not there (e.g. a chunk of the version before an update, asked for by a
    // page still open) is a 404, not the index: the page then says that part did not load.
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && !path.startsWith('/api/') && !path.startsWith('/assets/');
    if (!isPage) {
      return reply.code(404).send({ code: 'NotFound', message: `No route ${req.method} ${path}` });
    }
    return sendIndex(req, reply);
  });
});
