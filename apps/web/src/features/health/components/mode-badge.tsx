import { Tag } from 'antd';
import { useT } from '../../../lib/i18n/use-t';
import { useHealth } from '../api/get-health';

/** Which cloud the console talks to: the local emulator or the real Alibaba Cloud. */
export function ModeBadge() {
  const { t, locale } = useT();
  const health = useHealth(locale);
  if (health.isPending) return null;
  if (health.isError) return <Tag color="error">{t('app.mode.unknown')}</Tag>;
  return health.data.mode === 'sandbox' ? (
    <Tag color="gold" data-testid="mode-badge">
      {t('app.mode.sandbox')}
    </Tag>
  ) : (
    <Tag color="blue" data-testid="mode-badge">
      {t('app.mode.aliyun')}
    </Tag>
  );
}
