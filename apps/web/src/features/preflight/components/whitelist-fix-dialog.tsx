import type { ReactNode } from 'react';
import { Alert, Button, Modal, theme } from 'antd';
import { useMessage } from '../../../lib/feedback/message';
import type { WhitelistFix } from '@dify-console/shared/api/preflight';
import { errorMessage } from '../../../lib/api-client';
import { usePageT } from '../../../lib/i18n/use-page-t';
import { useApplyWhitelistFix } from '../api/apply-whitelist-fix';
import { CloudAnswer } from '../../../components/cloud-answer';

/**
 * "修复白名单": shows exactly what will change — the instance, the dedicated group, the ranges
 * added, and that no other group is touched — and changes it only on "确认修改".
 */
export function WhitelistFixDialog({
  fix,
  regionId,
  clusterId,
  onClose,
}: {
  fix: WhitelistFix;
  regionId: string;
  clusterId: string;
  onClose: () => void;
}) {
  const { t, locale } = usePageT();
  const { token } = theme.useToken();
  const message = useMessage();
  const apply = useApplyWhitelistFix(locale);

  const confirm = () => {
    if (apply.isPending) return;
    apply.mutate(
      { regionId, target: fix.target, instanceId: fix.instanceId, clusterId },
      {
        onSuccess: ({ instanceId, groupName, added }) => {
          void message.success(
            t('preflight.fix.done', {
              ranges: (added.length > 0 ? added : fix.add).join(t('map.summary.listSeparator')),
              instance: instanceId,
              group: groupName,
            }),
          );
          onClose();
        },
      },
    );
  };

  const row = (label: string, value: ReactNode, testId: string) => (
    <div style={{ display: 'contents' }} data-testid={testId}>
      <dt style={{ color: token.colorTextSecondary }}>{label}</dt>
      <dd style={{ margin: 0, wordBreak: 'break-all' }}>{value}</dd>
    </div>
  );

  return (
    <Modal
      open
      title={t('preflight.fix.title', { instance: fix.instanceId })}
      onCancel={apply.isPending ? undefined : onClose}
      maskClosable={!apply.isPending}
      footer={[
        <Button key="cancel" autoInsertSpace={false} onClick={onClose} disabled={apply.isPending}>
          {t('preflight.fix.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={apply.isPending} onClick={confirm}>
          {t('preflight.fix.apply')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <p>{t('preflight.fix.intro')}</p>
      <dl
        style={{
          display: 'grid',
          gridTemplateColumns: 'minmax(120px, 180px) 1fr',
          gap: '6px 16px',
          margin: '0 0 12px',
        }}
      >
        {row(
          t('preflight.fix.instance'),
          <>
            {t(`preflight.fix.target.${fix.target}`)} <code>{fix.instanceId}</code>
          </>,
          'fix-instance',
        )}
        {row(t('preflight.fix.group'), <code>{fix.groupName}</code>, 'fix-group')}
        {row(
          t('preflight.fix.add'),
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {fix.add.map((range) => (
              <li key={range}>
                <code>{range}</code>
              </li>
            ))}
          </ul>,
          'fix-add',
        )}
      </dl>
      <p style={{ marginBottom: 0 }}>{t('preflight.fix.untouched', { group: fix.groupName })}</p>
      {apply.isError ? (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          role="alert"
          title={t('preflight.fix.failed', { message: errorMessage(apply.error, locale) })} description={<CloudAnswer error={apply.error} />}
        />
      ) : null}
    </Modal>
  );
}
