import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY = 10 * 1024 * 1024;

/** The whole request body (at most 10 MiB; a larger one destroys the request). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

/** Writes an answer already turned into JSON text. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  requestId?: string,
): void {
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(requestId !== undefined ? { 'x-acs-request-id': requestId } : {}),
  });
  res.end(text);
}

/** Writes a JSON answer (Maps, as in the admin API's state, become objects). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId?: string,
): void {
  const text = JSON.stringify(body, (_k, v: unknown) =>
    v instanceof Map ? (Object.fromEntries(v) as unknown) : v,
  );
  sendText(res, status, text, requestId);
}
