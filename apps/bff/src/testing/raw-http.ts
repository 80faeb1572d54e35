import { connect } from 'node:net';

/**
 * One HTTP/1.1 request written byte for byte on a socket: the path exactly as given (no
 * client-side normalisation of dots, slashes or encodings, unlike app.inject and fetch).
 */
export async function rawRequest(
  port: number,
  init: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const body = init.body ?? '';
  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    connection: 'close',
    ...init.headers,
  };
  if (body) headers['content-length'] = String(Buffer.byteLength(body));
  const head = [
    `${init.method} ${init.path} HTTP/1.1`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n');
  const raw = await new Promise<string>((resolve, reject) => {
    // Written without closing our side: a server may drop a half-closed connection before a
    // streamed answer (a static file) starts. `connection: close` makes it end after the answer.
    const socket = connect(port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n${body}`));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
  const [top = '', ...rest] = raw.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = top.split('\r\n');
  const out: Record<string, string> = {};
  for (const line of headerLines) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return {
    status: Number(statusLine.split(' ')[1] ?? 0),
    headers: out,
    body: rest.join('\r\n\r\n'),
  };
}
