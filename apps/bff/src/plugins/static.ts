import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { global } from './global';

/**
 * Serves the built SPA (apps/web/dist): hashed assets cached for a year, index.html for every
 * other non-API GET (client-side routes), and a clear page when the web was not built.
 */

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

  if (existsSync(opts.webDistDir)) {
    // The SPA's files are public (the sign-in form is part of it); in their own context, so that
    // marking them public touches no other route.
    await app.register(async (files) => {
      files.addHook('onRoute', (route) => {
        route.config = { ...route.config, public: true };
      });
      await files.register(fastifyStatic, {
        root: opts.webDistDir,
        prefix: '/',
        index: 'index.html',
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
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && !path.startsWith('/api/');
    if (!isPage) {
      return reply.code(404).send({ code: 'NotFound', message: `No route ${req.method} ${path}` });
    }
    if (!built()) return reply.code(200).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    const index = await readFile(join(opts.webDistDir, 'index.html'));
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index);
  });
});
