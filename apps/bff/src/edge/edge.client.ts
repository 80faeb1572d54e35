import { Resolver } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { EntryNetwork } from '../config/cloud';
import type { EdgePort, EdgeResponse, EdgeTarget } from '../ports/access';

/**
 * Requests THROUGH an access entry's address, the way a user's browser would reach it: to the
 * configured entry ports, names resolved with the configured DNS servers (the system's when none),
 * the Host header (and TLS server name) set to the entry's host. The certificate is not verified
 * here: the TLS check of the settings does that before use; these probes test the path to Dify.
 */

const BODY_LIMIT = 16 * 1024;

export class EdgeClient implements EdgePort {
  private readonly resolver: Resolver;

  constructor(network: EntryNetwork, resolveTimeoutMs = 2000) {
    this.resolver = new Resolver({ timeout: resolveTimeoutMs, tries: 2 });
    if (network.dnsServers.length > 0) this.resolver.setServers(network.dnsServers);
  }

  async resolve(hostname: string): Promise<string[]> {
    if (isIP(hostname)) return [hostname];
    try {
      return await this.resolver.resolve4(hostname);
    } catch {
      return [];
    }
  }

  request(
    target: EdgeTarget,
    req: { method: 'GET' | 'POST'; path: string; body?: Buffer; contentType?: string; timeoutMs: number },
  ): Promise<EdgeResponse> {
    return new Promise<EdgeResponse>((resolve, reject) => {
      const started = performance.now();
      const send = target.scheme === 'https' ? httpsRequest : httpRequest;
      const headers: Record<string, string | number> = { host: target.host, 'user-agent': 'dify-console-check', accept: '*/*' };
      if (req.body) {
        headers['content-length'] = req.body.length;
        headers['content-type'] = req.contentType ?? 'application/octet-stream';
      }
      let settled = false;
      const done = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const r = send({
        host: target.connectTo,
        port: target.port,
        method: req.method,
        path: req.path,
        headers,
        agent: false,
        ...(target.scheme === 'https' ? { servername: isIP(target.host) ? undefined : target.host, rejectUnauthorized: false } : {}),
      });
      const timer = setTimeout(() => {
        r.destroy();
        done(() => reject(new Error(`no complete answer within ${req.timeoutMs} ms`)));
      }, req.timeoutMs);
      let answered = false;
      r.on('response', (res: IncomingMessage) => {
        answered = true;
        const chunkTimes: number[] = [];
        let body = '';
        const finish = () => done(() => resolve({ status: res.statusCode ?? 0, body, chunkTimes }));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          chunkTimes.push(performance.now() - started);
          if (body.length < BODY_LIMIT) body += chunk.slice(0, BODY_LIMIT - body.length);
        });
        res.on('end', finish);
        // A proxy that refuses a body answers and closes: what arrived is the answer.
        res.on('close', finish);
        res.on('error', finish);
      });
      r.on('error', (err) => {
        // Writing the rest of a refused body fails (EPIPE/ECONNRESET) around the time the 413
        // arrives: give the answer a moment before calling it a failure.
        if (answered) return;
        setTimeout(() => {
          if (!answered) done(() => reject(err));
        }, 100);
      });
      r.end(req.body);
    });
  }
}
