import { useState } from 'react';
import { Alert, Button, Modal, Spin, theme } from 'antd';
import { useMessage } from '../../../lib/feedback/message';
import type { AccessRequest } from '@dify-console/shared/api/access';
import { Panel } from '../../../components/panel';
import { errorMessage } from '../../../lib/api-client';
import { usePageT } from '../../../lib/i18n/use-page-t';
import { useAccess } from '../api/get-access';
import { usePutAccess } from '../api/put-access';
import type { ApplyOutcome } from '../types';
import { AccessStatus, useKindText } from './access-status';
import { IngressOption } from './ingress-option';
import { LoadBalancerOption } from './load-balancer-option';
import { ScalingNote } from './scaling-note';
import { CloudAnswer } from '../../../components/cloud-answer';

export interface AccessEntryProps {
  instanceId: string;
  /** The deployment's `highAvailability` parameter: whether its pods scale. */
  highAvailability: boolean;
}

interface PendingSwitch {
  request: AccessRequest;
  resolve: (outcome: ApplyOutcome) => void;
}

/**
 * "访问入口" of a Deployed deployment, as the guide's "配置访问入口": the entry in use and where it
 * stands (polled until ready or failed), the two ways side by side (a load balancer, or an Ingress
 * for a domain), each applied in the cluster with Dify-aware settings, and the scaling note.
 * Applying the other way replaces the entry in use, once confirmed.
 */
export function AccessEntry({ instanceId, highAvailability }: AccessEntryProps) {
  const { t, locale } = usePageT();
  const { token } = theme.useToken();
  const message = useMessage();
  const query = useAccess(instanceId, locale);
  const put = usePutAccess(instanceId, locale);
  const kindText = useKindText();
  const [switching, setSwitching] = useState<PendingSwitch | null>(null);
  const access = query.data;
  const sendingKind = put.isPending ? put.variables?.kind : undefined;

  const send = (request: AccessRequest) =>
    new Promise<ApplyOutcome>((resolve) => {
      put.mutate(request, {
        onSuccess: () => {
          void message.success(t('access.applied'));
          resolve({ ok: true });
        },
        onError: (error) => resolve({ ok: false, error }),
        // The request may hold a private key: it is not kept once answered.
        onSettled: () => put.reset(),
      });
    });

  const apply = (request: AccessRequest): Promise<ApplyOutcome> => {
    if (access && access.kind !== 'none' && access.kind !== request.kind) {
      return new Promise((resolve) => setSwitching({ request, resolve }));
    }
    return send(request);
  };

  const confirmSwitch = () => {
    if (!switching) return;
    setSwitching(null);
    void send(switching.request).then(switching.resolve);
  };
  const cancelSwitch = () => {
    switching?.resolve(null);
    setSwitching(null);
  };

  let body;
  if (!access) {
    body = query.isError ? (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 20 }}
        title={t('access.loadFailed', { message: errorMessage(query.error, locale) })} description={<CloudAnswer error={query.error} />}
        action={
          <Button size="small" autoInsertSpace={false} onClick={() => void query.refetch()}>
            {t('access.retry')}
          </Button>
        }
      />
    ) : (
      <div style={{ padding: 24, textAlign: 'center' }} aria-busy="true">
        <Spin />
        <div style={{ marginTop: 8, color: token.colorTextSecondary }}>{t('access.loading')}</div>
      </div>
    );
  } else {
    body = (
      <>
        <AccessStatus access={access} />
        {query.isError ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('access.refreshFailed', { message: errorMessage(query.error, locale) })} description={<CloudAnswer error={query.error} />} />
        ) : null}
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 340px), 1fr))', gap: 16, alignItems: 'start' }}>
          <LoadBalancerOption access={access} pending={sendingKind === 'loadBalancer'} onApply={apply} />
          <IngressOption access={access} pending={sendingKind === 'ingress'} onApply={apply} />
        </div>
      </>
    );
  }

  return (
    <Panel id="section-access" title={t('access.title')}>
      <p style={{ margin: '0 0 16px', color: token.colorTextSecondary }}>{t('access.intro')}</p>
      {body}
      <ScalingNote highAvailability={highAvailability} />
      <Modal
        open={switching !== null}
        title={t('access.switch.title')}
        okText={t('access.switch.confirm')}
        cancelText={t('access.switch.cancel')}
        // Without antd's space between two Chinese characters: the names stay 切换 / 取消.
        okButtonProps={{ autoInsertSpace: false }}
        cancelButtonProps={{ autoInsertSpace: false }}
        onOk={confirmSwitch}
        onCancel={cancelSwitch}
        destroyOnHidden
      >
        {access && switching ? (
          <p>
            {t('access.switch.body', {
              current: kindText(access),
              next: t(switching.request.kind === 'loadBalancer' ? 'access.kind.loadBalancer' : 'access.kind.ingress'),
            })}
          </p>
        ) : null}
      </Modal>
    </Panel>
  );
}
