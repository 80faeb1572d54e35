import { useId, useState } from 'react';
import { Alert, Button, Input, Modal } from 'antd';
import { useMessage } from '../../../lib/feedback/message';
import { errorMessage } from '../../../lib/api-client';
import { usePageT } from '../../../lib/i18n/use-page-t';
import { useDeleteDeployment } from '../api/delete-deployment';
import { CloudAnswer } from '../../../components/cloud-answer';

/** "删除": a dialog that deletes only once the instance name is typed again. */
export function DeleteDeployment({
  instanceId,
  name,
  label,
  onDeleted,
}: {
  instanceId: string;
  name: string;
  /** The button's words, when not the plain "删除". */
  label?: string;
  onDeleted: () => void;
}) {
  const { t, locale } = usePageT();
  const message = useMessage();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const removal = useDeleteDeployment(instanceId, locale);

  const close = () => {
    setOpen(false);
    setTyped('');
    removal.reset();
  };
  const confirm = () => {
    if (typed !== name || removal.isPending) return;
    removal.mutate(typed, {
      onSuccess: () => {
        void message.success(t('deployment.deleting', { name }));
        close();
        onDeleted();
      },
    });
  };

  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {label ?? t('deployment.delete')}
      </Button>
      <Modal
        open={open}
        title={t('deployment.deleteTitle', { name })}
        onCancel={close}
        footer={[
          <Button key="cancel" onClick={close}>
            {t('deployment.cancel')}
          </Button>,
          <Button key="ok" danger type="primary" disabled={typed !== name || removal.isPending} onClick={confirm}>
            {t('deployment.deleteConfirm')}
          </Button>,
        ]}
        destroyOnHidden
      >
        <p>{t('deployment.deleteWarning')}</p>
        <label htmlFor={inputId} style={{ display: 'block', marginBottom: 6 }}>
          {t('deployment.deleteConfirmLabel')}
        </label>
        <Input
          id={inputId}
          value={typed}
          autoComplete="off"
          placeholder={name}
          aria-describedby={`${inputId}-hint`}
          onChange={(e) => setTyped(e.target.value)}
          onPressEnter={confirm}
        />
        <div id={`${inputId}-hint`} style={{ fontSize: 12, marginTop: 4, opacity: 0.75 }}>
          {t('deployment.deleteConfirmHint', { name })}
        </div>
        {removal.isError ? (
          <Alert style={{ marginTop: 12 }} type="error" showIcon title={errorMessage(removal.error, locale)} description={<CloudAnswer error={removal.error} />} />
        ) : null}
      </Modal>
    </>
  );
}
