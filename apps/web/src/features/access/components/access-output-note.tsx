import { theme } from 'antd';
import { useAccess } from '../api/get-access';
import { usePageT } from '../../../lib/i18n/use-page-t';

/**
 * What the deployment page shows for the template's output asking the user to open access by
 * hand: done, with the address, once the console's access entry is ready; otherwise where to do it.
 */
export function AccessOutputNote({ instanceId }: { instanceId: string }) {
  const { t, locale } = usePageT();
  const { token } = theme.useToken();
  const access = useAccess(instanceId, locale).data;
  if (access?.state === 'ready') {
    return (
      <span data-testid="manual-access-done" style={{ color: token.colorSuccess }}>
        {t('deployment.manualAccessDone', { url: access.url ?? '' })}
      </span>
    );
  }
  return <span>{t('deployment.manualAccessTodo')}</span>;
}
