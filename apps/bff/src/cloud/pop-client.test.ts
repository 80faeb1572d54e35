import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import popCore from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCloud } from '../config/cloud';
import { testEnv } from '../testing/harness';
import { CloudError, sanitize } from '../errors/cloud-error';
import { toCloudError } from './pop-error';
import { createRequire } from 'node:module';
import { cleanQuery, createTransport, flattenParams, parseCloudJson, withRetry, type RetryPolicy } from './pop-client';

describe('parseCloudJson (what pop-core parses answers with)', () => {
  it('is the parser pop-core uses, gives plain answers as JSON.parse does, and keeps long numbers exact', () => {
    const popRequire = createRequire(createRequire(import.meta.url).resolve('@alicloud/pop-core'));
    expect((popRequire('json-bigint') as { parse: unknown }).parse).toBe(parseCloudJson);
    const plain = '{"TotalRecordCount":1000,"Items":{"DBInstance":[{"DBInstanceId":"pgm-1","Port":5432,"Ratio":0.5}]}}';
    expect(parseCloudJson(Buffer.from(plain))).toEqual(JSON.parse(plain));
    const long = parseCloudJson('{"AliUid":1234567890123456789,"Note":"a, 12345678901234567 in text"}') as { AliUid: unknown; Note: string };
    expect(String(long.AliUid)).toBe('1234567890123456789');
    expect(long.Note).toBe('a, 12345678901234567 in text');
    const nested = parseCloudJson('{"Items":{"Item":[{"Size":1},{"OwnerId":-98765432109876543210}]}}') as { Items: { Item: { OwnerId?: unknown }[] } };
    expect(String(nested.Items.Item[1]?.OwnerId)).toBe('-98765432109876543210');
  });
});

describe('flattenParams / cleanQuery', () => {
  it('flattens repeat lists and structs, drops undefined and null, stringifies scalars', () => {
    expect(
      flattenParams({
        RegionId: 'cn-hangzhou',
        PageSize: 50,
        DryRun: false,
        Skip: undefined,
        Nothing: null,
        Tag: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: undefined }],
        Commodity: { PayPeriod: 1, PayPeriodUnit: 'Month' },
        'ServiceInstanceId': ['si-1', 'si-2'],
        Filter: [{ Name: 'Status', Value: ['Deployed', 'Deploying'] }],
      }),
    ).toEqual({
      RegionId: 'cn-hangzhou',
      PageSize: '50',
      DryRun: 'false',
      'Tag.1.Key': 'a',
      'Tag.1.Value': '1',
      'Tag.2.Key': 'b',
      'Commodity.PayPeriod': '1',
      'Commodity.PayPeriodUnit': 'Month',
      'ServiceInstanceId.1': 'si-1',
      'ServiceInstanceId.2': 'si-2',
      'Filter.1.Name': 'Status',
      'Filter.1.Value.1': 'Deployed',
      'Filter.1.Value.2': 'Deploying',
    });
    expect(cleanQuery({ a: 1, b: undefined, c: null, d: true })).toEqual({ a: '1', d: 'true' });
  });
});

describe('withRetry', () => {
  const policy = (delays: number[]): RetryPolicy => ({
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    sleep: async (ms) => void delays.push(ms),
    random: () => 0.5,
  });
  const failing = (codes: string[], status = 400) => {
    let n = 0;
    return async () => {
      const code = codes[n++];
      if (code) throw new CloudError({ code, message: code, httpStatus: code === 'InternalError' ? 500 : status, action: 'X' });
      return 'ok';
    };
  };

  it('retries a read on throttling with exponential backoff and full jitter', async () => {
    const delays: number[] = [];
    expect(await withRetry('DescribeVpcs', policy(delays), failing(['Throttling.User', 'ServiceUnavailable', 'InternalError']))).toBe('ok');
    expect(delays).toEqual([50, 100, 200]);
  });

  it('gives up after the maximum attempts', async () => {
    const delays: number[] = [];
    await expect(withRetry('ListInstances', policy(delays), failing(['Throttling', 'Throttling', 'Throttling', 'Throttling', 'Throttling']))).rejects.toMatchObject({ code: 'Throttling' });
    expect(delays).toHaveLength(3);
  });

  it('never retries a write, a client error or a timeout', async () => {
    const delays: number[] = [];
    await expect(withRetry('CreateServiceInstance', policy(delays), failing(['Throttling']))).rejects.toMatchObject({ code: 'Throttling' });
    await expect(withRetry('DescribeVpcs', policy(delays), failing(['InvalidParameter']))).rejects.toMatchObject({ code: 'InvalidParameter' });
    await expect(withRetry('DescribeVpcs', policy(delays), failing(['Cloud.Timeout'], 0))).rejects.toMatchObject({ code: 'Cloud.Timeout' });
    expect(delays).toEqual([]);
  });

  it('retries a write idempotent by its ClientToken, timeouts included, but not a client error', async () => {
    const delays: number[] = [];
    const idempotent = { idempotent: true };
    expect(await withRetry('CreateServiceInstance', policy(delays), failing(['Cloud.Timeout', 'Throttling', 'InternalError']), idempotent)).toBe('ok');
    expect(delays).toHaveLength(3);
    await expect(withRetry('CreateServiceInstance', policy(delays), failing(['IdempotentParameterMismatch']), idempotent)).rejects.toMatchObject({ code: 'IdempotentParameterMismatch' });
    expect(delays).toHaveLength(3);
  });

  it('caps the delay', async () => {
    const delays: number[] = [];
    const p = { ...policy(delays), baseDelayMs: 800, random: () => 0.999 };
    await withRetry('GetX', p, failing(['Throttling', 'Throttling', 'Throttling'])).catch(() => undefined);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1000);
  });
});

/** A tiny server standing in for a cloud error, so the errors come from the real pop-core. */
describe('CloudError from real pop-core errors', () => {
  let server: Server;
  let endpoint: string;
  let answer: { status: number; body: unknown } = { status: 400, body: {} };
  const received: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(`${req.method} ${req.url} ${body}`);
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const KEY_ID = 'TestOnlyKeyId0001';
  const TOKEN = 'CAIS-very-secret-token';

  it('strips the signed URL, AccessKeyId, Signature and token from a GET error', async () => {
    answer = { status: 400, body: { Code: 'InvalidParameter', Message: 'The parameter is invalid.', RequestId: 'REQ-1' } };
    const client = new popCore({ endpoint, apiVersion: '2016-04-28', accessKeyId: KEY_ID, accessKeySecret: 'sss', securityToken: TOKEN });
    const raw = await client.request('DescribeVpcs', { RegionId: 'cn-hangzhou' }, { method: 'GET' }).catch((e: unknown) => e);
    expect(String((raw as Error).message)).toContain(KEY_ID); // the trap: pop-core puts it there
    const err = toCloudError(raw, 'DescribeVpcs');
    expect(err).toMatchObject({ code: 'InvalidParameter', httpStatus: 400, requestId: 'REQ-1', retryable: false });
    expect(err.message).toBe('The parameter is invalid.');
    const all = JSON.stringify({ ...err, message: err.message, stack: err.stack });
    for (const secret of [KEY_ID, TOKEN, 'Signature=', endpoint]) expect(all).not.toContain(secret);
  });

  it('scrubs the string to sign echoed by SignatureDoesNotMatch', () => {
    const msg = `Specified signature is not matched with our calculation. server string to sign is:GET&%2F&AccessKeyId%3D${KEY_ID}%26Action%3DDescribeVpcs, URL: http://x/?AccessKeyId=${KEY_ID}&Signature=abc`;
    expect(sanitize(msg)).not.toContain(KEY_ID);
    expect(sanitize(msg)).not.toContain('abc');
    expect(sanitize(`acs ${KEY_ID}:c2lnbmF0dXJl`)).toBe('acs <redacted>');
  });

  it('reads ROA errors from err.result, lower-case keys included', async () => {
    const transport = createTransport(sandboxCloud(testEnv(), endpoint, { accessKeyId: KEY_ID, accessKeySecret: 's' }), {
      retry: { sleep: async () => undefined },
    });
    answer = { status: 404, body: { code: 'ErrorClusterNotFound', message: 'cluster c1 not found', requestId: 'REQ-2' } };
    await expect(transport.roa('cs', 'cn-hangzhou', { action: 'DescribeClusterDetail', method: 'GET', path: '/clusters/c1' })).rejects.toMatchObject({
      code: 'ErrorClusterNotFound',
      httpStatus: 404,
      requestId: 'REQ-2',
      product: 'cs',
    });
  });

  it('sends RPC calls as a POST form, parameters flattened, and retries 5xx reads', async () => {
    received.length = 0;
    const transport = createTransport(sandboxCloud(testEnv(), endpoint, { accessKeyId: KEY_ID, accessKeySecret: 's' }), {
      retry: { sleep: async () => undefined },
    });
    answer = { status: 503, body: { Code: 'ServiceUnavailable', Message: 'try later', RequestId: 'R' } };
    await expect(transport.rpc('vpc', 'cn-hangzhou', 'DescribeVpcs', { RegionId: 'cn-hangzhou', Tag: [{ Key: 'k', Value: 'v' }], X: undefined })).rejects.toMatchObject({ code: 'ServiceUnavailable', httpStatus: 503 });
    expect(received).toHaveLength(4);
    const first = received[0] ?? '';
    expect(first.startsWith('POST / ')).toBe(true);
    expect(first).toContain('Tag.1.Key=k');
    expect(first).not.toContain('undefined');
    expect(first).not.toContain('object%20Object');
  });

  it('turns a refused connection into a retryable network error', () => {
    const err = toCloudError(Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:9GET http://127.0.0.1:9/?AccessKeyId=${KEY_ID} failed.`), { code: 'ECONNREFUSED' }), 'DescribeVpcs');
    expect(err).toMatchObject({ code: 'Cloud.NetworkError', retryable: true });
    expect(err.message).not.toContain(KEY_ID);
  });
});
