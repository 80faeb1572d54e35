import { describe, expect, it } from 'vitest';
import {
  AccountNameSchema,
  InstanceNameSchema,
  MilvusEndpointSchema,
  PasswordSchema,
  passwordClassCount,
  proposeInstanceName,
  ruleMessage,
} from './rules';

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? undefined : r.error?.issues[0]?.message;

describe('instance name', () => {
  it.each(['dify-abj4', 'a', 'D_1-x', 'a'.repeat(64)])('accepts %s', (v) => {
    expect(InstanceNameSchema.safeParse(v).success).toBe(true);
  });
  it.each(['1dify', '-dify', 'dify.x', 'dify x', '实例', 'a'.repeat(65)])('refuses %s', (v) => {
    expect(firstMessage(InstanceNameSchema.safeParse(v))).toBe('instanceName.format');
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
  it('refuses characters outside the allowed set', () => {
    expect(firstMessage(PasswordSchema.safeParse('Abcdef1?'))).toBe('password.charset');
    expect(firstMessage(PasswordSchema.safeParse('Abcdef1 x'))).toBe('password.charset');
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

describe('account name', () => {
  it.each(['postgres', 'db_admin', 'A1'])('accepts %s', (v) => {
    expect(AccountNameSchema.safeParse(v).success).toBe(true);
  });
  it.each(['p', 'a'.repeat(17), 'db-admin', 'db admin'])('refuses %s', (v) => {
    expect(firstMessage(AccountNameSchema.safeParse(v))).toBe('accountName.format');
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
