import { theme } from 'antd';
import { ExternalLinkIcon } from '../../../components/icons';
import { usePageT } from '../../../lib/i18n/use-page-t';

export const NODE_AUTOSCALING_URL = 'https://help.aliyun.com/zh/ack/ack-managed-and-ack-dedicated/user-guide/auto-scaling-of-nodes';

/** "弹性伸缩" as in the guide: pods with the HA switch (this deployment's value), nodes with ACK. */
export function ScalingNote({ highAvailability }: { highAvailability: boolean }) {
  const { t } = usePageT();
  const { token } = theme.useToken();
  return (
    <div data-testid="access-scaling" style={{ borderTop: `1px solid ${token.colorBorderSecondary}`, paddingTop: 12, margin: '16px 0 20px' }}>
      <h3 style={{ margin: '0 0 6px', fontSize: token.fontSize, fontWeight: 600 }}>{t('access.scaling.title')}</h3>
      <ul style={{ margin: 0, paddingInlineStart: 18, color: token.colorTextSecondary }}>
        <li>
          {t('access.scaling.pods')} <strong style={{ color: token.colorText }}>{t(highAvailability ? 'access.scaling.haOn' : 'access.scaling.haOff')}</strong>
        </li>
        <li>
          {t('access.scaling.nodes')}{' '}
          <a href={NODE_AUTOSCALING_URL} target="_blank" rel="noopener noreferrer">
            {t('access.scaling.nodesLink')} <ExternalLinkIcon />
          </a>
        </li>
      </ul>
    </div>
  );
}
