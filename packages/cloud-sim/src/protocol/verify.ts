import { createHash, timingSafeEqual } from 'node:crypto';
import { parsePairs } from './encoding';
import { Errors, SimError } from './errors';
import { rpcPairs, pairsToRecord, type WireRequest } from './request';
import { rpcSign, rpcStringToSign } from './rpc';
import { roaSign, roaStringToSign } from './roa';
import {
  parseV3Authorization,
  sha256Hex,
  V3_ALGORITHM,
  v3CanonicalRequest,
  v3Sign,
  v3StringToSign,
} from './v3';

/** The gateway's tolerance for the request time, both ways. */
export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;

/** Remembers nonces per access key for the length of the timestamp window (and a bit). */
export class NonceStore {
  private readonly seen = new Map<string, number>();
  private inserts = 0;

  /** Records the nonce; false when it was already used inside the window. */
  use(accessKeyId: string, nonce: string, now: number): boolean {
    const key = `${accessKeyId}\n${nonce}`;
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    this.seen.set(key, now + 2 * TIMESTAMP_WINDOW_MS);
    if (++this.inserts % 1000 === 0) this.prune(now);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }

  private prune(now: number): void {
    for (const [key, until] of this.seen) if (until <= now) this.seen.delete(key);
  }
}

export interface VerifyContext {
  /** Wall-clock milliseconds the request time is compared with. */
  now(): number;
  secretFor(accessKeyId: string): string | undefined;
  nonces: NonceStore;
}

export type SignatureScheme = 'RPC-V1' | 'ROA-ACS' | 'V3';

export interface Verified {
  accessKeyId: string;
  scheme: SignatureScheme;
}

export interface Verifier {
  readonly scheme: SignatureScheme;
  applies(req: WireRequest): boolean;
  verify(req: WireRequest, ctx: VerifyContext): Verified;
}

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function parseIso(value: string): number {
  if (!ISO_SECONDS.test(value)) throw Errors.illegalTimestamp();
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw Errors.illegalTimestamp();
  return ms;
}

function parseHttpDate(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/GMT$/.test(value.trim())) throw Errors.illegalTimestamp();
  return ms;
}

function checkWindow(requestTime: number, ctx: VerifyContext): void {
  if (Math.abs(ctx.now() - requestTime) > TIMESTAMP_WINDOW_MS) throw Errors.timestampExpired();
}

function secretOf(accessKeyId: string, ctx: VerifyContext): string {
  const secret = ctx.secretFor(accessKeyId);
  if (secret === undefined) throw Errors.accessKeyNotFound();
  return secret;
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function useNonce(accessKeyId: string, nonce: string, ctx: VerifyContext): void {
  if (!ctx.nonces.use(accessKeyId, nonce, ctx.now())) throw Errors.nonceUsed();
}

/** RPC V1: HMAC-SHA1 over the sorted, encoded parameters (query for GET, form for POST). */
export const rpcV1Verifier: Verifier = {
  scheme: 'RPC-V1',
  applies: (req) => req.headers.authorization === undefined,
  verify(req, ctx) {
    const pairs = rpcPairs(req);
    const p = pairsToRecord(pairs);
    const signature = p.Signature;
    if (signature === undefined || signature === '') throw Errors.incompleteSignature();
    for (const name of ['AccessKeyId', 'SignatureNonce', 'Timestamp'] as const) {
      if (!p[name]) throw Errors.missingParameter(name);
    }
    const accessKeyId = p.AccessKeyId ?? '';
    if (p.SignatureMethod !== undefined && p.SignatureMethod !== 'HMAC-SHA1') {
      throw Errors.invalidParameter(
        'SignatureMethod',
        'Specified signature method is not supported.',
      );
    }
    const secret = secretOf(accessKeyId, ctx);
    checkWindow(parseIso(p.Timestamp ?? ''), ctx);
    const stringToSign = rpcStringToSign(req.method, pairs);
    if (!sameString(rpcSign(secret, stringToSign), signature))
      throw Errors.signatureMismatch(stringToSign);
    useNonce(accessKeyId, p.SignatureNonce ?? '', ctx);
    return { accessKeyId, scheme: 'RPC-V1' };
  },
};

/** ROA: `Authorization: acs <id>:<signature>` over method, content headers, x-acs-* headers and resource. */
export const roaVerifier: Verifier = {
  scheme: 'ROA-ACS',
  applies: (req) => (req.headers.authorization ?? '').startsWith('acs '),
  verify(req, ctx) {
    const auth = (req.headers.authorization ?? '').slice(4).trim();
    const colon = auth.lastIndexOf(':');
    if (colon <= 0 || colon === auth.length - 1) throw Errors.incompleteSignature();
    const accessKeyId = auth.slice(0, colon);
    const signature = auth.slice(colon + 1);
    const nonce = req.headers['x-acs-signature-nonce'];
    if (!nonce) throw Errors.missingParameter('x-acs-signature-nonce');
    const date = req.headers.date;
    if (!date) throw Errors.missingParameter('Date');
    const secret = secretOf(accessKeyId, ctx);
    checkWindow(parseHttpDate(date), ctx);
    const md5 = req.headers['content-md5'];
    // Code for a body that does not match Content-MD5: UNCONFIRMED, a distinct one helps debugging.
    if (md5 !== undefined && md5 !== createHash('md5').update(req.body).digest('base64')) {
      throw new SimError(
        'ContentMD5NotMatched',
        400,
        'Specified content md5 is not matched with your request body.',
      );
    }
    const stringToSign = roaStringToSign(
      req.method,
      req.path,
      parsePairs(req.rawQuery),
      req.headers,
    );
    if (!sameString(roaSign(secret, stringToSign), signature))
      throw Errors.signatureMismatch(stringToSign);
    useNonce(accessKeyId, nonce, ctx);
    return { accessKeyId, scheme: 'ROA-ACS' };
  },
};

/** V3: ACS3-HMAC-SHA256, used by the official per-product SDKs for RPC and ROA alike. */
export const v3Verifier: Verifier = {
  scheme: 'V3',
  applies: (req) => (req.headers.authorization ?? '').startsWith('ACS3-'),
  verify(req, ctx) {
    const auth = parseV3Authorization(req.headers.authorization ?? '');
    if (!auth) throw Errors.incompleteSignature();
    if (auth.algorithm !== V3_ALGORITHM) {
      throw Errors.incompleteSignature(
        `Specified signature algorithm ${auth.algorithm} is not supported.`,
      );
    }
    const nonce = req.headers['x-acs-signature-nonce'];
    if (!nonce) throw Errors.missingParameter('x-acs-signature-nonce');
    const date = req.headers['x-acs-date'];
    if (!date) throw Errors.missingParameter('x-acs-date');
    const secret = secretOf(auth.accessKeyId, ctx);
    checkWindow(parseIso(date), ctx);
    // The payload line is the hash of the body actually received, so a changed body fails.
    const canonical = v3CanonicalRequest(
      req.method,
      req.path,
      parsePairs(req.rawQuery),
      req.headers,
      auth.signedHeaders,
      sha256Hex(req.body),
    );
    const stringToSign = v3StringToSign(canonical);
    if (!sameString(v3Sign(secret, stringToSign), auth.signature.toLowerCase())) {
      throw Errors.signatureMismatch(stringToSign);
    }
    useNonce(auth.accessKeyId, nonce, ctx);
    return { accessKeyId: auth.accessKeyId, scheme: 'V3' };
  },
};

/** Tried in order; the first that applies decides. */
export const VERIFIERS: readonly Verifier[] = [v3Verifier, roaVerifier, rpcV1Verifier];

export function verifyRequest(
  req: WireRequest,
  ctx: VerifyContext,
  verifiers = VERIFIERS,
): Verified {
  const verifier = verifiers.find((v) => v.applies(req));
  if (!verifier) throw Errors.incompleteSignature();
  return verifier.verify(req, ctx);
}
