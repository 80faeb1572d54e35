import { Tag } from 'antd';
import type { DeploymentStatus } from '@dify-console/shared/domain/deployment-status';
import { usePageT } from '../../../lib/i18n/use-page-t';

const COLORS: Record<DeploymentStatus, string> = {
  Created: 'default',
  Deploying: 'processing',
  Deployed: 'success',
  DeployedFailed: 'error',
  Upgrading: 'processing',
  Deleting: 'warning',
  Deleted: 'default',
  DeletedFailed: 'error',
  Stopped: 'default',
};

export function StatusTag({ status }: { status: DeploymentStatus }) {
  const { t } = usePageT();
  return (
    <Tag color={COLORS[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`status.${status}`)}
    </Tag>
  );
}
