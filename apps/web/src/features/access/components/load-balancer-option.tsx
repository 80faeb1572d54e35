import { useId, useState } from 'react';
import { Alert, Button, Radio, theme } from 'antd';
import type { AccessState } from '@dify-console/shared/api/access';
import { usePageT } from '../../../lib/i18n/use-page-t';
import type { ApplyFn, LoadBalancerRequest } from '../types';
import { EntrySettings } from './entry-settings';
import { OptionCard } from './option-card';

type AddressType = 'internet' | 'intranet';

export interface LoadBalancerOptionProps {
  access: AccessState;
  /** This way's request is on its way. */
  pending: boolean;
  onApply: ApplyFn<LoadBalancerRequest>;
}

/**
 * "方式一：负载均衡": Service ack-dify as a load balancer, internet or intranet. What it costs, the
 * Dify-aware settings it carries, and "应用".
 */
export function LoadBalancerOption({ access, pending, onApply }: LoadBalancerOptionProps) {
  const { t } = usePageT();
  const { token } = theme.useToken();
  const inUse = access.kind === 'loadBalancer';
  const [addressType, setAddressType] = useState<AddressType>(inUse ? (access.settings.addressType ?? 'internet') : 'internet');
  const [error, setError] = useState<string | null>(null);
  const labelId = useId();
  const replaces = inUse && access.settings.addressType !== null && access.settings.addressType !== addressType;

  const apply = async () => {
    setError(null);
    const outcome = await onApply({ kind: 'loadBalancer', addressType });
    if (outcome && !outcome.ok) setError(outcome.error.message);
  };

  return (
    <OptionCard id="access-option-lb" title={t('access.lb.title')} inUse={inUse}>
      <p style={{ margin: '0 0 12px', color: token.colorTextSecondary }}>{t('access.lb.desc')}</p>
      <div id={labelId} style={{ fontWeight: 500, marginBottom: 6 }}>
        {t('access.lb.addressType')}
      </div>
      <Radio.Group aria-labelledby={labelId} value={addressType} onChange={(e) => setAddressType(e.target.value as AddressType)} disabled={pending}>
        <Radio value="internet">{t('access.lb.internet')}</Radio>
        <Radio value="intranet">{t('access.lb.intranet')}</Radio>
      </Radio.Group>
      <div style={{ fontSize: 12, color: token.colorTextSecondary, marginTop: 6 }}>{t('access.lb.addressTypeHint')}</div>
      {replaces ? (
        <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('access.lb.replaceNote')} />
      ) : null}
      <p style={{ fontSize: 12, color: token.colorTextSecondary, margin: '8px 0 0' }}>{t('access.lb.cost')}</p>
      <EntrySettings
        applied={inUse ? access.settings.annotations : null}
        planned={['access.lb.setting.timeout', 'access.lb.setting.tcp']}
        why="access.lb.settingsWhy"
      />
      {error ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={error} /> : null}
      <Button type="primary" autoInsertSpace={false} loading={pending} onClick={() => void apply()}>
        {t('access.apply')}
      </Button>
    </OptionCard>
  );
}
