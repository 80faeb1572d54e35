import { useState } from 'react';
import { App, Button, Tooltip, type ButtonProps } from 'antd';
import type { ExportBundle } from '@dify-console/shared/api/export';
import { errorMessage } from '../lib/api-client';
import { downloadBundle } from '../lib/download-bundle';
import { usePageT } from '../lib/i18n/use-page-t';

/**
 * A button that downloads an export bundle (CLI call, Terraform, ROS, manifests; never a secret)
 * as one zip. The zip writer loads on the first click.
 */
export function BundleDownload({
  fetchBundle,
  hint,
  size,
  disabled,
}: {
  fetchBundle: () => Promise<ExportBundle>;
  hint: string;
  size?: ButtonProps['size'];
  disabled?: boolean;
}) {
  const { t, locale } = usePageT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadBundle(fetchBundle);
    } catch (err) {
      void message.error(t('deployment.exportFailed', { message: errorMessage(err, locale) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={hint}>
      <Button size={size} loading={busy} disabled={disabled} onClick={() => void download()}>
        {t('deployment.export')}
      </Button>
    </Tooltip>
  );
}
