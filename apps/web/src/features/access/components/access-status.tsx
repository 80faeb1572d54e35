import type { ReactNode } from 'react';
import { Alert, Button, Spin, theme } from 'antd';
import { useMessage } from '../../../lib/feedback/message';
import type { AccessState } from '@dify-console/shared/api/access';
import { ExternalLinkIcon } from '../../../components/icons';
import { usePageT } from '../../../lib/i18n/use-page-t';
import { CheckStatus } from './check-status';

/** "负载均衡（公网）" / "Ingress（dify.example.com）": the way in use, with its main setting. */
export function useKindText() {
  const { t } = usePageT();
  return (access: Pick<AccessState, 'kind' | 'settings'>) => {
    if (access.kind === 'loadBalancer')
      return t('access.kindWith', {
        kind: t('access.kind.loadBalancer'),
        detail: t(access.settings.addressType === 'intranet' ? 'access.lb.intranet' : 'access.lb.internet'),
      });
    if (access.kind === 'ingress')
      return access.settings.host
        ? t('access.kindWith', { kind: t('access.kind.ingress'), detail: access.settings.host })
        : t('access.kind.ingress');
    return t('access.kind.none');
  };
}

/**
 * "当前入口": the way in use and where it stands (pending, ready, failed), its address, the URL to
 * open with a copy button, the hosts line for a domain, and the checks run through the entry.
 */
export function AccessStatus({ access }: { access: AccessState }) {
  const { t, locale } = usePageT();
  const { token } = theme.useToken();
  const message = useMessage();
  const kindText = useKindText();

  const copy = async (value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      void message.success(t('deployment.copied'));
    } catch {
      void message.error(t('deployment.copyFailed'));
    }
  };

  const stateColor = {
    none: token.colorTextSecondary,
    pending: token.colorText,
    ready: token.colorSuccessText,
    failed: token.colorErrorText,
  }[access.state];
  const ip = access.hostsLine?.split(' ')[0] ?? '';
  const address = access.address?.ip ?? access.address?.hostname ?? null;
  // A host name address (a network load balancer) is reached through a CNAME, never a fixed IP.
  const cname =
    access.settings.host && !access.address?.ip && access.address?.hostname
      ? { host: access.settings.host, target: access.address.hostname }
      : null;

  const row = (label: string, value: ReactNode) => (
    <div style={{ display: 'contents' }}>
      <dt style={{ color: token.colorTextSecondary }}>{label}</dt>
      <dd style={{ margin: 0, minWidth: 0 }}>{value}</dd>
    </div>
  );

  return (
    <div data-testid="access-status" style={{ marginBottom: 16 }}>
      <h3 style={{ margin: '0 0 8px', fontSize: token.fontSize, fontWeight: 600 }}>{t('access.current')}</h3>
      <dl style={{ display: 'grid', gridTemplateColumns: 'minmax(96px, 140px) 1fr', gap: '8px 16px', margin: '0 0 12px', alignItems: 'center' }}>
        {row(t('access.kind'), kindText(access))}
        {row(
          t('access.state'),
          <span role="status" data-state={access.state} style={{ display: 'inline-flex', alignItems: 'center', gap: 8, color: stateColor, fontWeight: 500 }}>
            {access.state === 'pending' ? <Spin size="small" /> : null}
            {t(`access.state.${access.state}`)}
          </span>,
        )}
        {address ? row(t('access.address'), <code style={{ wordBreak: 'break-all' }}>{address}</code>) : null}
        {access.url
          ? row(
              t('access.url'),
              <span style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
                <code data-testid="access-url" style={{ wordBreak: 'break-all' }}>
                  {access.url}
                </code>
                <Button size="small" onClick={() => void copy(access.url ?? '')}>
                  {t('access.copyUrl')}
                </Button>
                <Button size="small" type="primary" href={access.url} target="_blank" rel="noopener noreferrer" icon={<ExternalLinkIcon />} iconPlacement="end">
                  {t('access.openInstall')}
                </Button>
              </span>,
            )
          : null}
        {cname
          ? row(
              t('access.cname'),
              <span style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
                <code data-testid="access-cname">{`${cname.host} CNAME ${cname.target}`}</code>
                <Button size="small" onClick={() => void copy(cname.target)}>
                  {t('access.copyCname')}
                </Button>
              </span>,
            )
          : null}
        {access.hostsLine
          ? row(
              t('access.hostsLine'),
              <span style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
                <code data-testid="access-hosts-line">{access.hostsLine}</code>
                <Button size="small" onClick={() => void copy(access.hostsLine ?? '')}>
                  {t('access.copyHosts')}
                </Button>
              </span>,
            )
          : null}
        {access.settings.tls
          ? row(
              t('access.tls'),
              t('access.tlsValue', {
                subject: access.settings.tls.subject,
                date: new Date(access.settings.tls.notAfter).toLocaleDateString(locale),
              }),
            )
          : null}
      </dl>
      {access.hostsLine && access.settings.host ? (
        <p style={{ margin: '0 0 12px', color: token.colorTextSecondary }}>
          {t('access.hostsHint', { host: access.settings.host, ip })}
        </p>
      ) : null}
      {cname ? (
        <p style={{ margin: '0 0 12px', color: token.colorTextSecondary }}>{t('access.cnameHint', { host: cname.host, target: cname.target })}</p>
      ) : null}
      {access.reason && access.state !== 'ready' ? (
        access.state === 'failed' ? (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={access.reason} />
        ) : (
          <p style={{ margin: '0 0 12px', color: token.colorTextSecondary }}>{access.reason}</p>
        )
      ) : null}
      {access.checks.length > 0 ? (
        <>
          <h4 id="access-checks-title" style={{ margin: '0 0 6px', fontSize: token.fontSize, fontWeight: 600 }}>
            {t('access.checks')}
          </h4>
          <ul aria-labelledby="access-checks-title" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {access.checks.map((c) => (
              <li key={c.id} data-testid={`access-check-${c.id}`} style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 10px', padding: '6px 0', borderTop: `1px solid ${token.colorBorderSecondary}` }}>
                <CheckStatus status={c.status} />
                <span style={{ fontWeight: 500 }}>{c.title}</span>
                <span style={{ flexBasis: '100%', color: token.colorTextSecondary, fontSize: 12, wordBreak: 'break-word' }}>{c.detail}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
