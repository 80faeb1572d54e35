import type { ReactNode } from 'react';
import { Form, Input, Switch } from 'antd';
import type { TemplateParameter } from '@dify-console/shared/template/parameter-rules';
import type { ParameterName } from '@dify-console/shared/template/templates';
import type { FieldDef } from '@dify-console/shared/template/types';
import { templateRule } from '../../../lib/form/template-rule';
import { isRequiredRule } from '@dify-console/shared/domain/value-rules';
import { valueRule } from '../../../lib/form/value-rule';
import { useT } from '../../../lib/i18n/use-t';
import type { DeploySlots, PickedResource } from '../slots';
import { CONTROL_WIDTH } from '../../../lib/form/control-width';

export interface FieldControlProps {
  name: ParameterName;
  def: FieldDef;
  slots: DeploySlots;
  regionId?: string;
  vpcId?: string;
  onPick: (item: PickedResource | undefined, how?: 'chosen' | 'restored') => void;
  /** Shown under the help text (e.g. the Milvus address warning). */
  note?: ReactNode;
  /** The service template's parameter this field is sent as: its constraints hold here too. */
  templateParameter?: TemplateParameter | undefined;
}

/** One template parameter rendered from its shared description: label, help, widget, rule. */
export function FieldControl({ name, def, slots, regionId, vpcId, onPick, note, templateParameter }: FieldControlProps) {
  const { l, locale } = useT();
  const label = l(def.label);
  const placeholder = def.placeholder ? l(def.placeholder) : undefined;

  let control: ReactNode;
  if (def.picker) {
    control = (
      <slots.ResourcePicker
        kind={def.picker}
        label={label}
        placeholder={placeholder}
        createLink={def.createLink}
        regionId={regionId}
        vpcId={def.picker === 'vpc' ? undefined : vpcId}
        allowClear={!isRequiredRule(def.rule)}
        onPick={onPick}
      />
    );
  } else if (def.widget === 'password') {
    // Never prefilled, never stored: the browser must not offer a saved password either.
    control = <Input.Password placeholder={placeholder} autoComplete="new-password" style={{ maxWidth: CONTROL_WIDTH }} />;
  } else if (def.widget === 'switch') {
    control = <Switch />;
  } else {
    control = <Input placeholder={placeholder} autoComplete="off" style={{ maxWidth: CONTROL_WIDTH }} />;
  }

  return (
    <Form.Item
      name={name}
      label={label}
      // Our rule first (its message says why where it is stricter), then the template's, as the BFF
      // checks them. A switch is always set, one way or the other: no required mark on it.
      rules={[
        def.widget === 'switch' ? { ...valueRule(def.rule, locale), required: false } : valueRule(def.rule, locale),
        ...(templateParameter ? [def.widget === 'switch' ? { ...templateRule(templateParameter, locale), required: false } : templateRule(templateParameter, locale)] : []),
      ]}
      validateFirst
      valuePropName={def.widget === 'switch' ? 'checked' : 'value'}
      extra={
        <>
          {l(def.help)}
          {note}
        </>
      }
    >
      {control}
    </Form.Item>
  );
}
