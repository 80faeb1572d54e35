import { useState } from 'react';
import { App, Button, Tooltip } from 'antd';
import { errorMessage } from '../../../lib/api-client';
import { usePageT } from '../../../lib/i18n/use-page-t';
import { fetchExport, saveFile, zipBundle } from '../api/export-deployment';

/** Downloads the deployment as a bundle (CLI call, Terraform, ROS, access manifests; no secret). */
export function ExportBundle({ instanceId }: { instanceId: string }) {
  const { t, locale } = usePageT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const { fileName, blob } = await zipBundle(await fetchExport(instanceId, locale));
      saveFile(fileName, blob);
    } catch (err) {
      void message.error(t('deployment.exportFailed', { message: errorMessage(err, locale) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={t('deployment.exportHint')}>
      <Button loading={busy} onClick={() => void download()}>
        {t('deployment.export')}
      </Button>
    </Tooltip>
  );
}
