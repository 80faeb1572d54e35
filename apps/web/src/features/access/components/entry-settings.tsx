import { theme } from 'antd';
import type { PageMessageKey } from '../../../lib/i18n/pages.zh-CN';
import { usePageT } from '../../../lib/i18n/use-page-t';

export interface EntrySettingsProps {
  /** The annotations as applied (from the access state), or null before this way is applied. */
  applied: Record<string, string> | null;
  /** What will be applied, said in words, while nothing is applied yet. */
  planned: PageMessageKey[];
  /** One line: why Dify needs these settings. */
  why: PageMessageKey;
}

/** "将应用的设置 / 已应用的设置": the Dify-aware settings of one way, in the same words, and why they matter. */
export function EntrySettings({ applied, planned, why }: EntrySettingsProps) {
  const { t } = usePageT();
  const { token } = theme.useToken();
  const entries = applied ? Object.entries(applied).sort(([a], [b]) => a.localeCompare(b)) : [];
  return (
    <div style={{ fontSize: 12, color: token.colorTextSecondary, margin: '12px 0' }}>
      <div style={{ fontWeight: 600, color: token.colorText, marginBottom: 4 }}>
        {t(applied ? 'access.settings.applied' : 'access.settings.toApply')}
      </div>
      {/* The same words before and after: what was applied is what was announced; the exact
          annotations, as the cluster holds them, below on demand. */}
      <ul style={{ margin: '0 0 4px', paddingInlineStart: 18 }}>
        {planned.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <div>{t(why)}</div>
      {entries.length > 0 ? (
        <details style={{ marginTop: 4 }}>
          <summary style={{ cursor: 'pointer' }}>{t('access.settings.annotations')}</summary>
          <pre style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{entries.map(([k, v]) => `${k}: ${v}`).join('\n')}</pre>
        </details>
      ) : null}
    </div>
  );
}
