import type { IncomingMessage } from 'node:http';
import { Errors } from '../protocol/errors';
import { splitUrl, type WireRequest } from '../protocol/request';
import type { Resolved } from './dispatch';

/** The request as it came off the wire: path and raw query apart, header values as strings. */
export function wireRequest(req: IncomingMessage, body: Buffer): WireRequest {
  const { path, rawQuery } = splitUrl(req.url ?? '/');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers))
    headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return { method: (req.method ?? 'GET').toUpperCase(), path, rawQuery, headers, body };
}

/** A ROA action's JSON body (undefined for RPC or when none was sent). */
export function jsonBody(resolved: Resolved, wire: WireRequest): unknown {
  if (
    resolved.product.style !== 'ROA' ||
    wire.body.length === 0 ||
    !(wire.headers['content-type'] ?? '').includes('json')
  )
    return undefined;
  try {
    return JSON.parse(wire.body.toString('utf8'));
  } catch {
    throw Errors.invalidParameter('body', 'The request body is not valid JSON.');
  }
}
