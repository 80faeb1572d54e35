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
  $ref?: string;
  type?: string | string[];
  maxLength?: number;
  maxItems?: number;
  maxProperties?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
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
            const issues = res.json<{ issues?: { path: unknown[]; message: unknown }[] }>().issues ?? [];
            if (issues.length === 0) failures.push(`${where} → 400 without the field`);
            // Each issue names its field; only a body that is not an object at all has none to name.
            const bodyIsObject = typeof body === 'object' && body !== null && !Array.isArray(body);
            for (const issue of issues) {
              if (typeof issue.message !== 'string' || issue.message.trim() === '') failures.push(`${where} → an issue without a message`);
              if (issue.path.length === 0 && (bodyIsObject || body === undefined)) failures.push(`${where} → an issue without its field: ${String(issue.message)}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(400);
  });
});

/** Whether a pattern can only match a bounded length (anchored, no `*`, `+` or open `{n,}`). */
const boundedPattern = (p: string) => {
  const bare = p.replace(/\\./g, '');
  return bare.startsWith('^') && bare.endsWith('$') && !/[*+]|\{\d+,\}/.test(bare);
};

describe('every input is bounded in the OpenAPI document', () => {
  it('strings have a length (or a closed set), arrays and maps a size, numbers a range', () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } };
    const unbounded: string[] = [];
    const walk = (schema: JsonSchema | undefined, where: string, seen: Set<string>): void => {
      if (!schema) return;
      if (schema.$ref) {
        const name = schema.$ref.split('/').pop() ?? '';
        if (!seen.has(name)) walk(doc.components?.schemas?.[name], where, new Set([...seen, name]));
        return;
      }
      for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) walk(branch, where, seen);
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      const closed = schema.enum !== undefined || schema.const !== undefined;
      if (types.includes('string') && !closed && schema.maxLength === undefined && !(schema.pattern && boundedPattern(schema.pattern)))
        unbounded.push(`${where}: a string without a length`);
      if (types.includes('array') && schema.maxItems === undefined) unbounded.push(`${where}: an array without a size`);
      if ((types.includes('number') || types.includes('integer')) && !closed && (schema.maximum === undefined || schema.minimum === undefined))
        unbounded.push(`${where}: a number without a range`);
      const extra = schema.additionalProperties;
      if (typeof extra === 'object') {
        if (schema.maxProperties === undefined) unbounded.push(`${where}: a map without a size`);
        walk(extra, `${where}{}`, seen);
        walk(schema.propertyNames, `${where} (names)`, seen);
      }
      for (const [key, value] of Object.entries(schema.properties ?? {})) walk(value, `${where}.${key}`, seen);
      walk(schema.items, `${where}[]`, seen);
    };
    let inputs = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? []) {
          inputs += 1;
          walk(p.schema, `${method.toUpperCase()} ${path} ${p.in} ${p.name}`, new Set());
        }
        const body = op.requestBody?.content?.['application/json']?.schema;
        if (body) {
          inputs += 1;
          walk(body, `${method.toUpperCase()} ${path} body`, new Set());
        }
      }
    }
    expect(unbounded).toEqual([]);
    expect(inputs).toBeGreaterThan(30);
  });
});

describe('malformed requests on every route with a body', () => {
  it('answer a 4xx with a code and a message, never a 5xx', { timeout: 120_000 }, async () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const cases: [string, Record<string, string>, string | Buffer][] = [
      ['invalid JSON', { 'content-type': 'application/json' }, '{"a":'],
      ['an empty JSON body', { 'content-type': 'application/json' }, ''],
      ['JSON in UTF-16', { 'content-type': 'application/json; charset=utf-16' }, Buffer.from('{"a":1}', 'utf16le')],
      ['JSON in Latin-1', { 'content-type': 'application/json; charset=iso-8859-1' }, Buffer.from('{"name":"caf\u00e9"}', 'latin1')],
      ['UTF-16 bytes declared as JSON', { 'content-type': 'application/json' }, Buffer.from('{"a":1}', 'utf16le')],
      ['a byte-order mark', { 'content-type': 'application/json' }, '\ufeff{"a":1}'],
      ['invalid UTF-8', { 'content-type': 'application/json' }, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0xff, 0x22, 0x7d])],
      ['a lone surrogate escaped in JSON', { 'content-type': 'application/json' }, '{"name":"\\ud800","regionId":"\\udfff","parameters":{"vpcId":"\\ud83d"}}'],
      ['5000 nested arrays', { 'content-type': 'application/json' }, deep],
      ['a body over the limit', { 'content-type': 'application/json' }, `{"a":"${'x'.repeat(1_100_000)}"}`],
      ['a JSON string', { 'content-type': 'application/json' }, '"hello"'],
      ['a form body', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1&b=2'],
      ['plain text', { 'content-type': 'text/plain' }, 'hello'],
      ['no content type', {}, '{"a":1}'],
      ['duplicate keys', { 'content-type': 'application/json' }, '{"regionId":"cn-hangzhou","regionId":{"x":1}}'],
      ['prototype keys', { 'content-type': 'application/json' }, '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}'],
    ];
    const failures: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops).filter((m) => m !== 'get')) {
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'instanceId' ? 'si-fuzz0000000000000' : 'x'));
        for (const [what, headers, payload] of cases) {
          const res = await app.inject({ method: method.toUpperCase() as 'POST', url, headers, payload });
          const where = `${method.toUpperCase()} ${path}: ${what}`;
          if (res.statusCode >= 500) failures.push(`${where} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          else if (res.statusCode >= 400) {
            const answer = res.json<{ code?: unknown; message?: unknown }>();
            if (typeof answer.code !== 'string' || typeof answer.message !== 'string') failures.push(`${where} → ${res.statusCode} without a code and a message`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
