import { useState, type ReactNode } from 'react';
import { Alert, Button, Progress, Spin, Table, Tag, theme } from 'antd';
import { useMessage } from '../../../lib/feedback/message';
import { Link } from '../../../lib/router';
import type { DeploymentDetail as Detail, DeploymentPhase } from '@dify-console/shared/api/deployments';
import { regionName } from '@dify-console/shared/domain/regions';
import { findTemplate, HA_EXISTING_TEMPLATE } from '@dify-console/shared/template/templates';
import { Panel } from '../../../components/panel';
import { errorMessage } from '../../../lib/api-client';
import { usePageT } from '../../../lib/i18n/use-page-t';
import { useDeployment } from '../api/get-deployment';
import { useDeploymentEvents } from '../api/watch-deployment';
import type { DeploymentSlots } from '../slots';
import { DeleteDeployment } from './delete-deployment';
import { ExportBundle } from './export-bundle';
import { DeploymentLogs } from './deployment-logs';
import { DeploymentParameters } from './deployment-parameters';
import { PhaseTimeline } from './phase-timeline';
import { StatusTag } from './status-tag';
import { CloudAnswer } from '../../../components/cloud-answer';

/** The last part of an ARN: the resource's own id. */
const resourceId = (arn: string) => arn.split('/').at(-1) ?? arn;

/** Where a failed deployment stopped, from how far it had come. */
const stoppedAt = (progress: number): DeploymentPhase => (progress < 20 ? 'validating' : progress < 80 ? 'installing' : 'starting');

export interface DeploymentDetailProps {
  instanceId: string;
  /** "返回修改参数": reopen the form with this deployment's values. */
  onEditParameters: (deployment: Detail) => void;
  /** Sections of other features: the access entry (shown once Deployed). */
  slots: DeploymentSlots;
}

/**
 * One deployment, live: the first answer comes from GET, then the event stream keeps status,
 * progress and logs current until a final status. A reload or another browser starts the same way.
 */
export function DeploymentDetail({ instanceId, onEditParameters, slots }: DeploymentDetailProps) {
  const { t, l, locale } = usePageT();
  const { token } = theme.useToken();
  const message = useMessage();
  const [session, setSession] = useState(0);
  const stream = useDeploymentEvents(instanceId, locale, session);
  const query = useDeployment(instanceId, locale, { poll: stream.state === 'closed' });
  const d = query.data;

  if (!d) {
    return query.isError ? (
      <Alert
        type="error"
        showIcon
        title={t('deployment.loadFailed', { message: errorMessage(query.error, locale) })} description={<CloudAnswer error={query.error} />}
        action={
          <Button size="small" onClick={() => void query.refetch()}>
            {t('deployment.retry')}
          </Button>
        }
      />
    ) : (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }

  const template = findTemplate(d.templateName) ?? HA_EXISTING_TEMPLATE;
  const labelOf = (field: string) =>
    Object.hasOwn(template.fields, field) ? l(template.fields[field as keyof typeof template.fields].label) : field;
  const removed = d.status === 'Deleted' || d.status === 'Deleting';
  // What a failed instance keeps, and pays for, until it is deleted.
  const billed = d.failure ? d.resources.filter((r) => r.billed) : [];
  const copy = async (key: string, value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      void message.success(t('deployment.copied'));
    } catch {
      void message.error(t('deployment.copyFailed'));
    }
  };

  return (
    <div>
      <div style={{ marginBottom: 8 }}>
        <Link to="/deployments">← {t('deployment.backToList')}</Link>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginBottom: 16 }}>
        <h1 style={{ margin: 0, fontSize: token.fontSizeHeading3, color: token.colorTextHeading }}>{d.name}</h1>
        <StatusTag status={d.status} />
        <span role="status" style={{ fontSize: 12, color: token.colorTextSecondary }}>
          {stream.state === 'reconnecting' ? <Tag color="warning">{t('deployment.reconnecting')}</Tag> : null}
          {stream.state === 'live' ? t('deployment.live') : null}
        </span>
        <span style={{ flex: 1 }} />
        {!removed ? <ExportBundle instanceId={d.instanceId} /> : null}
        {!removed ? <DeleteDeployment instanceId={d.instanceId} name={d.name} onDeleted={() => setSession((s) => s + 1)} /> : null}
      </div>
      <dl style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 24px', margin: '0 0 16px', color: token.colorTextSecondary }}>
        {(
          [
          [t('deployment.instanceId'), d.instanceId],
          [t('deployment.region'), regionName(d.regionId, locale)],
          [t('deployment.template'), l(template.label)],
          [t('deployment.serviceVersion'), d.serviceVersion || t('review.none')],
          [t('deployment.createdAt'), <time dateTime={d.createdAt}>{new Date(d.createdAt).toLocaleString(locale)}</time>],
          ] as [string, ReactNode][]
        ).map(([k, v]) => (
          <div key={k} style={{ display: 'flex', gap: 6 }}>
            <dt>{k}</dt>
            <dd style={{ margin: 0, color: token.colorText }}>{v}</dd>
          </div>
        ))}
      </dl>

      {stream.serverError ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('deployment.streamError', { message: stream.serverError })} />
      ) : null}
      {d.status === 'Deleted' ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('deployment.deleted')} /> : null}

      {d.failure ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={d.failure.title}
          description={
            <div data-testid="deployment-failure">
              <p style={{ margin: '4px 0' }}>
                <strong>{t('deployment.labelled', { label: t('deployment.failureAction') })}</strong>
                {d.failure.action}
              </p>
              {d.failure.fields.length > 0 ? (
                <p style={{ margin: '4px 0' }}>
                  {t('deployment.failureFields', { fields: d.failure.fields.map(labelOf).join(t('map.summary.listSeparator')) })}
                </p>
              ) : null}
              <p style={{ margin: '4px 0', fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-word' }}>
                {t('deployment.labelled', { label: t('deployment.failureDetail') })}
                <span translate="no">{d.failure.detail}</span>
              </p>
              {billed.length > 0 ? (
                <div data-testid="failure-billed" style={{ margin: '8px 0 0' }}>
                  <p style={{ margin: '4px 0' }}>
                    <strong>{t('deployment.failureBilled', { count: billed.length })}</strong>
                  </p>
                  <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
                    {billed.map((r) => (
                      <li key={r.arn}>
                        {r.typeLabel} <code style={{ wordBreak: 'break-all' }}>{resourceId(r.arn)}</code>
                      </li>
                    ))}
                  </ul>
                  <p style={{ margin: '4px 0' }}>{t('deployment.failureBilledAction')}</p>
                </div>
              ) : null}
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }}>
                <Button type="primary" onClick={() => onEditParameters(d)}>
                  {t('deployment.editParameters')}
                </Button>
                {billed.length > 0 && !removed ? (
                  <DeleteDeployment instanceId={d.instanceId} name={d.name} label={t('deployment.deleteToStopBilling')} onDeleted={() => setSession((s) => s + 1)} />
                ) : null}
              </div>
            </div>
          }
        />
      ) : null}

      <Panel id="section-progress" title={t('deployment.progress')}>
        <Progress
          percent={d.progress}
          status={d.phase === 'failed' ? 'exception' : d.phase === 'ready' ? 'success' : removed ? 'normal' : 'active'}
          aria-label={t('deployment.progress')}
        />
        <div style={{ margin: '16px 0' }}>
          <PhaseTimeline phase={d.phase} failedAt={stoppedAt(d.progress)} />
        </div>
        {d.statusDetail && !d.failure ? (
          <p style={{ color: token.colorTextSecondary, margin: '0 0 16px', wordBreak: 'break-word' }}>
            {t('deployment.labelled', { label: t('deployment.statusDetail') })}
            {d.statusDetail}
          </p>
        ) : null}
      </Panel>

      {d.status === 'Deployed' || d.status === 'DeployedFailed' ? <slots.Health instanceId={d.instanceId} /> : null}

      {d.status === 'Deployed' ? (
        <slots.AccessEntry instanceId={d.instanceId} highAvailability={d.parameters.highAvailability === true} />
      ) : null}

      <Panel id="section-logs" title={t('deployment.logs')}>
        <DeploymentLogs entries={stream.logs} />
      </Panel>

      <Panel id="section-outputs" title={t('deployment.outputs')}>
        {d.outputs.length === 0 ? (
          <p style={{ color: token.colorTextSecondary, margin: '0 0 20px' }}>{t('deployment.outputsEmpty')}</p>
        ) : (
          <dl style={{ display: 'grid', gridTemplateColumns: 'minmax(140px, 220px) 1fr auto', gap: '8px 16px', margin: '0 0 20px', alignItems: 'center' }}>
            {d.outputs.map((o) => (
              <div key={o.key} style={{ display: 'contents' }}>
                <dt style={{ color: token.colorTextSecondary }}>{o.label}</dt>
                <dd style={{ margin: 0, fontFamily: o.manualAccess ? undefined : 'monospace', wordBreak: 'break-all' }}>
                  {o.manualAccess && d.status === 'Deployed' ? (
                    <slots.AccessOutputNote instanceId={d.instanceId} />
                  ) : /^https?:\/\//.test(o.value) ? (
                    <a href={o.value} target="_blank" rel="noopener noreferrer">
                      {o.value}
                    </a>
                  ) : (
                    o.value
                  )}
                </dd>
                <Button size="small" aria-label={t('deployment.copy', { key: o.label })} onClick={() => void copy(o.key, o.value)}>
                  {t('deployment.copy', { key: '' }).trim()}
                </Button>
              </div>
            ))}
          </dl>
        )}
      </Panel>

      <Panel id="section-resources" title={t('deployment.resources')}>
        <Table
          size="small"
          rowKey="arn"
          pagination={false}
          style={{ marginBottom: 20 }}
          scroll={{ x: true }}
          locale={{ emptyText: t('deployment.resourcesEmpty') }}
          dataSource={d.resources}
          columns={[
            { key: 'type', title: t('deployment.col.type'), dataIndex: 'typeLabel' },
            { key: 'arn', title: t('deployment.col.arn'), dataIndex: 'arn', render: (v: string) => <code style={{ wordBreak: 'break-all' }}>{v}</code> },
            { key: 'status', title: t('deployment.col.status'), dataIndex: 'statusLabel' },
            {
              key: 'billed',
              title: t('deployment.col.billed'),
              dataIndex: 'billed',
              render: (v: boolean) => (v ? t('deployment.billedYes') : t('deployment.billedNo')),
            },
          ]}
        />
      </Panel>

      <Panel id="section-parameters" title={t('deployment.parameters')}>
        <DeploymentParameters templateName={d.templateName} parameters={d.parameters} templateParameters={d.templateParameters} />
      </Panel>
    </div>
  );
}
