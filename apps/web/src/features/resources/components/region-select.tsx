import { Alert, Button, Select } from 'antd';
import { errorMessage } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/use-t';
import { useRegions } from '../api/list-regions';
import { CONTROL_WIDTH } from '../../../lib/form/control-width';
import { CloudAnswer } from '../../../components/cloud-answer';

export interface RegionSelectProps {
  label: string;
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}

/** The region select, names as the BFF gives them in the UI language (e.g. 华东1（杭州）). */
export function RegionSelect({ label, id, value, onChange }: RegionSelectProps) {
  const { t, locale } = useT();
  const regions = useRegions(locale);
  return (
    <div>
      <Select<string>
        id={id}
        aria-label={label}
        style={{ width: '100%', maxWidth: CONTROL_WIDTH }}
        value={value}
        placeholder={t('form.regionPlaceholder')}
        loading={regions.isFetching}
        showSearch={{ optionFilterProp: 'label' }}
        options={regions.data?.items.map((r) => ({ value: r.regionId, label: r.name }))}
        labelRender={({ value: v, label: l }) => l ?? regions.data?.items.find((r) => r.regionId === v)?.name ?? v}
        onChange={(next) => onChange?.(next)}
      />
      {regions.error ? (
        <Alert
          style={{ marginTop: 8, maxWidth: CONTROL_WIDTH }}
          type="error"
          showIcon
          title={errorMessage(regions.error, locale)} description={<CloudAnswer error={regions.error} />}
          action={
            <Button size="small" aria-label={`${t('picker.retry')} ${label}`} onClick={() => void regions.refetch()}>
              {t('picker.retry')}
            </Button>
          }
        />
      ) : null}
    </div>
  );
}
