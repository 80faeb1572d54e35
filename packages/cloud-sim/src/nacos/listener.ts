import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { splitUrl } from '../protocol/request';
import type { SimCore } from '../sim-core';
import { selfHostedNacos, serveNacos } from './serve';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

/** The self-hosted Nacos stand-in: its own HTTP port, like `nacos-server` on 8848. */
export async function startSelfHostedNacos(
  core: SimCore,
  host: string,
  port: number,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readBody(req);
        const { path, rawQuery } = splitUrl(req.url ?? '/');
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(req.headers))
          headers[k] = Array.isArray(v) ? v.join(', ') : v;
        serveNacos(
          core,
          selfHostedNacos(core),
          { method: req.method ?? 'GET', path, rawQuery, headers, body },
          res,
        );
      } catch (e) {
        console.error('[cloud-sim] nacos request failed', e);
        if (!res.headersSent) res.writeHead(500).end();
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
