import type { HTMLAttributes, ReactNode } from 'react';
import { Alert, Button, Spin, Table, theme } from 'antd';
import type { z } from 'zod';
import type { PolicyStatusSchema, Prerequisites } from '@dify-console/shared/api/preflight';
import { ExternalLinkIcon, ReloadIcon } from '../../../components/icons';
import { Panel } from '../../../components/panel';
import { errorMessage } from '../../../lib/api-client';
import { usePageT, type PageTFunction } from '../../../lib/i18n/use-page-t';
import { usePrerequisites } from '../api/get-prerequisites';
import { StatusLabel, type Tone } from './status-label';

type Policy = z.infer<typeof PolicyStatusSchema>;
type Identity = Prerequisites['identity'];

const TONES: Record<Policy['status'], Tone> = {
  granted: 'success',
  missing: 'error',
  unknown: 'warning',
  notNeeded: 'neutral',
};

/** Where the identity's policies are granted: RAM users (and their groups), or roles. */
export function ramConsoleUrl(identity: Identity): string {
  return identity.type === 'AssumedRoleUser'
    ? 'https://ram.console.aliyun.com/roles'
    : 'https://ram.console.aliyun.com/users';
}

/** `user`, `group:<name>`, `AdministratorAccess` in words; anything else as it came. */
export function viaText(via: string | null, t: PageTFunction): string {
  if (via === null || via === '') return t('prerequisites.via.none');
  if (via === 'user') return t('prerequisites.via.user');
  if (via === 'AdministratorAccess') return t('prerequisites.via.admin');
  if (via.startsWith('group:'))
    return t('prerequisites.via.group', { name: via.slice('group:'.length) });
  return via;
}

/**
 * "前提条件": who the console acts as, and the guide's RAM policies with the caller's status in
 * each (only a RAM user needs them). Loaded lazily.
 */
export function PrerequisitesPage() {
  const { t, locale } = usePageT();
  const { token } = theme.useToken();
  const prerequisites = usePrerequisites(locale);
  const data = prerequisites.data;

  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 8 }}>
        <h1
          style={{
            margin: 0,
            flex: 1,
            fontSize: token.fontSizeHeading3,
            color: token.colorTextHeading,
          }}
        >
          {t('prerequisites.title')}
        </h1>
        <Button
          icon={<ReloadIcon />}
          onClick={() => void prerequisites.refetch()}
          disabled={prerequisites.isFetching}
        >
          {t('prerequisites.refresh')}
        </Button>
      </div>
      <p style={{ margin: '0 0 20px', color: token.colorTextSecondary }}>
        {t('prerequisites.intro')}
      </p>
      {prerequisites.isPending ? (
        <div aria-busy="true" style={{ padding: '16px 0', color: token.colorTextSecondary }}>
          <Spin size="small" /> {t('prerequisites.loading')}
        </div>
      ) : null}
      {prerequisites.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('prerequisites.loadFailed', {
            message: errorMessage(prerequisites.error, locale),
          })}
        />
      ) : null}
      {data ? <PrerequisitesBody data={data} /> : null}
    </div>
  );
}

function PrerequisitesBody({ data }: { data: Prerequisites }) {
  const { t } = usePageT();
  const { token } = theme.useToken();
  const { identity, policies, note } = data;
  const missing = policies.filter((p) => p.status === 'missing').length;
  const isRoot = identity.type === 'Account';

  const row = (key: string, label: string, value: ReactNode) => (
    <div key={key} style={{ display: 'contents' }} data-testid={`identity-${key}`}>
      <dt style={{ color: token.colorTextSecondary }}>{label}</dt>
      <dd style={{ margin: 0, wordBreak: 'break-all' }}>{value}</dd>
    </div>
  );

  return (
    <>
      <Panel id="section-identity" title={t('prerequisites.identity')}>
        <dl
          style={{
            display: 'grid',
            gridTemplateColumns: 'minmax(120px, 180px) 1fr',
            gap: '6px 16px',
            margin: '0 0 20px',
          }}
        >
          {row(
            'type',
            t('prerequisites.identity.type'),
            t(`prerequisites.identity.${identity.type}`),
          )}
          {identity.userName
            ? row('userName', t('prerequisites.identity.userName'), identity.userName)
            : null}
          {row('accountId', t('prerequisites.identity.accountId'), identity.accountId)}
          {row('arn', t('prerequisites.identity.arn'), <code>{identity.arn}</code>)}
        </dl>
      </Panel>
      <Panel id="section-policies" title={t('prerequisites.policies')}>
        {note ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={note}
            data-testid="prerequisites-note"
          />
        ) : null}
        {isRoot ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('prerequisites.rootNote')}
          />
        ) : missing > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('prerequisites.missing', { count: missing })}
          />
        ) : policies.length > 0 &&
          policies.every((p) => p.status === 'granted' || p.status === 'notNeeded') ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('prerequisites.allGranted')}
          />
        ) : null}
        <Table<Policy>
          size="small"
          rowKey="name"
          pagination={false}
          scroll={{ x: true }}
          dataSource={policies}
          onRow={(p) =>
            ({
              'data-testid': `policy-${p.name}`,
              'data-status': p.status,
            }) as HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              key: 'name',
              title: t('prerequisites.col.name'),
              render: (_, p) => <code>{p.name}</code>,
            },
            { key: 'purpose', title: t('prerequisites.col.purpose'), dataIndex: 'purpose' },
            {
              key: 'status',
              title: t('prerequisites.col.status'),
              render: (_, p) => (
                <StatusLabel
                  tone={TONES[p.status]}
                  status={p.status}
                  text={t(`prerequisites.status.${p.status}`)}
                />
              ),
            },
            { key: 'via', title: t('prerequisites.col.via'), render: (_, p) => viaText(p.via, t) },
          ]}
        />
        <p style={{ margin: '16px 0 20px' }}>
          <a
            href={ramConsoleUrl(identity)}
            target="_blank"
            rel="noopener noreferrer"
            title={t('picker.opensNewTab')}
            style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
          >
            {t('prerequisites.ramConsole')}
            <ExternalLinkIcon />
          </a>
        </p>
      </Panel>
    </>
  );
}
