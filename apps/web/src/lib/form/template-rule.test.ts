import { describe, expect, it } from 'vitest';
import type { TemplateParameter } from '@dify-console/shared/template/parameter-rules';
import { templateRule } from './template-rule';

const account: TemplateParameter = {
  key: 'AccountOfTheTemplate',
  type: 'String',
  label: { 'zh-CN': '账号', en: 'Account' },
  description: null,
  default: 'postgres',
  allowedValues: null,
  allowedPattern: '[a-z][a-z0-9_]*',
  minLength: 2,
  maxLength: 32,
  minValue: null,
  maxValue: null,
  noEcho: false,
  constraintDescription: { 'zh-CN': '以小写字母开头', en: 'Start with a lower case letter' },
  associationProperty: null,
  group: null,
};
type Validator = (rule: unknown, value: unknown) => Promise<void>;
const validate = (p: TemplateParameter, locale: 'zh-CN' | 'en', value: unknown) => (templateRule(p, locale) as { validator: Validator }).validator({}, value);

describe('templateRule', () => {
  it("refuses what the template refuses, in its own words and the user's language", async () => {
    await expect(validate(account, 'zh-CN', 'Postgres')).rejects.toThrow('以小写字母开头');
    await expect(validate(account, 'en', 'Postgres')).rejects.toThrow('Start with a lower case letter');
    await expect(validate(account, 'en', 'postgres')).resolves.toBeUndefined();
  });

  it('is required exactly when the template has no Default', async () => {
    expect(templateRule(account, 'en')).toMatchObject({ required: false });
    await expect(validate(account, 'en', undefined)).resolves.toBeUndefined();
    const required = { ...account, default: null };
    expect(templateRule(required, 'en')).toMatchObject({ required: true });
    await expect(validate(required, 'en', null)).rejects.toThrow('The template parameter AccountOfTheTemplate is required');
  });

  it('checks numbers and allowed values', async () => {
    const size = { ...account, type: 'Number', allowedPattern: null, minValue: 10, maxValue: 500, constraintDescription: null };
    await expect(validate(size, 'en', 9)).rejects.toThrow('Must be between 10 and 500');
    await expect(validate(size, 'en', 40)).resolves.toBeUndefined();
    const level = { ...account, allowedPattern: null, allowedValues: ['INFO', 'DEBUG'], constraintDescription: null };
    await expect(validate(level, 'zh-CN', 'TRACE')).rejects.toThrow('取值须为以下之一：INFO, DEBUG');
  });
});
