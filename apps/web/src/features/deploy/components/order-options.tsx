import type { z } from 'zod';
import { Button, Form, Input, theme } from 'antd';
import { MAX_USER_TAGS, ResourceGroupIdSchema, ruleMessage, TagKeySchema, TagValueSchema } from '@dify-console/shared/domain/rules';
import { Panel } from '../../../components/panel';
import { zodRule } from '../../../lib/form/zod-rule';
import { usePageT } from '../../../lib/i18n/use-page-t';

export interface OrderOptionsValue {
  resourceGroupId?: string;
  tags: { key: string; value: string }[];
  /** False while a value breaks its rule: the order waits. */
  valid: boolean;
}

interface Values {
  resourceGroupId?: string;
  tags?: { key?: string; value?: string }[];
}

/**
 * "标签和资源组": the optional resource group and tags of the instance, as the Compute Nest form
 * offers them (`ResourceGroupId`, `Tag.N`). Checked by the same rules as the BFF's.
 */
export function OrderOptions({ disabled, onChange }: { disabled: boolean; onChange: (value: OrderOptionsValue) => void }) {
  const { t, locale } = usePageT();
  const { token } = theme.useToken();
  const [form] = Form.useForm<Values>();

  const report = (all: Values) => {
    const rg = all.resourceGroupId?.trim() ?? '';
    const tags = (all.tags ?? []).map((tag) => ({ key: tag?.key?.trim() ?? '', value: tag?.value ?? '' }));
    const valid =
      (rg === '' || ResourceGroupIdSchema.safeParse(rg).success) &&
      tags.every((tag) => TagKeySchema.safeParse(tag.key).success && TagValueSchema.safeParse(tag.value).success);
    onChange({ ...(rg ? { resourceGroupId: rg } : {}), tags, valid });
  };
  /** An empty box is fine (the field is optional); anything typed follows the rule. */
  const optional = (schema: z.ZodType) => ({
    validator: async (_: unknown, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') return;
      const result = schema.safeParse(value.trim());
      if (!result.success) throw new Error(ruleMessage(result.error.issues[0]?.message ?? 'required', locale));
    },
  });

  return (
    <Panel id="section-order-options" title={t('review.options.title')}>
      <Form
        form={form}
        layout="vertical"
        disabled={disabled}
        onValuesChange={(_, all) => report(all)}
        style={{ maxWidth: 640, paddingBottom: 8 }}
      >
        <Form.Item
          name="resourceGroupId"
          label={t('review.options.resourceGroup')}
          extra={t('review.options.resourceGroupHelp')}
          rules={[optional(ResourceGroupIdSchema)]}
        >
          <Input placeholder="rg-acfmzw2jz2z2dky" autoComplete="off" />
        </Form.Item>
        <Form.List name="tags">
          {(fields, { add, remove }) => (
            <div role="group" aria-label={t('review.options.tags')}>
              <div style={{ marginBottom: 8 }}>{t('review.options.tags')}</div>
              {fields.map((field, i) => (
                <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                  <Form.Item name={[field.name, 'key']} rules={[zodRule(TagKeySchema, locale)]} style={{ flex: 1 }}>
                    <Input aria-label={t('review.options.tagKey', { n: i + 1 })} placeholder={t('review.options.tagKeyPlaceholder')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'value']} rules={[optional(TagValueSchema)]} style={{ flex: 1 }}>
                    <Input aria-label={t('review.options.tagValue', { n: i + 1 })} placeholder={t('review.options.tagValuePlaceholder')} />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)} aria-label={t('review.options.removeTag', { n: i + 1 })}>
                    {t('review.options.remove')}
                  </Button>
                </div>
              ))}
              <Button onClick={() => add({ key: '', value: '' })} disabled={disabled || fields.length >= MAX_USER_TAGS}>
                {t('review.options.addTag')}
              </Button>
              <div style={{ color: token.colorTextSecondary, fontSize: 12, marginTop: 4 }}>{t('review.options.tagsHelp', { max: MAX_USER_TAGS })}</div>
            </div>
          )}
        </Form.List>
      </Form>
    </Panel>
  );
}
