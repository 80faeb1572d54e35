import { createSocket, type Socket } from 'node:dgram';

// A tiny authoritative DNS server on loopback (UDP): A records for the host names the local cloud
// handed out (NLB DNS names), NXDOMAIN for anything else. A client pointed at it (Node
// `dns.Resolver#setServers(['127.0.0.1:<port>'])`, a resolver config, …) resolves those names to
// their 127.x addresses with no special case.

export interface DnsServer {
  /** `127.0.0.1:<port>`. */
  address: string;
  port: number;
  close(): Promise<void>;
}

function readName(buf: Buffer, offset: number): { name: string; end: number } | undefined {
  const labels: string[] = [];
  let i = offset;
  for (let guard = 0; guard < 128; guard++) {
    const len = buf[i];
    if (len === undefined) return undefined;
    if (len === 0) return { name: labels.join('.'), end: i + 1 };
    if ((len & 0xc0) !== 0) return undefined; // no compression in questions
    labels.push(buf.subarray(i + 1, i + 1 + len).toString('latin1'));
    i += 1 + len;
  }
  return undefined;
}

export function answer(
  query: Buffer,
  lookup: (name: string) => string | undefined,
): Buffer | undefined {
  if (query.length < 12) return undefined;
  const id = query.readUInt16BE(0);
  const flags = query.readUInt16BE(2);
  if ((flags & 0x8000) !== 0) return undefined; // a response, not a query
  const qd = query.readUInt16BE(4);
  const q = qd >= 1 ? readName(query, 12) : undefined;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  const opcode = flags & 0x7800;
  const rd = flags & 0x0100;
  if (!q || q.end + 4 > query.length || opcode !== 0) {
    header.writeUInt16BE(0x8000 | opcode | rd | 0x0080 | (opcode !== 0 ? 4 : 1), 2);
    return header;
  }
  const qtype = query.readUInt16BE(q.end);
  const question = query.subarray(12, q.end + 4);
  const ip = lookup(q.name.toLowerCase().replace(/\.$/, ''));
  const answers: Buffer[] = [];
  if (ip !== undefined && (qtype === 1 || qtype === 255)) {
    const rr = Buffer.alloc(16);
    rr.writeUInt16BE(0xc00c, 0);
    rr.writeUInt16BE(1, 2); // A
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(60, 6); // TTL
    rr.writeUInt16BE(4, 10);
    ip.split('.').forEach((p, i) => rr.writeUInt8(Number(p) & 255, 12 + i));
    answers.push(rr);
  }
  const rcode = ip === undefined ? 3 : 0;
  header.writeUInt16BE(0x8000 | rd | 0x0400 | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, question, ...answers]);
}

export async function startDns(
  lookup: (name: string) => string | undefined,
  port = 0,
  host = '127.0.0.1',
): Promise<DnsServer> {
  const socket: Socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const out = answer(msg, lookup);
    if (out) socket.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((ok, fail) => {
    socket.once('error', fail);
    socket.bind(port, host, () => {
      socket.off('error', fail);
      ok();
    });
  });
  socket.on('error', (e) => console.error('[cloud-sim] dns server error', e));
  socket.unref();
  const bound = socket.address().port;
  return {
    address: `${host}:${bound}`,
    port: bound,
    close: () => new Promise<void>((ok) => socket.close(() => ok())),
  };
}
