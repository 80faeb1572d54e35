import { regionName } from '@dify-console/shared/domain/regions';
import { Alert, Button, Empty, Progress, Table, theme } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '../../../lib/router';
import type { DeploymentSummary } from '@dify-console/shared/api/deployments';
import { ReloadIcon } from '../../../components/icons';
import { errorMessage } from '../../../lib/api-client';
import { usePageT } from '../../../lib/i18n/use-page-t';
import { deploymentsQueryOptions, useDeployments } from '../api/list-deployments';
import { StatusTag } from './status-tag';
import { CloudAnswer } from '../../../components/cloud-answer';

/** The account's deployments: name (link), status, progress, region, created time. */
export function DeploymentList() {
  const { t, locale } = usePageT();
  const { token } = theme.useToken();
  const client = useQueryClient();
  const list = useDeployments(locale);
  const refresh = () =>
    void client.fetchQuery({ ...deploymentsQueryOptions(locale, { refresh: true }), staleTime: 0 }).catch(() => undefined);

  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 16 }}>
        <h1 style={{ margin: 0, flex: 1, fontSize: token.fontSizeHeading3, color: token.colorTextHeading }}>{t('deployments.title')}</h1>
        <Button icon={<ReloadIcon />} onClick={refresh} disabled={list.isFetching}>
          {t('deployments.refresh')}
        </Button>
      </div>
      {list.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('deployments.loadFailed', { message: errorMessage(list.error, locale) })} description={<CloudAnswer error={list.error} />}
          action={
            <Button size="small" onClick={() => void list.refetch()}>
              {t('deployments.retry')}
            </Button>
          }
        />
      ) : null}
      <Table<DeploymentSummary>
        rowKey="instanceId"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        locale={{
          emptyText: list.isPending ? ' ' : (
            <Empty description={t('deployments.empty')}>
              <Link to="/">{t('deployments.deployNow')}</Link>
            </Empty>
          ),
        }}
        columns={[
          {
            key: 'name',
            title: t('deployments.col.name'),
            render: (_, d) => (
              <>
                <Link to={`/deployments/${encodeURIComponent(d.instanceId)}`}>{d.name}</Link>
                <div style={{ fontSize: 12, color: token.colorTextTertiary }}>{d.instanceId}</div>
              </>
            ),
          },
          { key: 'status', title: t('deployments.col.status'), render: (_, d) => <StatusTag status={d.status} /> },
          {
            key: 'progress',
            title: t('deployments.col.progress'),
            render: (_, d) => (
              <Progress
                percent={d.progress}
                size="small"
                style={{ minWidth: 120, margin: 0 }}
                status={d.phase === 'failed' ? 'exception' : d.phase === 'ready' ? 'success' : 'normal'}
                aria-label={`${t('deployments.col.progress')} ${d.name}`}
              />
            ),
          },
          { key: 'region', title: t('deployments.col.region'), render: (_, d) => <span title={d.regionId}>{regionName(d.regionId, locale)}</span> },
          {
            key: 'createdAt',
            title: t('deployments.col.createdAt'),
            render: (_, d) => <time dateTime={d.createdAt}>{new Date(d.createdAt).toLocaleString(locale)}</time>,
          },
        ]}
      />
    </div>
  );
}
