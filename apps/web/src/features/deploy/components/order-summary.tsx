import { Suspense, type ReactNode } from 'react';
import { theme } from 'antd';
import type { DeploymentRequest } from '@dify-console/shared/api/deployments';
import { fieldsByGroup, findTemplate, HA_EXISTING_TEMPLATE, MASK, maskParameters } from '@dify-console/shared/template/templates';
import { GROUP_LABELS, type PickerKind } from '@dify-console/shared/template/types';
import { Panel } from '../../../components/panel';
import { usePageT } from '../../../lib/i18n/use-page-t';
import type { DeploySlots, PickedResource } from '../slots';

const GROUPS = fieldsByGroup(HA_EXISTING_TEMPLATE);

/**
 * Every choice of step 1, by section, with the form's own labels. Rendered from a masked copy of
 * the parameters only: a NoEcho value cannot reach the page.
 */
export function OrderSummary({
  request,
  picked,
  slots,
}: {
  request: DeploymentRequest;
  picked: Partial<Record<PickerKind, PickedResource>>;
  slots: DeploySlots;
}) {
  const { t, l } = usePageT();
  const { token } = theme.useToken();
  const shown = maskParameters(request.parameters) as Record<string, unknown>;
  const template = findTemplate(request.templateName) ?? HA_EXISTING_TEMPLATE;

  const valueOf = (value: unknown, picker?: PickerKind): ReactNode => {
    if (value === undefined || value === null || value === '') return <span style={{ color: token.colorTextTertiary }}>{t('review.none')}</span>;
    if (typeof value === 'boolean') return value ? t('review.yes') : t('review.no');
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
    const item = picker ? picked[picker] : undefined;
    return item && item.id === text && item.name ? `${item.id} / ${item.name}` : text;
  };

  const section = (id: string, title: string, rows: { key: string; label: string; value: ReactNode; secret?: boolean }[]) => (
    <div key={id} style={{ marginBottom: 16 }}>
      <h3 id={`summary-${id}`} style={{ margin: '0 0 8px', fontSize: token.fontSize, fontWeight: 600, color: token.colorTextHeading }}>
        {title}
      </h3>
      <dl
        aria-labelledby={`summary-${id}`}
        style={{ display: 'grid', gridTemplateColumns: 'minmax(140px, 220px) 1fr', gap: '6px 16px', margin: 0 }}
      >
        {rows.map((r) => (
          <div key={r.key} style={{ display: 'contents' }} data-testid={`summary-${r.key}`}>
            <dt style={{ color: token.colorTextSecondary }}>{r.label}</dt>
            <dd style={{ margin: 0, wordBreak: 'break-all', fontFamily: r.secret ? 'monospace' : undefined }}>{r.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );

  return (
    <Panel id="section-summary" title={t('review.summary')}>
      {section('basics', t('form.basics'), [
        { key: 'templateName', label: t('form.template'), value: l(template.label) },
        { key: 'instanceName', label: t('form.instanceName'), value: request.name },
        { key: 'regionId', label: t('form.region'), value: (
            <Suspense fallback={request.regionId}>
              <slots.RegionName regionId={request.regionId} />
            </Suspense>
          ),
        },
      ])}
      {GROUPS.map(({ group, fields }) =>
        section(
          group,
          l(GROUP_LABELS[group]),
          fields.map(({ name, def }) => ({
            key: name,
            label: l(def.label),
            value: def.noEcho ? MASK : valueOf(shown[name], def.picker),
            secret: def.noEcho,
          })),
        ),
      )}
    </Panel>
  );
}
