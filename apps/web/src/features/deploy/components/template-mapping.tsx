import type { ReactNode } from 'react';
import { theme } from 'antd';
import type { DeploymentRequest } from '@dify-console/shared/api/deployments';
import type { TemplateForm } from '@dify-console/shared/api/template';
import { HA_EXISTING_TEMPLATE, MASK, templateLabel } from '@dify-console/shared/template/templates';
import type { FieldDef } from '@dify-console/shared/template/types';
import { Panel } from '../../../components/panel';
import { usePageT } from '../../../lib/i18n/use-page-t';

const FIELDS = HA_EXISTING_TEMPLATE.fields as Record<string, FieldDef>;

export interface MappingRow {
  parameter: string;
  /** Our field's name, or null for a drawn parameter. */
  field: string | null;
  /** The value sent, masked when NoEcho; undefined: not sent (the template's Default applies). */
  value: string | number | boolean | undefined;
  noEcho: boolean;
}

/**
 * What the order sends, parameter by parameter: each template parameter with the form field it
 * is filled from (or "drawn"), and its value, NoEcho values masked. The same binding the BFF uses.
 */
export function mappingRows(template: Pick<TemplateForm, 'parameters' | 'bindings' | 'drawn'>, request: Pick<DeploymentRequest, 'regionId' | 'parameters' | 'templateParameters'>): MappingRow[] {
  const parameters = request.parameters as Record<string, unknown>;
  const drawn = request.templateParameters ?? {};
  const scalar = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined);
  return template.parameters.flatMap((p): MappingRow[] => {
    const binding = template.bindings.find((b) => b.parameter === p.key);
    const noEcho = p.noEcho || (binding ? FIELDS[binding.field]?.noEcho === true : false);
    const raw = binding ? (binding.field === 'regionId' ? request.regionId : parameters[binding.field]) : template.drawn.includes(p.key) ? drawn[p.key] : undefined;
    if (!binding && !template.drawn.includes(p.key)) return [];
    const value = raw === '' ? undefined : scalar(raw);
    return [{ parameter: p.key, field: binding?.field ?? null, value: noEcho && value !== undefined ? MASK : value, noEcho }];
  });
}

/** "Template parameter ← form field" and the service version the order is placed on. */
export function TemplateMapping({ template, request }: { template: TemplateForm; request: DeploymentRequest }) {
  const { t, l } = usePageT();
  const { token } = theme.useToken();
  const labelOf = (p: string) => template.parameters.find((q) => q.key === p)?.label;
  const fieldLabel = (row: MappingRow): string => {
    if (row.field === 'regionId') return t('form.region');
    const def = row.field ? FIELDS[row.field] : undefined;
    if (def) return l(def.label);
    const label = labelOf(row.parameter);
    // Without a label in the user's language the row's parameter name (beside it) says it all.
    return label && l(label) !== row.parameter ? t('review.mapping.drawn', { label: l(label) }) : t('review.mapping.drawnUnlabelled');
  };
  const valueOf = (row: MappingRow): ReactNode =>
    // The value as it is sent: verbatim, like the parameter's name.
    row.value === undefined ? <span style={{ color: token.colorTextTertiary }}>{t('review.mapping.default')}</span> : <code>{String(row.value)}</code>;
  return (
    <Panel id="section-mapping" title={t('review.mapping.title')}>
      <p style={{ margin: '0 0 8px', color: token.colorTextSecondary }} data-testid="mapping-version">
        {t('review.mapping.intro', {
          template: l(templateLabel(template.templateName) ?? { 'zh-CN': template.templateName, en: template.templateName }),
          version: request.serviceVersion ?? template.serviceVersion,
          name: template.serviceVersionName,
        })}
      </p>
      <table style={{ width: '100%', borderCollapse: 'collapse', marginBottom: 16 }} aria-label={t('review.mapping.title')}>
        <thead>
          <tr style={{ textAlign: 'start', color: token.colorTextSecondary }}>
            <th scope="col" style={{ textAlign: 'start', padding: '4px 8px' }}>{t('review.mapping.parameter')}</th>
            <th scope="col" aria-hidden="true" />
            <th scope="col" style={{ textAlign: 'start', padding: '4px 8px' }}>{t('review.mapping.source')}</th>
            <th scope="col" style={{ textAlign: 'start', padding: '4px 8px' }}>{t('review.mapping.value')}</th>
          </tr>
        </thead>
        <tbody>
          {mappingRows(template, request).map((row) => (
            <tr key={row.parameter} data-testid={`mapping-${row.parameter}`} style={{ borderTop: `1px solid ${token.colorBorderSecondary}` }}>
              <td style={{ padding: '4px 8px' }}>
                <code>{row.parameter}</code>
              </td>
              <td aria-hidden="true" style={{ color: token.colorTextTertiary }}>←</td>
              <td style={{ padding: '4px 8px' }}>{fieldLabel(row)}</td>
              <td style={{ padding: '4px 8px', wordBreak: 'break-all' }}>{valueOf(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
