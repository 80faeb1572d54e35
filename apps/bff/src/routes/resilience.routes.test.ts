import { startCloudSim, type CloudSim, type SimAccountKeys } from '@dify-console/cloud-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreflightCheck, PreflightResult } from '@dify-console/shared/api/preflight';
import { GOOD_PARAMETERS } from '../testing/deployments';
import { appOn, type LogCapture } from '../testing/harness';

/** Faults of the cloud, as the user sees them: retried, or a clear problem; never a key. */

let sim: CloudSim;
let account: SimAccountKeys;
let app: FastifyInstance;
let logs: LogCapture;
const TIMEOUT_MS = 400;
const bodies: string[] = [];
const allLogs: LogCapture[] = [];

beforeAll(async () => {
  sim = await startCloudSim({ port: 0 });
  account = await sim.createAccount('default');
  ({ app, logs } = await appOn({ endpoint: sim.endpoint, ...account }, { env: { CLOUD_TIMEOUT_MS: String(TIMEOUT_MS), LOG_LEVEL: 'trace' } }));
  allLogs.push(logs);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

const ask = async (target: FastifyInstance, url: string) => {
  const res = await target.inject({ url });
  bodies.push(res.body);
  return res;
};
const calls = (action: string) => sim.requests({ accessKeyId: account.accessKeyId, action }).length;

describe('a cloud in trouble', () => {
  it('retries throttling (twice) and answers 200', async () => {
    await ask(app, '/api/v1/regions'); // the account lookup is done, only the listing is faulted
    sim.injectFault({ kind: 'throttling', action: 'DescribeVpcs', accessKeyId: account.accessKeyId, times: 2 });
    const res = await ask(app, '/api/v1/regions/cn-hangzhou/vpcs');
    expect(res.statusCode).toBe(200);
    expect(calls('DescribeVpcs')).toBe(3);
  });

  it('retries a dropped connection', async () => {
    sim.injectFault({ kind: 'drop', action: 'DescribeInstances', accessKeyId: account.accessKeyId, times: 1 });
    expect((await ask(app, '/api/v1/regions/cn-hangzhou/redis')).statusCode).toBe(200);
  });

  it('answers a persistent 503 with a 503 problem after bounded retries', async () => {
    sim.injectFault({ kind: 'unavailable', action: 'DescribeClustersV1', accessKeyId: account.accessKeyId, times: Infinity });
    const res = await ask(app, '/api/v1/regions/cn-hangzhou/clusters?lang=en');
    sim.clearFaults();
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'Cloud.Unavailable', requestId: expect.any(String) });
    expect(res.json().message).toMatch(/temporarily unavailable/);
    expect(calls('DescribeClustersV1')).toBe(4);
  });

  it('answers a hang with a 504 problem within the configured timeout', async () => {
    sim.injectFault({ kind: 'hang', action: 'ListInstances', accessKeyId: account.accessKeyId, times: 1 });
    const started = Date.now();
    const res = await ask(app, '/api/v1/regions/cn-hangzhou/milvus');
    const elapsed = Date.now() - started;
    expect(res.statusCode).toBe(504);
    expect(res.json()).toMatchObject({ code: 'Cloud.Timeout' });
    expect(res.json().message).toMatch(/阿里云在规定时间内没有响应/);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 2500);
  });

  it('answers rate-limiting that outlasts the retries with 429', async () => {
    sim.injectFault({ kind: 'throttling', action: 'DescribeDBInstances', accessKeyId: account.accessKeyId, times: 4 });
    const res = await ask(app, '/api/v1/regions/cn-hangzhou/postgres?lang=en');
    expect(res.statusCode).toBe(429);
    expect(res.json().message).toBe('The cloud is rate-limiting the console (Throttling.User); retry in a moment');
  });

  it("a check that cannot reach the cloud says so in the user's language, the cloud's code kept in brackets", async () => {
    sim.injectFault({ kind: 'drop', action: 'DescribeClusterDetail', accessKeyId: account.accessKeyId, times: Infinity });
    const run = async (lang: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/preflight',
        headers: { 'accept-language': lang },
        payload: { regionId: 'cn-hangzhou', templateName: '高可用版-已有资源', parameters: GOOD_PARAMETERS },
      });
      bodies.push(res.body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<PreflightResult>().checks;
    };
    const [zh, en] = [await run('zh-CN'), await run('en')];
    sim.clearFaults();
    const state = (checks: PreflightCheck[]) => checks.find((c) => c.id === 'cluster.state');
    expect(state(zh)).toMatchObject({ status: 'warn', detail: '无法验证：无法连接阿里云（Cloud.NetworkError），请稍后重试' });
    expect(state(en)).toMatchObject({ status: 'warn', detail: 'Could not verify: Could not connect to the cloud (Cloud.NetworkError); retry in a moment' });
    // No sentence of the other language anywhere in the list: Latin words in Chinese are only names and codes.
    for (const c of zh) expect(`${c.title} ${c.detail}`).not.toMatch(/\b(the|connection|failed|could|not|socket)\b/i);
    for (const c of en) expect(`${c.title} ${c.detail}`).not.toMatch(/[\u3000-\u303f\u3400-\u9fff\uff01-\uff5e]/);
  });
});

describe('credentials the cloud refuses', () => {
  it('a wrong secret → 502 saying which variables to check', async () => {
    const { app: wrong, logs: wrongLogs } = await appOn(
      { endpoint: sim.endpoint, accessKeyId: account.accessKeyId, accessKeySecret: 'not-the-secret' },
      { env: { LOG_LEVEL: 'trace' } },
    );
    allLogs.push(wrongLogs);
    const res = await ask(wrong, '/api/v1/regions/cn-hangzhou/vpcs?lang=en');
    expect(res.statusCode).toBe(502);
    expect(res.json().code).toBe('Cloud.CredentialsRefused');
    expect(res.json().message).toMatch(/credentials were refused \(SignatureDoesNotMatch\).*ALIBABA_CLOUD_ACCESS_KEY_ID/);
    await wrong.close();
  });

  it('an unknown AccessKey id → 502 in Chinese', async () => {
    const { app: unknown, logs: unknownLogs } = await appOn(
      { endpoint: sim.endpoint, accessKeyId: 'TestOnlyUnknownKey000', accessKeySecret: 'x' },
      { env: { LOG_LEVEL: 'trace' } },
    );
    allLogs.push(unknownLogs);
    const res = await ask(unknown, '/api/v1/regions/cn-hangzhou/vpcs');
    expect(res.statusCode).toBe(502);
    expect(res.json().message).toMatch(/阿里云拒绝了控制台使用的访问凭证（InvalidAccessKeyId/);
    expect(res.json().message).not.toContain('TestOnlyUnknownKey000');
    await unknown.close();
  });
});

describe('secrets', () => {
  it('no response body and no log line contains an AccessKey id or secret', () => {
    const logText = allLogs.map((l) => l.text).join('\n');
    expect(logText.length).toBeGreaterThan(1000);
    expect(bodies.length).toBeGreaterThan(5);
    for (const secret of [account.accessKeyId, account.accessKeySecret, 'not-the-secret', 'TestOnlyUnknownKey000']) {
      for (const body of bodies) expect(body).not.toContain(secret);
      expect(logText).not.toContain(secret);
    }
    expect(logText).not.toMatch(/Signature=[A-Za-z0-9%]/);
  });
});
