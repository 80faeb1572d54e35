import { Alert, Button, Spin, theme } from 'antd';
import type { Diagnosis, SmokeCheck } from '@dify-console/shared/api/deployment-health';
import { HA_EXISTING_TEMPLATE, type ParameterName } from '@dify-console/shared/template/templates';
import { ExternalLinkIcon, ReloadIcon } from '../../../components/icons';
import { Panel } from '../../../components/panel';
import { errorMessage } from '../../../lib/api-client';
import { usePageT } from '../../../lib/i18n/use-page-t';
import { useDeploymentHealth, useRunDeploymentHealth } from '../api/get-deployment-health';
import { CloudAnswer } from '../../../components/cloud-answer';
import { withCode } from '../../../components/inline-code';

export interface HealthSectionProps {
  instanceId: string;
}

const COLOR = { pass: 'colorSuccessText', warn: 'colorWarningText', fail: 'colorErrorText' } as const;

/**
 * "运行状况" of a finished deployment: the smoke test (Dify's pods ready, the HPA, replicas
 * spread) and, for what fails, diagnosis cards: the plain explanation, the evidence (the log line
 * or event it was read from) and what to do. An unknown failure shows its evidence, no guess.
 */
export function HealthSection({ instanceId }: HealthSectionProps) {
  const { t, locale } = usePageT();
  const { token } = theme.useToken();
  const query = useDeploymentHealth(instanceId, locale);
  const rerun = useRunDeploymentHealth(instanceId, locale);
  const h = query.data;
  const failure = query.error ?? rerun.error;
  return (
    <Panel id="section-health" title={t('health.title')}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, marginBottom: 12 }}>
        <div aria-live="polite" data-testid="health-summary">
          {query.isPending ? (
            <span style={{ color: token.colorTextSecondary }}>
              <Spin size="small" /> {t('health.checking')}
            </span>
          ) : h ? (
            <>
              <strong style={{ color: h.status === 'healthy' ? token.colorSuccessText : token.colorErrorText }}>
                {h.status === 'healthy' ? t('health.healthy') : t('health.unhealthy')}
              </strong>
              {/* The cluster's clock (when the API server recorded the result), as the deployment's other times. */}
              <span data-testid="health-checked-at" data-time={h.checkedAt} style={{ color: token.colorTextSecondary, marginLeft: 8 }}>
                {t('health.checkedAt', { time: new Date(h.checkedAt).toLocaleString(locale) })}
              </span>
            </>
          ) : null}
        </div>
        <Button icon={<ReloadIcon />} onClick={() => rerun.mutate()} loading={rerun.isPending} disabled={query.isFetching || rerun.isPending}>
          {t('health.checkAgain')}
        </Button>
      </div>
      {failure ? <Alert type="warning" showIcon role="alert" style={{ marginBottom: 16 }} title={t('health.failedToRun', { message: errorMessage(failure, locale) })} description={<CloudAnswer error={failure} />} /> : null}
      {h ? (
        <>
          <ul aria-label={t('health.checks')} style={{ listStyle: 'none', margin: '0 0 16px', padding: 0 }}>
            {h.checks.map((c) => (
              <CheckLine key={c.id} check={c} />
            ))}
          </ul>
          {h.diagnosis.length > 0 ? (
            <section aria-labelledby="health-diagnosis" style={{ marginBottom: 16 }}>
              <h3 id="health-diagnosis" style={{ margin: '0 0 8px', fontSize: token.fontSize, fontWeight: 600 }}>
                {t('health.diagnosis')}
              </h3>
              {h.diagnosis.map((d, i) => (
                <DiagnosisCard key={`${d.component}-${d.signature ?? i}`} diagnosis={d} />
              ))}
            </section>
          ) : null}
        </>
      ) : null}
    </Panel>
  );
}

function CheckLine({ check }: { check: SmokeCheck }) {
  const { t } = usePageT();
  const { token } = theme.useToken();
  return (
    <li data-testid={`health-check-${check.id}`} data-status={check.status} style={{ display: 'grid', gridTemplateColumns: '72px 1fr', gap: 12, padding: '6px 0', borderTop: `1px solid ${token.colorSplit}` }}>
      <span style={{ color: token[COLOR[check.status]], fontWeight: 500 }}>{t(`health.status.${check.status}`)}</span>
      <span>
        <span style={{ fontWeight: 500 }}>{check.title}</span>
        <span style={{ color: token.colorTextSecondary }}> — {check.detail}</span>
        {check.evidence ? (
          // The cluster's own words, verbatim: not translated.
          <code data-testid={`health-evidence-${check.id}`} style={{ display: 'block', fontSize: 12, color: token.colorTextSecondary, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {check.evidence}
          </code>
        ) : null}
      </span>
    </li>
  );
}

function DiagnosisCard({ diagnosis: d }: { diagnosis: Diagnosis }) {
  const { t, l } = usePageT();
  const { token } = theme.useToken();
  const fix = d.fix;
  return (
    <article
      aria-label={t('health.card', { component: d.component })}
      data-testid={`diagnosis-${d.component}`}
      style={{ border: `1px solid ${token.colorErrorBorder}`, background: token.colorErrorBg, borderRadius: 8, padding: 12, marginBottom: 8 }}
    >
      <div style={{ fontWeight: 600 }}>
        {d.component}
        {d.pod ? <span style={{ fontWeight: 400, color: token.colorTextSecondary }}> · {d.pod}</span> : null}
      </div>
      <p style={{ margin: '4px 0' }}>{d.explanation ?? t('health.unknown')}</p>
      <div style={{ color: token.colorTextSecondary, fontSize: 12 }}>{t('health.evidence')}</div>
      <pre data-testid="diagnosis-evidence" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: '2px 0 6px', fontSize: 12, background: token.colorBgContainer, padding: 8, borderRadius: 4 }}>
        {d.evidence}
      </pre>
      {fix?.kind === 'field' ? (
        <div data-testid="diagnosis-fix">{t('health.fixField', { field: l(HA_EXISTING_TEMPLATE.fields[fix.field as ParameterName]?.label ?? { 'zh-CN': fix.field, en: fix.field }) })}</div>
      ) : null}
      {fix?.kind === 'whitelist' ? <div data-testid="diagnosis-fix">{t('health.fixWhitelist', { target: fix.target === 'postgres' ? 'PostgreSQL' : 'Redis' })}</div> : null}
      {fix?.kind === 'text' ? <div data-testid="diagnosis-fix">{withCode(fix.text)}</div> : null}
      {fix?.kind === 'link' ? (
        <a data-testid="diagnosis-fix" href={fix.url} target="_blank" rel="noopener noreferrer" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          {fix.label}
          <ExternalLinkIcon />
        </a>
      ) : null}
    </article>
  );
}

