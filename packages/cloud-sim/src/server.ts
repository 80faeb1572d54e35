import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { handleAdmin } from './admin/routes';
import { wireRequest } from './gateway/parse';
import { createCloudGateway } from './gateway/pipeline';
import { newRequestId } from './gateway/request-id';
import { readBody, sendJson } from './gateway/respond';
import { findTemplateObject } from './products/computenest/template-store';
import { locateMseNacos, serveNacos } from './nacos/serve';
import type { SimCore } from './sim-core';

export interface SimServer {
  server: Server;
  /** Sockets held open by the `hang` fault. */
  hung: Set<Socket>;
}

/** One HTTP server for the control API (/_sim/), MSE Nacos instances and the cloud's OpenAPI. */
export function createSimServer(core: SimCore): SimServer {
  const hung = new Set<Socket>();
  const handleCloud = createCloudGateway(core, hung);

  const server = createServer((req, res) => {
    const arrivedAt = performance.now();
    void (async () => {
      const requestId = newRequestId();
      try {
        const body = await readBody(req);
        const wire = wireRequest(req, body);
        const { path, rawQuery, headers } = wire;
        if (path.startsWith('/_sim/') || path === '/_sim') {
          await handleAdmin(core, req.method ?? 'GET', path, rawQuery, body, res);
          return;
        }
        // An MSE Nacos instance, by the domain in the Host header (its own API, not OpenAPI).
        if (path === '/nacos' || path.startsWith('/nacos/')) {
          const method = req.method ?? 'GET';
          const nacosReq = { method, path, rawQuery, headers, body };
          serveNacos(core, locateMseNacos(core, headers.host ?? ''), nacosReq, res);
          return;
        }
        // The object-storage stand-in: the published template documents, public-read.
        if (path.startsWith('/oss/')) {
          const object =
            req.method === 'GET' || req.method === 'HEAD' ? findTemplateObject(path) : undefined;
          res.writeHead(object ? 200 : 404, {
            'content-type': object ? object.contentType : 'application/xml',
            'x-oss-request-id': requestId,
          });
          res.end(
            req.method === 'HEAD'
              ? undefined
              : (object?.body ??
                  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>${requestId}</RequestId></Error>`),
          );
          return;
        }
        await handleCloud(req, res, wire, requestId, arrivedAt);
      } catch (e) {
        console.error('[cloud-sim] request failed', e);
        if (!res.headersSent && !res.destroyed)
          sendJson(res, 500, {
            Code: 'InternalError',
            Message: 'internal error',
            RequestId: requestId,
          });
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  return { server, hung };
}
