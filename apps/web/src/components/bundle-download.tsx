import { useState } from 'react';
import { Button, Space, Tooltip, type ButtonProps } from 'antd';
import { useMessage } from '../lib/feedback/message';
import type { ExportBundle } from '@dify-console/shared/api/export';
import { errorMessage } from '../lib/api-client';
import { downloadBundle } from '../lib/download-bundle';
import { CopyIcon } from './icons';
import { usePageT } from '../lib/i18n/use-page-t';

/**
 * Buttons that download an export bundle (CLI call, Terraform, ROS, manifests; never a secret)
 * as one zip, or copy its CLI script to paste in a terminal. The zip writer loads on the first click.
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
  const message = useMessage();
  const [busy, setBusy] = useState<'download' | 'copy' | null>(null);
  const failed = (err: unknown) => void message.error(t('deployment.exportFailed', { message: errorMessage(err, locale) }));
  const download = async () => {
    setBusy('download');
    await downloadBundle(fetchBundle).catch(failed);
    setBusy(null);
  };
  const copyScript = async () => {
    setBusy('copy');
    const bundle = await fetchBundle().catch(failed);
    const script = bundle?.files.find((f) => f.name === CLI_SCRIPT)?.content;
    if (bundle && script === undefined) void message.error(t('deployment.exportFailed', { message: t('deployment.exportNoScript') }));
    if (script !== undefined) {
      await navigator.clipboard.writeText(script).then(
        () => void message.success(t('deployment.copiedScript')),
        () => void message.error(t('deployment.copyFailed')),
      );
    }
    setBusy(null);
  };
  return (
    <Space.Compact>
      <Tooltip title={hint}>
        <Button size={size} loading={busy === 'download'} disabled={disabled || busy !== null} onClick={() => void download()}>
          {t('deployment.export')}
        </Button>
      </Tooltip>
      <Tooltip title={t('deployment.copyScriptHint')}>
        <Button
          size={size}
          icon={<CopyIcon />}
          aria-label={t('deployment.copyScript')}
          loading={busy === 'copy'}
          disabled={disabled || busy !== null}
          onClick={() => void copyScript()}
        />
      </Tooltip>
    </Space.Compact>
  );
}

/** The bundle's file that places the order with the aliyun CLI. */
const CLI_SCRIPT = 'deploy.sh';
