import { useEffect, useRef } from 'react';
import { Alert, Button, Empty, Select, theme } from 'antd';
import { Chip } from '../../../components/chip';
import type { PickerKind } from '@dify-console/shared/template/types';
import { ExternalLinkIcon, ReloadIcon } from '../../../components/icons';
import { errorMessage } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/use-t';
import { toPicked, withVpcCheck, type PickedResource, type PickerItem } from './picker-items';
import { CONTROL_WIDTH } from '../../../lib/form/control-width';
import { CloudAnswer } from '../../../components/cloud-answer';

/** The props a form field gives a resource picker. */
export interface ResourcePickerProps {
  kind: PickerKind;
  /** The field label as the form shows it: the Select's accessible name, and part of the button names. */
  label: string;
  placeholder?: string;
  createLink?: string;
  regionId?: string;
  vpcId?: string;
  allowClear?: boolean;
  /** Injected by antd Form.Item. */
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  'aria-invalid'?: boolean | 'true' | 'false';
  /**
   * Tells the form which item was picked (its VPC, its endpoint…); `restored` when a value the
   * picker was given (a reopened form) is found in the list, rather than newly chosen.
   */
  onPick?: (item: PickedResource | undefined, how?: 'chosen' | 'restored') => void;
}

export interface ListState {
  items: PickerItem[] | undefined;
  isLoading: boolean;
  isFetching: boolean;
  error: Error | null;
  retry: () => void;
  refresh: () => void;
}

export function ListPicker({ list, ...props }: ResourcePickerProps & { list: ListState }) {
  const { kind, label, placeholder, createLink, regionId, vpcId, allowClear, id, value, onChange, onPick } = props;
  const { t, locale } = useT();
  const { token } = theme.useToken();

  const checked = (list.items ?? []).map((item) => withVpcCheck(item, vpcId, locale));
  // Usable first; the others stay visible with their reasons.
  const items = [...checked.filter((i) => i.eligible), ...checked.filter((i) => !i.eligible)];

  const options = items.map((item) => ({
    value: item.id,
    disabled: !item.eligible,
    searchText: `${item.id} ${item.name}`.toLowerCase(),
    label: (
      <div style={{ whiteSpace: 'normal', padding: '2px 0' }} data-testid={`option-${item.id}`}>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6 }}>
          <span>
            {item.id} / {item.name}
          </span>
          {item.tags.map((tag, i) => (
            <Chip key={i} color={tag.color}>
              {tag.text}
            </Chip>
          ))}
        </div>
        {item.reasons.map((r) => (
          <div key={r.code} style={{ fontSize: 12, color: token.colorTextDescription, lineHeight: 1.5 }}>
            {r.message}
          </div>
        ))}
      </div>
    ),
  }));

  // A value given from outside (a reopened form): tell the form what it is once the list has it.
  const reported = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!value) {
      reported.current = undefined;
      return;
    }
    if (reported.current === value) return;
    const given = list.items?.find((i) => i.id === value);
    if (!given) return;
    reported.current = value;
    onPick?.(toPicked(given), 'restored');
  }, [value, list.items, onPick]);

  const labelOf = (id: string | number) => {
    const item = items.find((i) => i.id === id);
    return item ? `${item.id} / ${item.name}` : String(id);
  };

  const link = createLink && regionId ? createLink.replaceAll('{regionId}', regionId) : undefined;
  const createText = t(`picker.create.${kind}`);
  const createAnchor = link ? (
    <a href={link} target="_blank" rel="noopener noreferrer" title={t('picker.opensNewTab')} style={{ whiteSpace: 'nowrap' }}>
      {createText} <ExternalLinkIcon />
    </a>
  ) : null;
  const emptyText = kind === 'vpc' ? t('picker.emptyVpc') : t('picker.empty');
  const loaded = list.items !== undefined && !list.error;
  const otherVpc = vpcId ? items.filter((i) => i.vpcId !== undefined && i.vpcId !== vpcId).length : 0;

  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <Select<string>
          id={id}
          aria-label={label}
          aria-invalid={props['aria-invalid']}
          style={{ flex: `0 1 ${CONTROL_WIDTH}px`, minWidth: 0 }}
          value={value}
          placeholder={!regionId ? t('picker.chooseRegionFirst') : list.isLoading ? t('picker.loading') : placeholder}
          disabled={!regionId}
          loading={list.isFetching}
          // The clear button's name in the user's language (the select's own default is English).
          allowClear={allowClear ? { label: t('picker.clear') } : false}
          showSearch={{ optionFilterProp: 'searchText' }}
          options={options}
          // Only while choosing, and in the words of this kind of resource.
          popupRender={(menu) =>
            loaded && otherVpc > 0 && kind !== 'vpc' ? (
              <>
                {menu}
                <div data-testid="picker-other-vpc" style={{ padding: '6px 12px 4px', fontSize: 12, color: token.colorTextSecondary }}>
                  {t(`picker.otherVpc.${kind}`, { count: otherVpc })}
                </div>
              </>
            ) : (
              menu
            )
          }
          labelRender={({ value: v }) => labelOf(v)}
          notFoundContent={
            list.isLoading ? (
              t('picker.loading')
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText}>
                {createAnchor}
              </Empty>
            )
          }
          onChange={(next) => {
            const item = items.find((i) => i.id === next);
            reported.current = next;
            onChange?.(next);
            onPick?.(item ? toPicked(item) : undefined, 'chosen');
          }}
        />
        <Button
          aria-label={`${t('picker.refresh')} ${label}`}
          title={t('picker.refresh')}
          icon={<ReloadIcon />}
          disabled={!regionId}
          loading={list.isFetching && !list.isLoading}
          onClick={list.refresh}
        />
        {createAnchor}
      </div>
      {list.error ? (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          showIcon
          title={errorMessage(list.error, locale)} description={<CloudAnswer error={list.error} />}
          action={
            <Button size="small" aria-label={`${t('picker.retry')} ${label}`} onClick={list.retry}>
              {t('picker.retry')}
            </Button>
          }
        />
      ) : null}
      {loaded && items.length === 0 ? (
        <div style={{ marginTop: 4, color: token.colorTextSecondary }}>{emptyText}</div>
      ) : null}

    </div>
  );
}
