import type { AddressInfo } from 'node:net';
import { startCloudSim, type CloudSim, type SimAccountKeys } from '@dify-console/cloud-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPLOYMENT_PHASES, type DeploymentDetail } from '@dify-console/shared/api/deployments';
import { CLUSTERS, FAILING, order, orderBody, SIM_PASSWORDS } from '../testing/deployments';
import { appOn, type LogCapture } from '../testing/harness';
import { openEvents, type EventStream } from '../testing/sse';

/** The event stream over a real listening server, against the local cloud at high speed. */

const SPEED = 500;
const INTERVALS = [50, 100, 200];
let sim: CloudSim;
let account: SimAccountKeys;
const apps: FastifyInstance[] = [];
const allLogs: LogCapture[] = [];
const streams: EventStream[] = [];

async function listening(): Promise<{ app: FastifyInstance; base: string }> {
  const { app, logs } = await appOn(
    { endpoint: sim.endpoint, ...account },
    { env: { LOG_LEVEL: 'trace' }, deps: { pollIntervalsMs: INTERVALS, heartbeatMs: 100 } },
  );
  allLogs.push(logs);
  apps.push(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}
async function watch(base: string, instanceId: string, lang = 'en') {
  const s = await openEvents(base, instanceId, lang);
  streams.push(s);
  return s;
}

beforeAll(async () => {
  sim = await startCloudSim({ port: 0, speed: SPEED });
  account = await sim.createAccount('default');
});
afterAll(async () => {
  for (const s of streams) s.abort();
  for (const a of apps) await a.close();
  await sim?.close();
});

const statuses = (s: EventStream) =>
  s.events.flatMap((e) => (e.type === 'status' ? [e.deployment] : []));
const lines = (s: EventStream) => s.events.flatMap((e) => (e.type === 'logs' ? e.entries.map((l) => l.content) : []));
const pollsOf = (id: string) => sim.requests({ accessKeyId: account.accessKeyId, action: 'GetServiceInstance' }).filter((r) => r.params.ServiceInstanceId === id);

describe('GET /api/v1/deployments/:instanceId/events', () => {
  let base = '';
  let app: FastifyInstance;
  let instanceId = '';

  beforeAll(async () => {
    ({ app, base } = await listening());
  });

  it('twenty watchers share one poller; all get the state so far, the log, the final status, then the end', async () => {
    const res = await order(app, orderBody('dify-sse', 'token-sse-0001', { clusterId: CLUSTERS.pro }));
    instanceId = res.json<{ instanceId: string }>().instanceId;
    const watchers = await Promise.all(Array.from({ length: 20 }, (_, i) => watch(base, instanceId, i % 2 ? 'zh-CN' : 'en')));
    for (const w of watchers) {
      expect(w.status).toBe(200);
      expect(w.contentType).toMatch(/^text\/event-stream/);
    }
    await Promise.all(watchers.map((w) => w.done));

    for (const w of watchers) {
      expect(statuses(w).length).toBeGreaterThan(0);
      expect(w.events.slice(0, 2).map((e) => e.type)).toContain('status'); // the current status at once (after the log so far)
      const last = statuses(w).at(-1)!;
      expect(last).toMatchObject({ status: 'Deployed', phase: 'ready', progress: 100 });
      expect(w.events.at(-1)).toMatchObject({ type: 'status' }); // ... and the stream ended on it
      expect(lines(w).at(-1)).toBe('Deploy service instance successfully');
      expect(new Set(lines(w)).size).toBe(lines(w).length); // no line twice
      expect(w.raw()).toMatch(/^retry: \d+\n\n/);
      // progress only goes forward
      const progress = statuses(w).map((d) => d.progress);
      expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    }
    const [first, second] = watchers as [EventStream, EventStream];
    expect(lines(first)).toEqual(lines(second));
    expect(watchers.some((w) => w.raw().includes(': heartbeat'))).toBe(true);
    // phases only go forward, and the stream saw the deployment pass through several of them
    const phases = statuses(first).map((d) => DEPLOYMENT_PHASES.indexOf(d.phase));
    expect([...phases].sort((a, b) => a - b)).toEqual(phases);
    expect(new Set(phases).size).toBeGreaterThanOrEqual(3);

    // One poller: consecutive reads of the instance are at least the shortest interval apart
    // (twenty pollers would read it twenty times per interval).
    const at = pollsOf(instanceId).map((r) => r.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(at.length).toBeGreaterThan(3);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVALS[0]! * SPEED * 0.8);
    const polls = at.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(pollsOf(instanceId).length).toBe(polls); // stopped at the final state
  });

  it('a watcher of a finished deployment gets the whole log, then its final status (a client may stop there), then the end', async () => {
    const w = await watch(base, instanceId, 'zh-CN');
    await w.done;
    expect(w.events.map((e) => e.type)).toEqual(['logs', 'status']);
    expect(statuses(w)[0]?.status).toBe('Deployed');
    expect(lines(w)[0]).toBe('Start creating service instance');
  });

  it('a BFF restart resumes from the cloud: a second app reports the same deployment, with the log from the start', async () => {
    const res = await order(app, orderBody('dify-restart', 'token-restart-0002', { clusterId: CLUSTERS.basic }));
    const id = res.json<{ instanceId: string }>().instanceId;
    const before = await watch(base, id);
    await before.until((e) => e.type === 'status' && e.deployment.status === 'Deploying');
    await app.close(); // the first BFF goes away: its streams end
    await before.done;

    const second = await listening();
    const after = await watch(second.base, id);
    await after.done;
    const final = statuses(after).at(-1)!;
    expect(final).toMatchObject({ instanceId: id, name: 'dify-restart', status: 'Deployed' });
    expect(lines(after)[0]).toBe('Start creating service instance');
    expect(lines(after)).toEqual(expect.arrayContaining(lines(before)));
    app = second.app;
    base = second.base;
  });

  it('a failed deployment: the final status carries the failure; a departed watcher stops the polling', async () => {
    const res = await order(app, orderBody('dify-ssefail', 'token-ssefail-0003', FAILING));
    const id = res.json<{ instanceId: string }>().instanceId;
    const leaving = await watch(base, id);
    await leaving.until((e) => e.type === 'status');
    leaving.abort();
    const staying = await watch(base, id, 'zh-CN');
    await staying.done;
    const last = statuses(staying).at(-1)!;
    expect(last.status).toBe('DeployedFailed');
    expect(last.failure).toMatchObject({ code: 'PostgresAuthFailed', title: 'PostgreSQL 账号或密码错误', fields: ['postgresPassword'] });
  });

  it('stops polling when the last watcher leaves', async () => {
    const res = await order(app, orderBody('dify-leave', 'token-leave-0004', FAILING));
    const id = res.json<{ instanceId: string }>().instanceId;
    sim.setSpeed(1); // slow time: the deployment stays in progress while we watch
    try {
      const w = await watch(base, id);
      await w.until((e) => e.type === 'status');
      w.abort();
      await new Promise((r) => setTimeout(r, 100));
      const polls = pollsOf(id).length;
      await new Promise((r) => setTimeout(r, 400));
      expect(pollsOf(id).length).toBe(polls);
    } finally {
      sim.setSpeed(SPEED);
    }
  });

  it('answers an unknown instance with a 404 problem, not a stream', async () => {
    const res = await fetch(`${base}/api/v1/deployments/si-0000000000000000000b/events?lang=en`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'DeploymentNotFound' });
  });

  it('no event and no log line carries a password', () => {
    const text = streams.map((s) => s.raw()).join('\n') + allLogs.map((l) => l.text).join('\n');
    expect(text.length).toBeGreaterThan(1000);
    for (const secret of Object.values(SIM_PASSWORDS)) expect(text).not.toContain(secret);
    const detail = streams.flatMap((s) => statuses(s)).at(-1) as DeploymentDetail;
    expect(detail.parameters).toMatchObject({ postgresPassword: '******' });
  });
});
