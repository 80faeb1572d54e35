import { createHash, createHmac } from 'node:crypto';
import { compareNames, percentEncode, type Pairs } from './encoding';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface V3Authorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`; undefined when malformed. */
export function parseV3Authorization(value: string): V3Authorization | undefined {
  const space = value.indexOf(' ');
  if (space === -1) return undefined;
  const algorithm = value.slice(0, space);
  const fields = new Map<string, string>();
  for (const part of value.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq !== -1) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || signedHeaders === undefined || !signature) return undefined;
  return {
    algorithm,
    accessKeyId,
    signedHeaders: signedHeaders.split(';').filter(Boolean),
    signature,
  };
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Canonical request of V3. The clients send `*()!~` unencoded in the URL but sign their
 * encoded form, so the query arrives here decoded and is re-encoded (values only; names as is).
 */
export function v3CanonicalRequest(
  method: string,
  path: string,
  query: Pairs,
  headers: Record<string, string | undefined>,
  signedHeaders: string[],
  payloadHash: string,
): string {
  const canonicalUri = (path === '' ? '/' : path)
    .replace(/\+/g, '%20')
    .replace(/\*/g, '%2A')
    .replace(/%7E/g, '~');
  const canonicalQuery = [...query]
    .sort((a, b) => compareNames(a[0], b[0]))
    .map(([k, v]) => `${k}=${percentEncode(v)}`)
    .join('&');
  const names = [...signedHeaders].map((n) => n.toLowerCase()).sort(compareNames);
  const canonicalHeaders = names.map((n) => `${n}:${(headers[n] ?? '').trim()}\n`).join('');
  return [
    method.toUpperCase(),
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    names.join(';'),
    payloadHash,
  ].join('\n');
}

export function v3StringToSign(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export function v3Sign(accessKeySecret: string, stringToSign: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
}
