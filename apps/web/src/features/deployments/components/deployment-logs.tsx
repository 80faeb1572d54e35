import { useEffect, useRef } from 'react';
import { theme } from 'antd';
import type { LogEntry } from '@dify-console/shared/api/deployments';
import { usePageT } from '../../../lib/i18n/use-page-t';

/** Close enough to the bottom to follow new lines (the user has not scrolled up to read). */
const FOLLOW_SLACK_PX = 24;

/** The deployment's log, oldest first, following new lines unless the user scrolled up. */
export function DeploymentLogs({ entries }: { entries: LogEntry[] }) {
  const { t, locale } = usePageT();
  const { token } = theme.useToken();
  const box = useRef<HTMLDivElement>(null);
  const follow = useRef(true);

  useEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [entries]);

  const time = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString(locale, { hour12: false });
  };

  return (
    <div
      ref={box}
      role="log"
      aria-label={t('deployment.logs')}
      aria-live="polite"
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_SLACK_PX;
      }}
      style={{
        height: 320,
        overflow: 'auto',
        margin: '0 0 20px',
        padding: '8px 12px',
        borderRadius: token.borderRadius,
        background: token.colorFillQuaternary,
        border: `1px solid ${token.colorBorderSecondary}`,
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        fontSize: 12,
        lineHeight: 1.6,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
      }}
    >
      {entries.length === 0 ? (
        <span style={{ color: token.colorTextTertiary }}>{t('deployment.logsEmpty')}</span>
      ) : (
        entries.map((e, i) => (
          <div key={`${e.timestamp}-${i}`} data-testid="log-line">
            <time dateTime={e.timestamp} style={{ color: token.colorTextTertiary }}>{time(e.timestamp)} </time>
            {e.status ? <span style={{ color: /fail|error/i.test(e.status) ? token.colorError : token.colorTextSecondary }}>[{e.status}] </span> : null}
            <span>{e.content}</span>
          </div>
        ))
      )}
    </div>
  );
}
