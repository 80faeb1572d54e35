import { Empty, Typography } from 'antd';
import { useT } from '../../lib/i18n/use-t';

/** Placeholder for the list of deployments (a later issue). Loaded lazily. */
export function DeploymentsRoute() {
  const { t } = useT();
  return (
    <>
      <Typography.Title level={3}>{t('deployments.title')}</Typography.Title>
      <Empty description={t('deployments.placeholder')} />
    </>
  );
}

export { DeploymentsRoute as Component };
