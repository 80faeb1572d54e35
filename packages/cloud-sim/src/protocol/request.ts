import { parsePairs, type Pairs } from './encoding';

/** A request as it came off the wire, enough to verify any of the signature schemes. */
export interface WireRequest {
  method: string;
  /** Path as sent, without the query, still percent-encoded. */
  path: string;
  /** Query string as sent, without the leading `?`. */
  rawQuery: string;
  /** Header names lower-cased; repeated headers joined with `, ` (Node's behaviour). */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export function splitUrl(url: string): { path: string; rawQuery: string } {
  const q = url.indexOf('?');
  return q === -1
    ? { path: url, rawQuery: '' }
    : { path: url.slice(0, q), rawQuery: url.slice(q + 1) };
}

export function isFormBody(req: WireRequest): boolean {
  return (req.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('application/x-www-form-urlencoded');
}

/** Query parameters plus, for a form body, the form fields (RPC puts everything there). */
export function rpcPairs(req: WireRequest): Pairs {
  const pairs = parsePairs(req.rawQuery);
  if (isFormBody(req) && req.body.length > 0) pairs.push(...parsePairs(req.body.toString('utf8')));
  return pairs;
}

export function pairsToRecord(pairs: Pairs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) out[k] = v;
  return out;
}
