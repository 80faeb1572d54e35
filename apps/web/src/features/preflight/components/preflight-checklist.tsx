import { useEffect, useState } from 'react';
import { Alert, Button, Spin, theme } from 'antd';
import {
  CHECK_GROUPS,
  type PreflightCheck,
  type PreflightRequest,
  type PreflightResult,
  type WhitelistFix,
} from '@dify-console/shared/api/preflight';
import { ExternalLinkIcon, ReloadIcon } from '../../../components/icons';
import { Panel } from '../../../components/panel';
import { errorMessage } from '../../../lib/api-client';
import { usePageT, type PageTFunction } from '../../../lib/i18n/use-page-t';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { HA_EXISTING_TEMPLATE, type ParameterName } from '@dify-console/shared/template/templates';
import { usePreflight, useRecheckPreflight } from '../api/run-preflight';
import { StatusLabel, type Tone } from './status-label';
import { WhitelistFixDialog } from './whitelist-fix-dialog';
import { CloudAnswer } from '../../../components/cloud-answer';

/** How long the parameters must stay unchanged before they are checked again. */
export const PREFLIGHT_DELAY_MS = 300;

/**
 * Where the checks stand, for whoever holds the order button: `running` (wait), `failed` (no
 * order), `warnings` (order once these very warnings — `key` — are acknowledged), `unavailable`
 * (the checks could not run; order only on explicit acknowledgement), `passed`.
 */
export type ChecklistGate =
  | { state: 'running' }
  | { state: 'failed'; count: number }
  | { state: 'warnings'; count: number; key: string }
  | { state: 'unavailable' }
  | { state: 'passed' };

export interface PreflightChecklistProps {
  request: PreflightRequest;
  /** The template's NoEcho parameters among `request.templateParameters`. */
  secretKeys?: readonly string[];
  onGateChange: (gate: ChecklistGate) => void;
}

const TONES: Record<PreflightCheck['status'], Tone> = {
  pass: 'success',
  warn: 'warning',
  fail: 'error',
  running: 'neutral',
};

export function summaryText(checks: PreflightCheck[], t: PageTFunction): string {
  const fail = checks.filter((c) => c.status === 'fail').length;
  const warn = checks.filter((c) => c.status === 'warn').length;
  const live = checks.filter((c) => c.status === 'running').length;
  if (fail === 0 && warn === 0 && live === 0) return t('preflight.summary.passed', { count: checks.length });
  const parts = [
    fail > 0 ? t('preflight.summary.fail', { count: fail }) : null,
    warn > 0
      ? t(warn === 1 ? 'preflight.summary.warnOne' : 'preflight.summary.warnOther', { count: warn })
      : null,
    live > 0 ? t('preflight.summary.running', { count: live }) : null,
  ];
  return parts.filter((p) => p !== null).join(t('preflight.summary.separator'));
}

function gateOf(
  result: PreflightResult | undefined,
  running: boolean,
  error: boolean,
): ChecklistGate {
  if (running) return { state: 'running' };
  if (error || !result) return { state: 'unavailable' };
  const failed = result.checks.filter((c) => c.status === 'fail');
  if (failed.length > 0) return { state: 'failed', count: failed.length };
  const warnings = result.checks.filter((c) => c.status === 'warn');
  if (warnings.length > 0)
    return {
      state: 'warnings',
      count: warnings.length,
      key: JSON.stringify(warnings.map((c) => [c.id, c.detail])),
    };
  return { state: 'passed' };
}

/**
 * "部署前检查": checks that the chosen resources can work together, run when the review step
 * opens and again when the parameters change, grouped, each with what to do about it.
 */
export default function PreflightChecklist({ request, secretKeys, onGateChange }: PreflightChecklistProps) {
  const { t, locale } = usePageT();
  const { token } = theme.useToken();
  const checked = useDebouncedValue(request, PREFLIGHT_DELAY_MS);
  const settling = JSON.stringify(checked) !== JSON.stringify(request);
  const run = usePreflight(checked, locale, secretKeys);
  const recheck = useRecheckPreflight(checked, locale, secretKeys);
  const [fixing, setFixing] = useState<WhitelistFix | null>(null);

  const data = run.data;
  // Asking again for a running live probe is not "checking again": the list stays as it is.
  const livePending = !run.isPlaceholderData && (data?.checks.some((c) => c.status === 'running') ?? false);
  const running = settling || recheck.isPending || (run.isFetching && !livePending);
  // An error of an older run while a newer one is going is not this run's answer.
  const gate = gateOf(run.isPlaceholderData ? undefined : data, running, run.isError);
  const gateKey = JSON.stringify(gate);
  useEffect(() => {
    onGateChange(JSON.parse(gateKey) as ChecklistGate);
  }, [gateKey, onGateChange]);

  const muted = { color: token.colorTextSecondary, fontSize: 12 };

  return (
    <Panel id="section-preflight" title={t('preflight.title')}>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 12,
          marginBottom: 16,
        }}
      >
        <div aria-live="polite" aria-busy={running} data-testid="preflight-summary">
          {running ? (
            <span style={{ color: token.colorTextSecondary }}>
              <Spin size="small" /> {data ? t('preflight.rerunning') : t('preflight.running')}
            </span>
          ) : data && !run.isError ? (
            <>
              <strong data-testid="preflight-summary-text">{summaryText(data.checks, t)}</strong>
              <div style={muted} data-time={data.checkedAt}>
                {t('preflight.ran', {
                  time: new Date(data.checkedAt).toLocaleTimeString(locale),
                  seconds: (data.durationMs / 1000).toFixed(1),
                })}
              </div>
            </>
          ) : null}
        </div>
        <Button icon={<ReloadIcon />} onClick={() => recheck.mutate()} disabled={running}>
          {t('preflight.checkAgain')}
        </Button>
      </div>
      {recheck.isError && !running ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('preflight.failedToRun', { message: errorMessage(recheck.error, locale) })} description={<CloudAnswer error={recheck.error} />}
        />
      ) : null}
      {run.isError && !running ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('preflight.failedToRun', { message: errorMessage(run.error, locale) })} description={<CloudAnswer error={run.error} />}
        />
      ) : null}
      {data ? (
        <div style={{ opacity: running ? 0.55 : 1, transition: 'opacity .2s' }}>
          <CheckGroups checks={data.checks} onFix={setFixing} busy={running} />
        </div>
      ) : null}
      {fixing ? (
        <WhitelistFixDialog
          fix={fixing}
          regionId={checked.regionId}
          clusterId={checked.parameters.clusterId}
          onClose={() => setFixing(null)}
        />
      ) : null}
    </Panel>
  );
}

function CheckGroups({
  checks,
  onFix,
  busy,
}: {
  checks: PreflightCheck[];
  onFix: (fix: WhitelistFix) => void;
  busy: boolean;
}) {
  const { t } = usePageT();
  const { token } = theme.useToken();
  return (
    <>
      {CHECK_GROUPS.map((group) => {
        const rows = checks.filter((c) => c.group === group);
        if (rows.length === 0) return null;
        const headingId = `preflight-group-${group}`;
        const problems = rows.filter((c) => c.status !== 'pass').length;
        // Passing groups are collapsed to one line; failures and warnings stay open. The key
        // re-opens (or closes) a group whose outcome changed.
        return (
          <details
            key={`${group}-${problems > 0 ? 'open' : 'passed'}`}
            open={problems > 0}
            data-testid={headingId}
            style={{ marginBottom: 12 }}
          >
            <summary style={{ cursor: 'pointer', padding: '4px 0' }}>
              <h3
                id={headingId}
                style={{
                  display: 'inline',
                  margin: 0,
                  fontSize: token.fontSize,
                  fontWeight: 600,
                  color: token.colorTextHeading,
                }}
              >
                {t(`preflight.group.${group}`)}
              </h3>
              {problems === 0 ? (
                <span style={{ marginInlineStart: 8, color: token.colorSuccessText }}>{t('preflight.group.allPassed', { count: rows.length })}</span>
              ) : null}
            </summary>
            <ul aria-labelledby={headingId} style={{ listStyle: 'none', margin: '4px 0 0', padding: 0 }}>
              {rows.map((check) => (
                <CheckRow key={check.id} check={check} onFix={onFix} busy={busy} />
              ))}
            </ul>
          </details>
        );
      })}
    </>
  );
}

function CheckRow({
  check,
  onFix,
  busy,
}: {
  check: PreflightCheck;
  onFix: (fix: WhitelistFix) => void;
  busy: boolean;
}) {
  const { t, l } = usePageT();
  const { token } = theme.useToken();
  const titleId = `preflight-check-${check.id}`;
  const fieldDef = check.field && check.status !== 'pass' ? HA_EXISTING_TEMPLATE.fields[check.field as ParameterName] : undefined;
  const fix = check.status === 'pass' ? undefined : check.fix;
  return (
    <li
      aria-labelledby={titleId}
      data-testid={`check-${check.id}`}
      data-status={check.status}
      style={{
        display: 'grid',
        gridTemplateColumns: '88px 1fr',
        gap: '2px 12px',
        padding: '8px 0',
        borderTop: `1px solid ${token.colorSplit}`,
      }}
    >
      <StatusLabel
        tone={TONES[check.status]}
        status={check.status}
        text={t(`preflight.status.${check.status}`)}
      />
      <div style={{ minWidth: 0 }}>
        <div id={titleId} style={{ fontWeight: 500 }}>
          {check.title}
        </div>
        <div style={{ color: token.colorTextSecondary, wordBreak: 'break-word' }}>
          {check.status === 'running' ? <Spin size="small" style={{ marginRight: 6 }} /> : null}
          {check.detail}
        </div>
        {check.evidence ? (
          // The cloud's or the cluster's own words, verbatim: not translated.
          <code data-testid={`check-evidence-${check.id}`} style={{ display: 'block', fontSize: 12, color: token.colorTextSecondary, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {check.evidence}
          </code>
        ) : null}
        {fieldDef ? (
          <div data-testid={`check-field-${check.id}`} style={{ marginTop: 4, fontWeight: 500 }}>
            {t('preflight.field', { field: l(fieldDef.label) })}
          </div>
        ) : null}
        {fix?.kind === 'link' ? (
          <a
            href={fix.url}
            target="_blank"
            rel="noopener noreferrer"
            title={t('picker.opensNewTab')}
            style={{ display: 'inline-flex', alignItems: 'center', gap: 4, marginTop: 4 }}
          >
            {fix.label}
            <ExternalLinkIcon />
          </a>
        ) : null}
        {fix?.kind === 'whitelist' ? (
          <Button size="small" style={{ marginTop: 6 }} disabled={busy} onClick={() => onFix(fix)}>
            {t('preflight.fix.whitelist')}
          </Button>
        ) : null}
      </div>
    </li>
  );
}
