import { Result } from 'antd';
import { Link } from '../../lib/router';
import { useT } from '../../lib/i18n/use-t';

export function NotFoundRoute() {
  const { t } = useT();
  return <Result status="404" title="404" subTitle={t('app.notFound')} extra={<Link to="/">{t('app.backHome')}</Link>} />;
}

export { NotFoundRoute as Component };
