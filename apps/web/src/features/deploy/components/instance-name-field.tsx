import { useEffect } from 'react';
import { Form, Input, theme, type FormInstance, type FormRule } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { INSTANCE_NAME_RULE, ruleMessage, valueProblem } from '@dify-console/shared/domain/value-rules';
import { valueRule } from '../../../lib/form/value-rule';
import { useT } from '../../../lib/i18n/use-t';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { nameAvailabilityQueryOptions, useNameAvailability } from '../api/check-name-availability';
import type { FormValues } from '../form-values';
import { CONTROL_WIDTH } from '../../../lib/form/control-width';

/** How long typing must pause before the name is checked against the account's instances. */
export const NAME_CHECK_DELAY_MS = 400;

/**
 * The service instance name, checked against the account's existing instances as the user
 * types. A clash is a field error like any other; only the answer for the name now in the box
 * counts (answers are cached per name, and the rule looks up the current one). A check that
 * fails blocks nothing: ordering checks the name again.
 */
export function InstanceNameField({ form }: { form: FormInstance<FormValues> }) {
  const { t, locale } = useT();
  const { token } = theme.useToken();
  const client = useQueryClient();
  const typed = (Form.useWatch('instanceName', form) as string | undefined) ?? '';
  const name = useDebouncedValue(typed, NAME_CHECK_DELAY_MS);
  const wellFormed = valueProblem(INSTANCE_NAME_RULE, name) === null;
  const check = useNameAvailability(name, locale, wellFormed);

  // The answer for the name in the box arrived: show (or clear) the clash.
  useEffect(() => {
    if (check.data && check.data.name === form.getFieldValue('instanceName')) {
      form.validateFields(['instanceName']).catch(() => undefined);
    }
  }, [check.data, form]);

  const availability: FormRule = {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || valueProblem(INSTANCE_NAME_RULE, value) !== null) return;
      const answer = client.getQueryData(nameAvailabilityQueryOptions(value, locale).queryKey);
      if (answer && answer.name === value && !answer.available) throw new Error(answer.message ?? ruleMessage('instanceName.format', locale));
    },
  };

  const settled = typed === name && wellFormed;
  let status: { text: string; color: string } | null = null;
  if (settled && check.isFetching) status = { text: t('form.nameChecking'), color: token.colorTextSecondary };
  else if (settled && check.data?.available) status = { text: t('form.nameAvailable'), color: token.colorSuccessText };

  return (
    <Form.Item
      name="instanceName"
      label={t('form.instanceName')}
      rules={[valueRule(INSTANCE_NAME_RULE, locale), availability]}
      extra={
        <>
          {ruleMessage('instanceName.format', locale)}
          <div aria-live="polite" data-testid="instance-name-status" style={{ color: status?.color }}>
            {status?.text}
          </div>
        </>
      }
    >
      <Input autoComplete="off" style={{ maxWidth: CONTROL_WIDTH }} />
    </Form.Item>
  );
}
