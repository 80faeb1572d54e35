import type { ServerResponse } from 'node:http';

/** Writes a JSON answer (Maps become objects). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId?: string,
): void {
  const text = JSON.stringify(body, (_k, v: unknown) =>
    v instanceof Map ? (Object.fromEntries(v) as unknown) : v,
  );
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(requestId !== undefined ? { 'x-acs-request-id': requestId } : {}),
  });
  res.end(text);
}
