import { theme } from 'antd';
import { ApiError } from '../lib/api-client';
import { useT } from '../lib/i18n/use-t';

/** The cloud's own answer as an alert's description, or nothing (so an alert without one keeps its plain form). */
export const cloudAnswerOf = (error: unknown) => (error instanceof ApiError && error.evidence ? <CloudAnswer error={error} /> : undefined);

/**
 * The cloud's own answer to a failed call, verbatim and not translated (its `Message`, often
 * English), apart from the sentence in the user's language: folded away under "the cloud's
 * answer" (Nacos's, for the MCP registry's `Mcp.*` errors), as a code line, like the health checks'
 * evidence. Nothing when the cloud said nothing.
 */
export function CloudAnswer({ error }: { error: unknown }) {
  const { t } = useT();
  const { token } = theme.useToken();
  if (!(error instanceof ApiError) || !error.evidence) return null;
  return (
    <details data-testid="cloud-answer" style={{ marginTop: 4, fontSize: 12 }}>
      <summary style={{ cursor: 'pointer', color: token.colorTextSecondary }}>{t(error.code.startsWith('Mcp.') ? 'error.nacosAnswer' : 'error.cloudAnswer')}</summary>
      <code style={{ display: 'block', whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginTop: 4 }}>{error.evidence}</code>
    </details>
  );
}
