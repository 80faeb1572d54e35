import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCloudSim, type CloudSim, type SimAccountKeys } from '@dify-console/cloud-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFinalStatus } from '@dify-console/shared/domain/deployment-status';
import { orderBody } from './testing/deployments';

/**
 * Two console processes behind a round-robin proxy, as two replicas behind a Kubernetes Service:
 * any replica serves any request, an order retried on the other replica makes no second
 * instance, a watch survives the replica that served it being stopped.
 */

const bffRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOKEN = 'replicas-test-access-token-0123456789';

interface Replica {
  name: string;
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Taken out of the rotation, as a terminating pod is taken out of the Service's endpoints. */
  stopping?: boolean;
  /** What the process printed (for the failure message). */
  output: () => string;
}

let sim: CloudSim;
let account: SimAccountKeys;
const replicas: Replica[] = [];
let proxy: Server;
let proxyUrl: string;
/** Which replica served each proxied request, in order. */
const servedBy: string[] = [];

async function startReplica(name: string): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: bffRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '0.0.0.0',
      PORT: '0',
      CONSOLE_ACCESS_TOKEN: TOKEN,
      LOG_LEVEL: 'warn',
      CLOUD_SIM_ENDPOINT: sim.endpoint,
      ALIBABA_CLOUD_ACCESS_KEY_ID: account.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: account.accessKeySecret,
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
      WEB_DIST_DIR: '/nonexistent-web-dist',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica ${name} did not start: ${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /Dify console: http:\/\/[^:]+:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`replica ${name} exited with ${code}: ${output}`)));
  });
  return { name, port, child, exited, output: () => output };
}

/**
 * Round robin over the replicas still up, as a Service does (the Host the browser used is kept);
 * a replica that refuses the connection is skipped.
 */
function startProxy(): Promise<string> {
  let next = 0;
  proxy = createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (c: Buffer) => body.push(c));
    req.on('end', () => {
      const attempt = (tries: number) => {
        const live = replicas.filter((r) => r.child.exitCode === null && r.child.signalCode === null && !r.stopping);
        const target = live[next++ % Math.max(live.length, 1)];
        if (!target) {
          res.writeHead(502).end();
          return;
        }
        const upstream = request({ host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers: req.headers }, (up: IncomingMessage) => {
          servedBy.push(`${target.name} ${req.method} ${req.url}`);
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        upstream.on('error', () => (tries > 0 ? attempt(tries - 1) : res.headersSent ? res.destroy() : res.writeHead(502).end()));
        upstream.end(Buffer.concat(body));
      };
      attempt(replicas.length);
    });
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`)));
}

let cookie = '';
/** The anti-forgery token one replica handed out: the other must accept it too (no server state). */
let csrfToken = '';
async function call(path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${proxyUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      cookie,
      origin: proxyUrl,
      ...(init.method && init.method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
      'accept-language': 'en',
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown>, headers: res.headers };
}

/** A Server-Sent Events reader that, like a browser's EventSource, tells how the stream ended. */
async function watch(instanceId: string) {
  const res = await fetch(`${proxyUrl}/api/v1/deployments/${instanceId}/events?lang=en`, { headers: { cookie, accept: 'text/event-stream' } });
  expect(res.status).toBe(200);
  const served = servedBy.at(-1)!.split(' ')[0]!;
  let raw = '';
  let parsed = 0;
  const statuses: string[] = [];
  let sawStatus: () => void = () => undefined;
  const firstStatus = new Promise<void>((resolve) => (sawStatus = resolve));
  const done = (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done: finished } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (finished) break;
      raw += decoder.decode(value, { stream: true });
      const blocks = raw.split('\n\n');
      for (const block of blocks.slice(parsed, -1)) {
        const m = /^event: status\ndata: (.*)$/m.exec(block);
        if (m) statuses.push((JSON.parse(m[1]!) as { deployment: { status: string } }).deployment.status);
      }
      parsed = blocks.length - 1;
      if (statuses.length > 0) sawStatus();
    }
  })();
  return { served, done, firstStatus, raw: () => raw, statuses };
}

beforeAll(async () => {
  sim = await startCloudSim({ port: 0, speed: 100 });
  account = await sim.createAccount('default');
  replicas.push(...(await Promise.all([startReplica('a'), startReplica('b')])));
  proxyUrl = await startProxy();
}, 120_000);

afterAll(async () => {
  for (const r of replicas) r.child.kill('SIGKILL');
  await new Promise((r) => proxy?.close(r));
  await sim?.close();
});

describe('two replicas behind one address', () => {
  it('a session opened on one replica is honoured by the other', async () => {
    const state = await call('/api/v1/session');
    csrfToken = String(state.json.csrfToken);
    const csrfCookie = (state.headers.get('set-cookie') ?? '').split(';')[0]!;
    cookie = csrfCookie;
    const signIn = await call('/api/v1/session', { method: 'POST', body: { token: TOKEN } });
    expect(signIn.status).toBe(204);
    cookie = `${(signIn.headers.get('set-cookie') ?? '').split(';')[0]!}; ${csrfCookie}`;
    const seen = await Promise.all([call('/api/v1/session'), call('/api/v1/session')]);
    expect(seen.map((r) => r.json.authenticated)).toEqual([true, true]);
    expect(new Set(servedBy.slice(-2).map((s) => s.split(' ')[0])).size).toBe(2);
  });

  it('an order retried on the other replica makes no second instance; a watch outlives the replica that served it', async () => {
    const name = `dify-replicas-${Date.now().toString(36).slice(-4)}`;
    const body = orderBody(name, `replicas-${name}`);
    const first = await call('/api/v1/deployments', { method: 'POST', body });
    const retried = await call('/api/v1/deployments', { method: 'POST', body });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(retried.status).toBe(200);
    const orderedOn = servedBy.filter((s) => s.includes('POST /api/v1/deployments')).map((s) => s.split(' ')[0]);
    expect(new Set(orderedOn).size).toBe(2);
    expect(retried.json.instanceId).toBe(first.json.instanceId);
    const instanceId = String(first.json.instanceId);
    const list = await call('/api/v1/deployments');
    expect((list.json.items as { name: string }[]).filter((d) => d.name === name)).toHaveLength(1);

    // A browser watches through the replica that happens to serve it; that replica is stopped.
    const stream = await watch(instanceId);
    await stream.firstStatus;
    const victim = replicas.find((r) => r.name === stream.served)!;
    // A slow request is in flight on that replica when it is told to stop: it still gets its answer.
    sim.setLatency(1500, { accessKeyId: account.accessKeyId, action: 'DescribeVpcs' });
    const inFlight = fetch(`http://127.0.0.1:${victim.port}/api/v1/regions/cn-hangzhou/vpcs?refresh=true`, { headers: { cookie } });
    await new Promise((r) => setTimeout(r, 300));
    victim.stopping = true;
    victim.child.kill('SIGTERM');
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    sim.setLatency(0, { accessKeyId: account.accessKeyId, action: 'DescribeVpcs' });
    await stream.done;
    expect(await victim.exited, victim.output()).toBe(0);
    // The stream ended with a reconnect hint, not with a final status.
    expect(stream.raw()).toMatch(/retry: 500\n\n$/);
    expect(stream.statuses.some((s) => isFinalStatus(s as never))).toBe(false);

    // The browser reconnects through the same address and follows the deployment to its end.
    const resumed = await watch(instanceId);
    expect(resumed.served).not.toBe(stream.served);
    await resumed.done;
    expect(isFinalStatus(resumed.statuses.at(-1) as never)).toBe(true);
    expect(resumed.statuses.at(-1)).toBe('Deployed');
  }, 120_000);
});
