import { describe, expect, it } from 'vitest';
import { INSTANCE_NAME_RULE, PASSWORD_RULE, RULE_MESSAGES, SWITCH_RULE } from '@dify-console/shared/domain/value-rules';
import { HA_EXISTING_FIELDS } from '@dify-console/shared/template/ha-existing';
import { valueRule } from './value-rule';

type Validator = (rule: unknown, value: unknown) => Promise<void>;
const validatorOf = (...args: Parameters<typeof valueRule>) => (valueRule(...args) as { validator: Validator }).validator;

describe('valueRule', () => {
  it('accepts a valid value', async () => {
    await expect(validatorOf(PASSWORD_RULE, 'zh-CN')({}, 'Abcdefg1')).resolves.toBeUndefined();
  });

  it('fails with the sentence of the rule in the user language', async () => {
    await expect(validatorOf(PASSWORD_RULE, 'zh-CN')({}, 'abcdefgh')).rejects.toThrow(RULE_MESSAGES['password.classes']['zh-CN']);
    await expect(validatorOf(PASSWORD_RULE, 'en')({}, 'short')).rejects.toThrow(RULE_MESSAGES['password.length'].en);
    await expect(validatorOf(INSTANCE_NAME_RULE, 'en')({}, 'dify x')).rejects.toThrow(RULE_MESSAGES['instanceName.space'].en);
  });

  it('takes a cleared box (null) as absent: required unless the rule is optional', async () => {
    await expect(validatorOf(PASSWORD_RULE, 'en')({}, null)).rejects.toThrow(RULE_MESSAGES.required.en);
    await expect(validatorOf(HA_EXISTING_FIELDS.milvusInstanceId.rule, 'en')({}, null)).resolves.toBeUndefined();
  });

  it('marks a field required unless its rule accepts an absent value', () => {
    expect(valueRule(PASSWORD_RULE, 'en')).toMatchObject({ required: true });
    expect(valueRule(HA_EXISTING_FIELDS.milvusInstanceId.rule, 'en')).toMatchObject({ required: false });
    expect(valueRule(SWITCH_RULE, 'en')).toMatchObject({ required: true });
  });
});
