import { startCloudSim, type CloudSim } from '@dify-console/cloud-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOn } from '../testing/harness';

/**
 * Every route of the app (from its OpenAPI document, so a new route is fuzzed the day it is
 * added) with random and malicious path parameters, query values and bodies shaped after its own
 * schema: lone surrogates, control characters, huge values, wrong types, prototype keys. No
 * answer may be a 5xx, and a refused input names the field. Seeded: a failure replays.
 */

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}
interface Operation {
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

const SEED = 20_260_903;
const CASES_PER_ROUTE = 40;

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY_STRINGS = [
  '',
  ' ',
  'a b',
  ' pgm-bp1dfypg16i6j7k8l',
  '\ud800',
  'pgm-x\udfff',
  'si-\ud83d',
  '💥',
  '\u0000',
  'a\r\nSet-Cookie: x=1',
  '\u202ecn-hangzhou',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '__proto__',
  'constructor',
  'a'.repeat(10_000),
  'x'.repeat(300_000),
  'si-' + 'a'.repeat(200),
  'c' + '0'.repeat(500),
  'cn-hangzhou',
  'true',
  '-1',
  '1e309',
];
const NASTY_VALUES: unknown[] = [null, 0, -1, 1.5, 1e308, true, false, [], {}, [['deep']], { __proto__: { polluted: true } }, { constructor: { prototype: {} } }];

function sample(schema: JsonSchema | undefined, rnd: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  if (!schema || depth > 6) return pick(NASTY_VALUES);
  const branches = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (branches?.length) return sample(pick(branches), rnd, depth + 1);
  const roll = rnd();
  // Now and then a value of the wrong type or a nasty string, whatever the schema says.
  if (roll < 0.15) return pick(NASTY_VALUES);
  if (roll < 0.3) return pick(NASTY_STRINGS);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return pick(schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(schema.properties ?? {})) if (rnd() < 0.9) out[k] = sample(s, rnd, depth + 1);
    if (rnd() < 0.1) out['__proto__'] = { isAdmin: true };
    return out;
  }
  if (type === 'array') return Array.from({ length: Math.floor(rnd() * 3) }, () => sample(schema.items, rnd, depth + 1));
  if (type === 'boolean') return pick([true, false, 'true', 1]);
  if (type === 'number' || type === 'integer') return pick([0, -1, 65_536, 1.5, 'NaN', Number.MAX_SAFE_INTEGER + 2]);
  return pick(NASTY_STRINGS);
}

/** A string as a URL component; an encoder error (a lone surrogate) goes raw as invalid UTF-8 bytes. */
const component = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? 'null';
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

let sim: CloudSim;
let app: FastifyInstance;

beforeAll(async () => {
  sim = await startCloudSim({ port: 0, speed: 2000 });
  const account = await sim.createAccount('default');
  ({ app } = await appOn({ endpoint: sim.endpoint, ...account, sim }, { env: { CLOUD_TIMEOUT_MS: '3000' } }));
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

describe('fuzzing every route', () => {
  it('never answers a 5xx, and every refused input names its field', { timeout: 240_000 }, async () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const rnd = prng(SEED);
    const failures: string[] = [];
    let sent = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const params = (op.parameters ?? []).filter((p) => p.in === 'path');
        const query = (op.parameters ?? []).filter((p) => p.in === 'query');
        const bodySchema = op.requestBody?.content?.['application/json']?.schema;
        for (let i = 0; i < CASES_PER_ROUTE; i += 1) {
          const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
            const schema = params.find((p) => p.name === name)?.schema;
            return component(sample(schema, rnd));
          });
          const qs = query
            .filter(() => rnd() < 0.7)
            .map((q) => `${encodeURIComponent(q.name)}=${component(sample(q.schema, rnd))}`)
            .join('&');
          const body = method === 'get' ? undefined : i % 10 === 0 ? sample(undefined, rnd) : sample(bodySchema, rnd);
          let payload: string | undefined;
          try {
            payload = body === undefined ? undefined : JSON.stringify(body);
          } catch {
            payload = '{"x":1';
          }
          const res = await app.inject({
            method: method.toUpperCase() as 'GET',
            url: qs ? `${url}?${qs}` : url,
            ...(payload === undefined ? {} : { payload, headers: { 'content-type': 'application/json' } }),
          });
          sent += 1;
          const where = `${method.toUpperCase()} ${path} #${i}`;
          if (res.statusCode >= 500) failures.push(`${where} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (res.statusCode === 400 && res.json<{ code: string }>().code === 'ValidationFailed') {
            const issues = res.json<{ issues?: { path: unknown[] }[] }>().issues ?? [];
            if (issues.length === 0) failures.push(`${where} → 400 without the field`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(400);
  });
});
