import { Form, Input, InputNumber, Select, Switch } from 'antd';
import type { TemplateForm } from '@dify-console/shared/api/template';
import type { Localized } from '@dify-console/shared/domain/i18n';
import type { TemplateParameter } from '@dify-console/shared/template/parameter-rules';
import { Panel } from '../../../components/panel';
import { templateRule } from '../../../lib/form/template-rule';
import { usePageT } from '../../../lib/i18n/use-page-t';

/** How a parameter the console does not know is drawn, from its ROS metadata alone. */
export type DrawnWidget = 'select' | 'switch' | 'password' | 'number' | 'text';

export function drawnWidget(p: Pick<TemplateParameter, 'type' | 'allowedValues' | 'noEcho'>): DrawnWidget {
  if (p.type === 'Boolean') return 'switch';
  if (p.allowedValues && p.allowedValues.length > 0) return 'select';
  if (p.noEcho) return 'password';
  if (p.type === 'Number') return 'number';
  return 'text';
}

/** The form's starting value: the template's Default, in the control's own type. */
export function drawnInitialValue(p: Pick<TemplateParameter, 'type' | 'default' | 'noEcho'>): string | number | boolean | undefined {
  if (p.default === null || p.noEcho) return undefined;
  if (p.type === 'Boolean') return p.default === true || p.default === 'true';
  if (p.type === 'Number') {
    const n = Number(p.default);
    return Number.isFinite(n) ? n : undefined;
  }
  return p.default;
}

/** The drawn parameters, in their template groups (in the template's order; ungrouped ones last). */
export function drawnGroups(template: Pick<TemplateForm, 'parameters' | 'drawn'>): { label: Localized | null; parameters: TemplateParameter[] }[] {
  const groups: { label: Localized | null; parameters: TemplateParameter[] }[] = [];
  for (const p of template.parameters.filter((q) => template.drawn.includes(q.key))) {
    const key = JSON.stringify(p.group);
    const group = groups.find((g) => JSON.stringify(g.label) === key);
    if (group) group.parameters.push(p);
    else groups.push({ label: p.group, parameters: [p] });
  }
  return groups;
}

/**
 * The template's parameters the console has no field for, drawn from their metadata (text,
 * number, select of the allowed values, password for NoEcho, switch for booleans) with their
 * rules, in their groups. Loaded only when a template has such parameters.
 */
export default function TemplateParameters({ template }: { template: TemplateForm }) {
  const { t, l, locale } = usePageT();
  return (
    <>
      {drawnGroups(template).map((group, index) => (
        <Panel key={index} id={`section-template-${index}`} title={(group.label && l(group.label)) || t('form.drawn.group')}>
          {group.parameters.map((p) => {
            const widget = drawnWidget(p);
            const label = l(p.label);
            return (
              <Form.Item
                key={p.key}
                name={['templateParameters', p.key]}
                // No label in the user's language: the parameter's name, as the ID it is.
                label={label === p.key ? <code>{p.key}</code> : label}
                initialValue={drawnInitialValue(p)}
                rules={[widget === 'switch' ? { ...templateRule(p, locale), required: false } : templateRule(p, locale)]}
                valuePropName={widget === 'switch' ? 'checked' : 'value'}
                extra={
                  <>
                    {p.description ? l(p.description) : null}
                    <div style={{ fontSize: 12 }} data-testid={`drawn-note-${p.key}`}>
                      {t('form.drawn.note')} <code>{p.key}</code>
                    </div>
                  </>
                }
              >
                {widget === 'switch' ? (
                  <Switch />
                ) : widget === 'select' ? (
                  <Select
                    aria-label={label}
                    style={{ maxWidth: 560 }}
                    // The clear button's name in the user's language (the select's own is English).
                    allowClear={p.default !== null ? { label: t('picker.clear') } : false}
                    options={(p.allowedValues ?? []).map((v) => ({ value: typeof v === 'boolean' ? String(v) : v, label: String(v) }))}
                  />
                ) : widget === 'password' ? (
                  <Input.Password autoComplete="new-password" style={{ maxWidth: 560 }} />
                ) : widget === 'number' ? (
                  // No min/max clamping: a value out of bounds is said, in the template's words. No
                  // step buttons: their screen-reader names are the control's own English.
                  <InputNumber style={{ width: 200 }} controls={false} />
                ) : (
                  <Input autoComplete="off" style={{ maxWidth: 560 }} />
                )}
              </Form.Item>
            );
          })}
        </Panel>
      ))}
    </>
  );
}
