import { theme } from 'antd';
import { fieldsByGroup, findTemplate, HA_EXISTING_TEMPLATE, MASK, maskParameters } from '@dify-console/shared/template/templates';
import { GROUP_LABELS } from '@dify-console/shared/template/types';
import { usePageT } from '../../../lib/i18n/use-page-t';

/**
 * The parameters a deployment was made with, by section; NoEcho values masked (again, here too).
 * The template's other parameters (drawn ones) under their own names, as the BFF masked them.
 */
export function DeploymentParameters({
  templateName,
  parameters,
  templateParameters = {},
}: {
  templateName: string;
  parameters: Record<string, unknown>;
  templateParameters?: Record<string, unknown>;
}) {
  const { t, l } = usePageT();
  const { token } = theme.useToken();
  const template = findTemplate(templateName) ?? HA_EXISTING_TEMPLATE;
  const shown = maskParameters(parameters, template);
  const text = (v: unknown) =>
    v === undefined || v === null || v === '' ? t('review.none') : typeof v === 'boolean' ? t(v ? 'review.yes' : 'review.no') : typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
  return (
    <div>
      {fieldsByGroup(template).map(({ group, fields }) => (
        <div key={group} style={{ marginBottom: 12 }}>
          <h3 style={{ margin: '0 0 6px', fontSize: token.fontSize, fontWeight: 600 }}>{l(GROUP_LABELS[group])}</h3>
          <dl style={{ display: 'grid', gridTemplateColumns: 'minmax(140px, 220px) 1fr', gap: '4px 16px', margin: 0 }}>
            {fields.map(({ name, def }) => (
              <div key={name} style={{ display: 'contents' }}>
                <dt style={{ color: token.colorTextSecondary }}>{l(def.label)}</dt>
                <dd style={{ margin: 0, wordBreak: 'break-all' }}>{def.noEcho ? MASK : text(shown[name])}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
      {Object.keys(templateParameters).length > 0 ? (
        <div style={{ marginBottom: 12 }}>
          <h3 style={{ margin: '0 0 6px', fontSize: token.fontSize, fontWeight: 600 }}>{t('deployment.templateParameters')}</h3>
          <dl style={{ display: 'grid', gridTemplateColumns: 'minmax(140px, 220px) 1fr', gap: '4px 16px', margin: 0 }}>
            {Object.entries(templateParameters).map(([key, value]) => (
              <div key={key} style={{ display: 'contents' }}>
                <dt style={{ color: token.colorTextSecondary }}>
                  <code>{key}</code>
                </dt>
                <dd style={{ margin: 0, wordBreak: 'break-all' }}>{text(value)}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}
