import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MilvusInstanceIdSchema, PasswordSchema, RULE_MESSAGES } from '@dify-console/shared/domain/rules';
import { isRequired, zodRule } from './zod-rule';

type Validator = (rule: unknown, value: unknown) => Promise<void>;
const validatorOf = (schema: z.ZodType, locale: 'zh-CN' | 'en') =>
  (zodRule(schema, locale) as { validator: Validator }).validator;

describe('zodRule', () => {
  it('accepts a valid value', async () => {
    await expect(validatorOf(PasswordSchema, 'zh-CN')({}, 'Abcdefg1')).resolves.toBeUndefined();
  });

  it('fails with the Chinese sentence of the rule', async () => {
    await expect(validatorOf(PasswordSchema, 'zh-CN')({}, 'abcdefgh')).rejects.toThrow(
      RULE_MESSAGES['password.classes']['zh-CN'],
    );
  });

  it('fails with the English sentence of the rule', async () => {
    await expect(validatorOf(PasswordSchema, 'en')({}, 'short')).rejects.toThrow(
      RULE_MESSAGES['password.length'].en,
    );
    await expect(validatorOf(PasswordSchema, 'en')({}, '')).rejects.toThrow(RULE_MESSAGES.required.en);
  });

  it('marks a field required unless its rule accepts an absent value', () => {
    expect(isRequired(PasswordSchema)).toBe(true);
    expect(isRequired(MilvusInstanceIdSchema.optional())).toBe(false);
    expect(zodRule(z.boolean(), 'en')).toMatchObject({ required: true });
  });
});
