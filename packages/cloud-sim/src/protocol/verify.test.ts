import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimError } from './errors';
import { parsePairs } from './encoding';
import { splitUrl, type WireRequest } from './request';
import { roaSign, roaStringToSign } from './roa';
import { rpcSign, rpcStringToSign } from './rpc';
import { NonceStore, VERIFIERS, verifyRequest, type VerifyContext } from './verify';

interface Vector {
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}
const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/signature-vectors.json', import.meta.url), 'utf8'),
) as { accessKeyId: string; accessKeySecret: string; requests: Vector[] };

const CAPTURED_AT = Date.parse('2026-11-29T23:25:26Z');

function wire(v: Vector): WireRequest {
  const { path, rawQuery } = splitUrl(v.url);
  return {
    method: v.method,
    path,
    rawQuery,
    headers: { ...v.headers },
    body: Buffer.from(v.body, 'utf8'),
  };
}

function ctx(now = CAPTURED_AT): VerifyContext {
  return {
    now: () => now,
    secretFor: (id) => (id === fixture.accessKeyId ? fixture.accessKeySecret : undefined),
    nonces: new NonceStore(),
  };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof SimError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('signature verifiers against requests captured from real clients', () => {
  it('has the eight vectors', () => {
    expect(fixture.requests).toHaveLength(8);
  });

  for (const v of fixture.requests) {
    it(`accepts ${v.label}`, () => {
      const verified = verifyRequest(wire(v), ctx());
      expect(verified.accessKeyId).toBe(fixture.accessKeyId);
    });

    it(`rejects a tampered ${v.label}`, () => {
      const req = wire(v);
      if (req.rawQuery.includes('cn-hangzhou'))
        req.rawQuery = req.rawQuery.replace('cn-hangzhou', 'cn-shanghai');
      else if (req.body.length > 0)
        req.body = Buffer.from(
          v.body.replace('cn-hangzhou', 'cn-shanghai').replace('nginx', 'nginz'),
        );
      else req.path = `${req.path}x`;
      const code = codeOf(() => verifyRequest(req, ctx()));
      // ROA with a body: the Content-MD5 check fires before the signature.
      expect(code).toMatch(
        /^(SignatureDoesNotMatch: Specified signature is not matched with our calculation\. server string to sign is:|ContentMD5NotMatched)/,
      );
    });

    it(`rejects ${v.label} with another secret`, () => {
      const c = ctx();
      c.secretFor = () => 'another-secret';
      expect(codeOf(() => verifyRequest(wire(v), c))).toMatch(/^SignatureDoesNotMatch: /);
    });
  }

  it('rejects a vector 16 minutes after capture as expired, and accepts 14 minutes', () => {
    const v = fixture.requests[0]!;
    expect(codeOf(() => verifyRequest(wire(v), ctx(CAPTURED_AT + 16 * 60_000)))).toBe(
      'InvalidTimeStamp.Expired: Specified time stamp or date value is expired.',
    );
    expect(codeOf(() => verifyRequest(wire(v), ctx(CAPTURED_AT - 16 * 60_000)))).toMatch(
      /^InvalidTimeStamp\.Expired/,
    );
    expect(verifyRequest(wire(v), ctx(CAPTURED_AT + 14 * 60_000)).scheme).toBe('RPC-V1');
  });

  it('rejects a replayed nonce with SignatureNonceUsed', () => {
    const c = ctx();
    for (const v of fixture.requests) verifyRequest(wire(v), c);
    for (const v of fixture.requests) {
      expect(codeOf(() => verifyRequest(wire(v), c))).toBe(
        'SignatureNonceUsed: Specified signature nonce was used already.',
      );
    }
  });

  it('answers InvalidAccessKeyId.NotFound for an unknown key', () => {
    const c = ctx();
    c.secretFor = () => undefined;
    expect(codeOf(() => verifyRequest(wire(fixture.requests[2]!), c))).toBe(
      'InvalidAccessKeyId.NotFound: Specified access key is not found.',
    );
  });

  it('answers IllegalTimestamp for a malformed Timestamp and IncompleteSignature without Signature', () => {
    const v = fixture.requests[0]!;
    const bad = wire(v);
    bad.rawQuery = bad.rawQuery.replace('2026-11-29T23%3A25%3A26Z', 'yesterday');
    expect(codeOf(() => verifyRequest(bad, ctx()))).toBe(
      'IllegalTimestamp: Specified time stamp or date value is not well formatted.',
    );
    const unsigned = wire(v);
    unsigned.rawQuery = unsigned.rawQuery.replace(/&Signature=[^&]*/, '');
    expect(codeOf(() => verifyRequest(unsigned, ctx()))).toBe(
      'IncompleteSignature: The request signature does not conform to Aliyun standards.',
    );
  });

  it('tries the verifiers in order: V3, ROA, RPC', () => {
    expect(VERIFIERS.map((v) => v.scheme)).toEqual(['V3', 'ROA-ACS', 'RPC-V1']);
  });
});

describe('published and derived vectors', () => {
  it('reproduces the official RPC worked example (OLeaidS1JvxuMvnyHOwuJ+uX5qY=)', () => {
    const params = parsePairs(
      'Timestamp=2016-02-23T12:46:24Z&Format=XML&AccessKeyId=testid&Action=DescribeRegions&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&Version=2014-05-26&SignatureVersion=1.0',
    );
    expect(rpcSign('testsecret', rpcStringToSign('GET', params))).toBe(
      'OLeaidS1JvxuMvnyHOwuJ+uX5qY=',
    );
  });

  it('reproduces the derived ROA vector (zVKCOCGBXyl/szQNUePqH5Y/EHs=)', () => {
    const sts = roaStringToSign(
      'GET',
      '/api/v1/clusters',
      [
        ['region_id', 'cn-hangzhou'],
        ['cluster_type', 'ManagedKubernetes'],
      ],
      {
        accept: 'application/json',
        'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==',
        date: 'Thu, 01 Jan 2026 00:00:00 GMT',
        'x-acs-signature-method': 'HMAC-SHA1',
        'x-acs-signature-nonce': 'nonce-1',
        'x-acs-signature-version': '1.0',
        'x-acs-version': '2015-12-15',
      },
    );
    expect(roaSign('testsecret', sts)).toBe('zVKCOCGBXyl/szQNUePqH5Y/EHs=');
  });
});
