import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAdmin } from './admin/routes';
import { faultError } from './controls';
import { resolve, type Resolved } from './dispatch';
import { Params } from './products/params';
import { authorize } from './products/ram/authorize';
import type { ActionResult } from './products/types';
import { errorBody, Errors, SimError } from './protocol/errors';
import { splitUrl, type WireRequest } from './protocol/request';
import { verifyRequest } from './protocol/verify';
import type { SimCore } from './sim-core';
import { readBody, sendJson } from './respond';
import { locateMseNacos, serveNacos } from './nacos/serve';

function isStatusResult(r: ActionResult): r is { status: number; body: unknown } {
  return typeof r.status === 'number' && 'body' in r;
}

export interface SimServer {
  server: Server;
  /** Sockets held open by the `hang` fault. */
  hung: Set<Socket>;
}

export function createSimServer(core: SimCore): SimServer {
  const hung = new Set<Socket>();

  async function handleCloud(
    req: IncomingMessage,
    res: ServerResponse,
    wire: WireRequest,
    requestId: string,
  ): Promise<void> {
    let resolved: Resolved | undefined;
    let accessKeyId = '';
    const record = (status: number, code?: string) => {
      if (!resolved) return;
      const params = { ...resolved.params };
      delete params.Signature;
      core.recorder.add({
        at: core.clock.now(),
        product: resolved.product.code,
        action: resolved.action,
        method: wire.method,
        path: wire.path,
        params,
        accessKeyId,
        status,
        ...(code !== undefined ? { code } : {}),
      });
    };
    try {
      resolved = resolve(wire, core.products);
      const verified = verifyRequest(wire, {
        now: () => core.clock.wallNow(),
        secretFor: (id) => core.secretFor(id),
        nonces: core.nonces,
      });
      accessKeyId = verified.accessKeyId;
      const principal = core.principal(accessKeyId);
      if (!principal) throw Errors.accessKeyNotFound();
      const { account, caller } = principal;
      const scope = { accessKeyId, action: resolved.action };

      if (!core.throttle.take(scope, core.clock.wallNow())) throw Errors.throttlingUser();
      const fault = core.faults.take(scope);
      if (fault === 'hang') {
        record(0, 'Sandbox.Hang');
        hung.add(req.socket);
        req.socket.once('close', () => hung.delete(req.socket));
        return;
      }
      if (fault === 'drop') {
        record(0, 'Sandbox.Drop');
        req.socket.destroy();
        return;
      }
      if (fault !== undefined && fault !== 'hang-after') throw faultError(fault);
      const delay = core.latency.for(scope);
      if (delay > 0) await sleep(delay);

      // Work due by now (tasks, controllers) happens before the cloud answers.
      core.tick();
      const handler = resolved.product.actions[resolved.action];
      if (!handler) throw Errors.notImplemented(resolved.product.code, resolved.action);
      authorize(account, caller, resolved.product, resolved.action, resolved.params);
      let body: unknown = undefined;
      if (
        resolved.product.style === 'ROA' &&
        wire.body.length > 0 &&
        (wire.headers['content-type'] ?? '').includes('json')
      ) {
        try {
          body = JSON.parse(wire.body.toString('utf8'));
        } catch {
          throw Errors.invalidParameter('body', 'The request body is not valid JSON.');
        }
      }
      const result = await handler({
        account,
        params: new Params(resolved.params),
        pathParams: resolved.pathParams,
        body,
        clock: core.clock,
        ids: core.ids,
        requestId,
        endpoint: core.endpoint,
        kubeApi: core.kubeApi,
        caller,
        method: wire.method,
        changed: () => core.changed(),
      });
      if (fault === 'hang-after') {
        record(0, 'Sandbox.HangAfter');
        hung.add(req.socket);
        req.socket.once('close', () => hung.delete(req.socket));
        return;
      }
      const [status, payload] = isStatusResult(result)
        ? [result.status, result.body]
        : [200, result];
      // RPC bodies lead with RequestId and never carry `Code` (pop-core throws on any unknown Code).
      const out =
        resolved.product.style === 'RPC'
          ? { RequestId: requestId, ...(payload as Record<string, unknown>) }
          : payload;
      sendJson(res, status, out, requestId);
      record(status);
    } catch (e) {
      const err = e instanceof SimError ? e : Errors.internal();
      if (!(e instanceof SimError)) console.error('[cloud-sim] handler failed', e);
      const regionId = resolved?.params.RegionId ?? resolved?.params.region_id;
      const hostId = resolved
        ? resolved.product.host(regionId)
        : (wire.headers.host ?? 'aliyuncs.com');
      sendJson(
        res,
        err.status,
        errorBody(err, requestId, hostId, resolved?.product.code ?? 'Unknown'),
        requestId,
      );
      record(err.status, err.code);
    }
  }

  const server = createServer((req, res) => {
    void (async () => {
      const requestId = randomUUID().toUpperCase();
      try {
        const body = await readBody(req);
        const { path, rawQuery } = splitUrl(req.url ?? '/');
        if (path.startsWith('/_sim/') || path === '/_sim') {
          await handleAdmin(core, req.method ?? 'GET', path, rawQuery, body, res);
          return;
        }
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(req.headers))
          headers[k] = Array.isArray(v) ? v.join(', ') : v;
        // An MSE Nacos instance, by the domain in the Host header (its own API, not OpenAPI).
        if (path === '/nacos' || path.startsWith('/nacos/')) {
          const method = req.method ?? 'GET';
          const nacosReq = { method, path, rawQuery, headers, body };
          serveNacos(core, locateMseNacos(core, headers.host ?? ''), nacosReq, res);
          return;
        }
        await handleCloud(
          req,
          res,
          { method: (req.method ?? 'GET').toUpperCase(), path, rawQuery, headers, body },
          requestId,
        );
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
