import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudSim, type CloudSim, type RecordedRequest, type SimAccountKeys } from '../index';
import { rejectionOf, rpc } from '../test-clients';

// The /_sim/ control API over plain HTTP (no signature), driven as e2e tests would.

let sim: CloudSim;

async function admin<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sim.endpoint}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function newAccount(): Promise<SimAccountKeys> {
  const res = await admin<SimAccountKeys>('POST', '/_sim/accounts', { scenario: 'default' });
  expect(res.status).toBe(201);
  return res.body;
}

const describeVpcs = (keys: SimAccountKeys) =>
  rpc(sim.endpoint, '2016-04-28', keys).request<{ TotalCount: number }>('DescribeVpcs', {
    RegionId: 'cn-hangzhou',
  });

beforeAll(async () => {
  sim = await startCloudSim();
});
afterAll(async () => {
  await sim.close();
});

describe('/_sim/ admin API', () => {
  it('health', async () => {
    const res = await admin('GET', '/_sim/health');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', speed: 1 } });
  });

  it('creates isolated accounts with fresh keys that never look like real ones', async () => {
    const a = await newAccount();
    const b = await newAccount();
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(a.accessKeyId).toMatch(/^Sandbox/);
    expect(a.accessKeyId.startsWith('LTAI')).toBe(false);
    await expect(describeVpcs(a)).resolves.toHaveProperty('TotalCount', 3);
    const large = await admin<SimAccountKeys>('POST', '/_sim/accounts', { scenario: 'large' });
    await expect(describeVpcs(large.body)).resolves.toHaveProperty('TotalCount', 300);
    expect((await admin('POST', '/_sim/accounts', { scenario: 'huge' })).status).toBe(400);
  });

  it('latency: a call takes at least the injected time, only for the filtered key', async () => {
    const slow = await newAccount();
    const fast = await newAccount();
    expect(
      (
        await admin('PUT', '/_sim/latency', {
          ms: 800,
          accessKeyId: slow.accessKeyId,
          action: 'DescribeVpcs',
        })
      ).status,
    ).toBe(200);
    let t = performance.now();
    await describeVpcs(slow);
    expect(performance.now() - t).toBeGreaterThanOrEqual(795);
    t = performance.now();
    await describeVpcs(fast);
    // Another account is not slowed (a wide margin: the machine may be busy).
    expect(performance.now() - t).toBeLessThan(700);
    await admin('PUT', '/_sim/latency', {
      ms: 0,
      accessKeyId: slow.accessKeyId,
      action: 'DescribeVpcs',
    });
  });

  it('faults scoped by accessKeyId do not affect another account, and are cleared by DELETE', async () => {
    const victim = await newAccount();
    const bystander = await newAccount();
    expect(
      (
        await admin('POST', '/_sim/faults', {
          kind: 'unavailable',
          accessKeyId: victim.accessKeyId,
          times: 'Infinity',
        })
      ).status,
    ).toBe(201);
    await expect(describeVpcs(bystander)).resolves.toHaveProperty('TotalCount', 3);
    for (let i = 0; i < 3; i++)
      expect((await rejectionOf(describeVpcs(victim))).code).toBe('ServiceUnavailable');
    await admin('DELETE', '/_sim/faults');
    await expect(describeVpcs(victim)).resolves.toHaveProperty('TotalCount', 3);
    expect((await admin('POST', '/_sim/faults', { kind: 'meteor' })).status).toBe(400);
  });

  it('records requests, filters them and clears them', async () => {
    const keys = await newAccount();
    await describeVpcs(keys);
    await rejectionOf(
      rpc(sim.endpoint, '2016-04-28', keys).request('CreateVpc', { RegionId: 'cn-hangzhou' }),
    );
    const res = await admin<{ requests: RecordedRequest[] }>(
      'GET',
      `/_sim/requests?accessKeyId=${keys.accessKeyId}`,
    );
    expect(res.body.requests.map((r) => [r.product, r.action, r.status, r.code])).toEqual([
      ['Vpc', 'DescribeVpcs', 200, undefined],
      ['Vpc', 'CreateVpc', 501, 'Sandbox.NotImplemented'],
    ]);
    expect(res.body.requests[0]?.params).toMatchObject({
      RegionId: 'cn-hangzhou',
      Action: 'DescribeVpcs',
    });
    expect(res.body.requests[0]?.params).not.toHaveProperty('Signature');
    const filtered = await admin<{ requests: RecordedRequest[] }>(
      'GET',
      `/_sim/requests?accessKeyId=${keys.accessKeyId}&action=CreateVpc&product=vpc`,
    );
    expect(filtered.body.requests).toHaveLength(1);
    await admin('DELETE', '/_sim/requests');
    expect(sim.requests({ accessKeyId: keys.accessKeyId })).toEqual([]);
  });

  it('real throttling: a token bucket per key and action, configurable', async () => {
    const keys = await newAccount();
    expect((await admin('PUT', '/_sim/throttle', { rps: 0.001, burst: 2 })).body).toEqual({
      rps: 0.001,
      burst: 2,
    });
    await describeVpcs(keys);
    await describeVpcs(keys);
    const e = await rejectionOf(describeVpcs(keys));
    expect(e.code).toBe('Throttling.User');
    expect(e.data?.Message).toBe('Request was denied due to user flow control.');
    // Another action has its own bucket.
    await expect(
      rpc(sim.endpoint, '2016-04-28', keys).request('DescribeVSwitches', {
        RegionId: 'cn-hangzhou',
      }),
    ).resolves.toBeDefined();
    await admin('POST', '/_sim/reset');
  });

  it('speed and state dump', async () => {
    expect((await admin('PUT', '/_sim/speed', { speed: 10 })).body).toEqual({ speed: 10 });
    await admin('PUT', '/_sim/speed', { speed: 1 });
    const dump = await admin<{
      accounts: { accessKeyId: string; regions: Record<string, Record<string, unknown>> }[];
    }>('GET', '/_sim/state?accessKeyId=SandboxDefaultKeyId');
    expect(dump.body.accounts).toHaveLength(1);
    expect(Object.keys(dump.body.accounts[0]?.regions ?? {})).toEqual([
      'cn-hangzhou',
      'cn-shanghai',
    ]);
    expect(JSON.stringify(dump.body)).not.toContain('SandboxDefaultKeySecret');
  });

  it('reset re-seeds every account and clears faults, latency and recorded requests', async () => {
    const keys = await newAccount();
    sim.injectFault({ kind: 'internal', accessKeyId: keys.accessKeyId, times: Infinity });
    sim.setLatency(5_000, { accessKeyId: keys.accessKeyId });
    expect((await admin('POST', '/_sim/reset')).status).toBe(200);
    await expect(describeVpcs(keys)).resolves.toHaveProperty('TotalCount', 3);
    expect(sim.requests({ accessKeyId: keys.accessKeyId })).toHaveLength(1);
    await sim.reset();
    expect(sim.requests()).toEqual([]);
  });

  it('unknown admin route → 404', async () => {
    expect((await admin('GET', '/_sim/nope')).status).toBe(404);
  });
});
