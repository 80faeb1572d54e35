import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button } from 'antd';
import { PartLoadError, retryFailedParts } from '../lib/lazy-part';
import { useT } from '../lib/i18n/use-t';

interface Props {
  children: ReactNode;
  /** When it changes (e.g. another page is opened), a failure shown is forgotten. */
  resetKey?: unknown;
  /** Shown nothing in its place on failure (a part the page works without, e.g. the notices' holder). */
  silent?: boolean;
  /** What the user entered lives outside the boundary (e.g. the wizard's form): the failure says it is kept. */
  keepsEntries?: boolean;
  /** A way back to what the user entered (the wizard's step 1), offered with the failure. */
  onBack?: () => void;
}

/**
 * Keeps a failure inside the part that failed: what surrounds it (the form and what was typed,
 * the header) stays. A part that did not load says so in the user's language, with a retry (it
 * loads anew) and a reload of the page (the way out when the console was updated meanwhile); any
 * other failure says what went wrong and offers the reload.
 */
export class LoadBoundary extends Component<Props, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    // The browser's console is where a developer looks; the page says it in words.
    console.error(error, info.componentStack);
  }

  override componentDidUpdate(previous: Props) {
    if (this.state.error !== null && !Object.is(previous.resetKey, this.props.resetKey)) this.retry();
  }

  private readonly retry = () => {
    retryFailedParts();
    this.setState({ error: null });
  };

  /** Back to the entries; the failed part loads anew when it is next shown. */
  private readonly back = () => {
    retryFailedParts();
    this.props.onBack?.();
  };

  override render() {
    if (this.state.error === null) return this.props.children;
    if (this.props.silent) return null;
    return <LoadFailure error={this.state.error} keepsEntries={this.props.keepsEntries ?? false} onRetry={this.retry} onBack={this.props.onBack ? this.back : undefined} />;
  }
}

function LoadFailure({ error, keepsEntries, onRetry, onBack }: { error: unknown; keepsEntries: boolean; onRetry: () => void; onBack: (() => void) | undefined }) {
  const { t } = useT();
  const notLoaded = error instanceof PartLoadError;
  return (
    <Alert
      type={notLoaded ? 'warning' : 'error'}
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t(notLoaded ? 'load.failed' : 'load.crashed')}
      description={
        <>
          {keepsEntries ? <div>{t('load.kept')}</div> : null}
          <div>{t(notLoaded ? 'load.failedHint' : 'load.crashedHint')}</div>
          {notLoaded ? null : <code style={{ display: 'block', marginTop: 4, fontSize: 12, wordBreak: 'break-word' }}>{error instanceof Error ? error.message : String(error)}</code>}
        </>
      }
      action={
        <div style={{ display: 'flex', gap: 8 }}>
          {notLoaded ? (
            <Button size="small" type="primary" onClick={onRetry}>
              {t('load.retry')}
            </Button>
          ) : null}
          {onBack ? (
            <Button size="small" onClick={onBack}>
              {t('load.back')}
            </Button>
          ) : null}
          <Button size="small" onClick={() => window.location.reload()}>
            {t('load.reload')}
          </Button>
        </div>
      }
    />
  );
}
