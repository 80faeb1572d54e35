import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AccountNameSchema,
  INSTANCE_NAME_RULE,
  InstanceNameSchema,
  isRequiredRule,
  MILVUS_ENDPOINT_RULE,
  MilvusEndpointSchema,
  PasswordSchema,
  REDIS_PASSWORD_SPECIALS,
  RedisPasswordSchema,
  TagKeySchema,
  TagValueSchema,
  passwordClassCount,
  proposeInstanceName,
  ruleMessage,
  schemaOf,
  valueProblem,
} from './rules';
import { HA_EXISTING_FIELDS } from '../template/ha-existing';

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? undefined : r.error?.issues[0]?.message;

describe('instance name', () => {
  it.each(['dify-abj4', 'a', 'D_1-x', 'a'.repeat(64)])('accepts %s', (v) => {
    expect(InstanceNameSchema.safeParse(v).success).toBe(true);
  });
  it.each([
    ['1dify', 'instanceName.start'],
    ['-dify', 'instanceName.start'],
    ['实例', 'instanceName.start'],
    ['dify x', 'instanceName.space'],
    ['dify.x', 'instanceName.char'],
    ['a'.repeat(65), 'instanceName.tooLong'],
  ])('refuses %s saying what is wrong (%s)', (v, key) => {
    expect(firstMessage(InstanceNameSchema.safeParse(v))).toBe(key);
  });
  it('says the leading digit, the space and the length in words, not the rule again', () => {
    expect(ruleMessage('instanceName.start', 'zh-CN')).toContain('不能以数字');
    expect(ruleMessage('instanceName.space', 'en')).toBe('The name cannot contain spaces');
    expect(ruleMessage('instanceName.tooLong', 'en')).toContain('longer than 64');
  });
  it('proposes dify- and four lower-case letters or digits that pass the rule', () => {
    for (let i = 0; i < 50; i += 1) {
      const name = proposeInstanceName();
      expect(name).toMatch(/^dify-[a-z0-9]{4}$/);
      expect(InstanceNameSchema.safeParse(name).success).toBe(true);
    }
  });
});

describe('password rule', () => {
  it.each(['Abcdefg1', 'abcdef1!', 'ABCDEF1!', 'Ab!defgh', 'A'.repeat(27) + 'a1!'])('accepts %s', (v) => {
    expect(PasswordSchema.safeParse(v).success).toBe(true);
  });
  it('needs 8-30 characters', () => {
    expect(firstMessage(PasswordSchema.safeParse('Ab1!'))).toBe('password.length');
    expect(firstMessage(PasswordSchema.safeParse('Ab1!'.repeat(8)))).toBe('password.length');
  });
  it('refuses characters outside the allowed set, a space by name', () => {
    expect(firstMessage(PasswordSchema.safeParse('Abcdef1?'))).toBe('password.charset');
    expect(firstMessage(PasswordSchema.safeParse('Abcdef1 x'))).toBe('password.space');
  });
  it('needs three of the four classes', () => {
    expect(firstMessage(PasswordSchema.safeParse('abcdefgh1'))).toBe('password.classes');
    expect(firstMessage(PasswordSchema.safeParse('ABCDEFGH!'))).toBe('password.classes');
    expect(passwordClassCount('aB1!')).toBe(4);
  });
  it('reports an empty value as required', () => {
    expect(firstMessage(PasswordSchema.safeParse(''))).toBe('required');
  });
});

describe('Redis password: one rule for the help, the form, the BFF and the pre-flight', () => {
  it.each(['Dify_Redis2026', 'Ab1!$^*()_+-='.slice(0, 12)])('accepts %s', (v) => {
    expect(RedisPasswordSchema.safeParse(v).success).toBe(true);
  });
  it.each(['Dify#Redis2026', 'Dify@Redis2026', 'Dify%Redis2026', 'Dify&Redis2026'])('refuses %s: it breaks the redis:// URL', (v) => {
    expect(firstMessage(RedisPasswordSchema.safeParse(v))).toBe('redisPassword.urlUnsafe');
    expect(PasswordSchema.safeParse(v).success).toBe(true); // other passwords may use them
  });
  it('the help lists exactly the allowed specials and names the refused ones, as the message does', () => {
    expect(REDIS_PASSWORD_SPECIALS).toBe('!$^*()_+-=');
    for (const locale of ['zh-CN', 'en'] as const) {
      const help = HA_EXISTING_FIELDS.redisPassword.help[locale];
      const msg = ruleMessage('redisPassword.urlUnsafe', locale);
      for (const text of [help, msg]) {
        expect(text).toContain(REDIS_PASSWORD_SPECIALS);
        expect(text).toContain('@ # % &');
      }
    }
  });
});

describe('account name', () => {
  it.each(['postgres', 'db_admin', 'A1'])('accepts %s', (v) => {
    expect(AccountNameSchema.safeParse(v).success).toBe(true);
  });
  it.each([
    ['p', 'accountName.length'],
    ['a'.repeat(17), 'accountName.length'],
    ['db-admin', 'accountName.char'],
    ['db admin', 'accountName.space'],
  ])('refuses %s saying what is wrong (%s)', (v, key) => {
    expect(firstMessage(AccountNameSchema.safeParse(v))).toBe(key);
  });
});

describe('milvus internal address', () => {
  it.each(['c-64f4a1b2c3d46ff-internal.milvus.aliyuncs.com', 'c-abc-internal.milvus.aliyuncs.com:19530'])(
    'accepts %s',
    (v) => expect(MilvusEndpointSchema.safeParse(v).success).toBe(true),
  );
  it.each([
    'c-abc.milvus.aliyuncs.com',
    'http://c-abc-internal.milvus.aliyuncs.com',
    'c-abc-internal.milvus.aliyuncs.com:0',
    'milvus.example.com',
  ])('refuses %s', (v) => {
    expect(firstMessage(MilvusEndpointSchema.safeParse(v))).toBe('milvusEndpoint.format');
  });
});

describe('rule messages', () => {
  it('speaks both languages', () => {
    expect(ruleMessage('password.classes', 'zh-CN')).toContain('至少三种');
    expect(ruleMessage('password.classes', 'en')).toContain('at least three');
    expect(ruleMessage('not a key', 'en')).toBe('not a key');
  });
});

describe('length bounds', () => {
  // A huge value gets one message, its length, and no other rule runs over it.
  const huge = 'a b\ud800'.repeat(100_000);
  it.each([
    ['instance name', InstanceNameSchema, 'instanceName.tooLong'],
    ['account name', AccountNameSchema, 'accountName.length'],
    ['password', PasswordSchema, 'password.length'],
    ['Redis password', RedisPasswordSchema, 'password.length'],
    ['tag key', TagKeySchema, 'tagKey.tooLong'],
    ['tag value', TagValueSchema, 'tagValue.tooLong'],
  ] as const)('a huge %s is refused by its length alone', (_name, schema, key) => {
    const result = schema.safeParse(huge);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([key]);
  });

  it('declares the bounds in the JSON Schema the OpenAPI document shows', () => {
    expect(z.toJSONSchema(PasswordSchema)).toMatchObject({ maxLength: 30 });
    expect(z.toJSONSchema(InstanceNameSchema)).toMatchObject({ maxLength: 64 });
    expect(z.toJSONSchema(TagKeySchema)).toMatchObject({ maxLength: 128 });
  });

  it('still says what else is wrong with a value of a right length', () => {
    expect(firstMessage(PasswordSchema.safeParse('short1A'))).toBe('password.length');
    expect(firstMessage(AccountNameSchema.safeParse('a'))).toBe('accountName.length');
    expect(firstMessage(TagKeySchema.safeParse('aliyun:x'))).toBe('tagKey.reserved');
    expect(firstMessage(TagValueSchema.safeParse('see https://x'))).toBe('tagValue.scheme');
  });
});
describe('the rules without zod (the form) and their zod schemas (the BFF, the contract)', () => {
  const samples: unknown[] = [
    undefined, null, 42, true, '', ' ', '  x  ', 'a', 'dify-abj4', '1dify', 'dify x', 'dify.x', 'a'.repeat(65),
    'postgres', 'p', 'a b', 'a-b', 'a'.repeat(17), 'Abcdefg1', 'abcdefgh1', 'Abcdef1?', 'Redis@1234', 'Redis_1234',
    'c-abc-internal.milvus.aliyuncs.com', ' c-abc-internal.milvus.aliyuncs.com:19530 ', 'c-abc.milvus.aliyuncs.com',
    'root', '1root', 'vpc-bp1abc', 'vpc-', 'VPC-X', `vpc-${'a'.repeat(61)}`, 'c900cca321576a', 'pgm-bp1abc', 'r-bp1abc', 'c-5f2a9d7e',
  ];
  const first = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? null : (r.error?.issues[0]?.message ?? '?'));
  it.each(Object.entries(HA_EXISTING_FIELDS))('%s: the same first problem for every sample', (_name, field) => {
    const schema = schemaOf(field.rule);
    for (const value of samples) {
      const key = valueProblem(field.rule, value);
      // A switch's zod schema answers zod's own words for a non-boolean: only whether it fails must agree.
      if (field.rule.kind === 'boolean') expect(key === null, String(value)).toBe(schema.safeParse(value).success);
      else expect(key, JSON.stringify(value)).toBe(first(schema.safeParse(value)));
    }
  });
  it('the instance name rule as the form checks it', () => {
    expect(valueProblem(INSTANCE_NAME_RULE, 'dify x')).toBe('instanceName.space');
    expect(valueProblem(INSTANCE_NAME_RULE, undefined)).toBe('required');
    expect(isRequiredRule(INSTANCE_NAME_RULE)).toBe(true);
    expect(isRequiredRule(HA_EXISTING_FIELDS.milvusInstanceId.rule)).toBe(false);
  });
  it('trims the Milvus address before checking it, in the form as in the BFF', () => {
    expect(valueProblem(MILVUS_ENDPOINT_RULE, ' c-abc-internal.milvus.aliyuncs.com ')).toBeNull();
    expect(MilvusEndpointSchema.parse(' c-abc-internal.milvus.aliyuncs.com ')).toBe('c-abc-internal.milvus.aliyuncs.com');
  });
});
