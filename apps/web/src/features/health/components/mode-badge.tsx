import { Chip } from '../../../components/chip';
import { useT } from '../../../lib/i18n/use-t';
import { useHealth } from '../api/get-health';

/** Which cloud the console talks to: the local emulator or the real Alibaba Cloud. */
export function ModeBadge() {
  const { t, locale } = useT();
  const health = useHealth(locale);
  if (health.isPending) return null;
  if (health.isError) return <Chip color="error">{t('app.mode.unknown')}</Chip>;
  return health.data.mode === 'sandbox' ? (
    <Chip color="warning" testId="mode-badge">
      {t('app.mode.sandbox')}
    </Chip>
  ) : (
    <Chip color="info" testId="mode-badge">
      {t('app.mode.aliyun')}
    </Chip>
  );
}
