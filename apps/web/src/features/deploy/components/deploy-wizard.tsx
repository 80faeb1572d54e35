import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Form, Input, Radio, Row, Steps, theme } from 'antd';
import { Panel } from '../../../components/panel';
import { InstanceNameSchema, ruleMessage } from '@dify-console/shared/domain/rules';
import { fieldsByGroup, HA_EXISTING_TEMPLATE, TEMPLATES } from '@dify-console/shared/template/templates';
import { GROUP_LABELS, type PickerKind } from '@dify-console/shared/template/types';
import { zodRule } from '../../../lib/form/zod-rule';
import { useT } from '../../../lib/i18n/use-t';
import { initialValues, VPC_SCOPED_KINDS, VPC_SCOPED_PICKERS, type FormValues } from '../form-values';
import type { DeploySlots, PickedResource } from '../slots';
import { FieldControl } from './field-control';
import { MilvusEndpointNote } from './milvus-endpoint-note';
import { ResourceMap } from './resource-map';

type Picked = Partial<Record<PickerKind, PickedResource>>;
const GROUPS = fieldsByGroup(HA_EXISTING_TEMPLATE);

/** The deployment wizard: step 1 (parameters) now; step 2 (review & order) comes later. */
export function DeployWizard({ slots }: { slots: DeploySlots }) {
  const { t, l, locale } = useT();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const [form] = Form.useForm<FormValues>();
  const [initial] = useState(() => initialValues());
  const [picked, setPicked] = useState<Picked>({});
  const [orderNotice, setOrderNotice] = useState(false);
  const regionId = Form.useWatch('regionId', form);
  const vpcId = Form.useWatch('vpcId', form);

  // Messages already shown follow the language: re-check the fields that have one.
  useEffect(() => {
    const withErrors = form
      .getFieldsError()
      .filter((f) => f.errors.length > 0)
      .map((f) => f.name);
    if (withErrors.length > 0) form.validateFields(withErrors).catch(() => undefined);
  }, [locale, form]);

  const clear = (kinds: PickerKind[], next: Picked) => {
    const fields = kinds.map((k) => (k === 'vpc' ? ('vpcId' as const) : VPC_SCOPED_PICKERS[k]));
    const milvus = picked.milvus;
    const endpointFromPick =
      kinds.includes('milvus') && milvus?.endpoint && form.getFieldValue('milvusEndpoint') === milvus.endpoint;
    form.setFields([
      ...fields.map((name) => ({ name, value: undefined, errors: [] })),
      ...(endpointFromPick ? [{ name: 'milvusEndpoint' as const, value: '', errors: [] }] : []),
    ]);
    setPicked(next);
  };

  const onValuesChange = (changed: Partial<FormValues>) => {
    setOrderNotice(false);
    if ('regionId' in changed) {
      // Another region: nothing picked so far exists there.
      clear(['vpc', ...VPC_SCOPED_KINDS], {});
    } else if ('vpcId' in changed) {
      // Another VPC: drop every pick that is not in it.
      const stale = VPC_SCOPED_KINDS.filter((k) => picked[k] && picked[k].vpcId !== changed.vpcId);
      const next: Picked = { ...picked };
      for (const k of stale) delete next[k];
      if (stale.length > 0) clear(stale, next);
    }
  };

  const onPick = (kind: PickerKind) => (item: PickedResource | undefined) => {
    setPicked((p) => ({ ...p, [kind]: item }));
    if (kind === 'milvus' && item?.endpoint) {
      form.setFieldValue('milvusEndpoint', item.endpoint);
      form.validateFields(['milvusEndpoint']).catch(() => undefined);
    }
  };

  const next = async () => {
    try {
      await form.validateFields();
      setOrderNotice(true);
    } catch (e) {
      const errorFields = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
      setOrderNotice(false);
      void message.error(t('wizard.invalid', { count: errorFields.length }));
      const first = errorFields[0];
      if (first) form.scrollToField(first.name, { behavior: 'smooth', block: 'center' });
    }
  };

  return (
    <div>
      <h1 style={{ margin: '0 0 8px', fontSize: token.fontSizeHeading3, color: token.colorTextHeading }}>
        {t('wizard.title')}
      </h1>
      <p style={{ margin: '0 0 20px', color: token.colorTextSecondary }}>{t('wizard.subtitle')}</p>
      <Steps
        current={0}
        style={{ marginBottom: 24, maxWidth: 640 }}
        items={[
          { title: t('wizard.step.parameters') },
          { title: t('wizard.step.order'), content: t('wizard.step.orderLater'), disabled: true },
        ]}
      />
      <Row gutter={[24, 24]} wrap>
        <Col xs={24} lg={16} xxl={17}>
          <Form<FormValues>
            form={form}
            initialValues={initial}
            onValuesChange={onValuesChange}
            layout="horizontal"
            labelCol={{ flex: '176px' }}
            labelAlign="left"
            labelWrap
            wrapperCol={{ flex: '1 1 0', style: { minWidth: 0 } }}
            colon={false}
            scrollToFirstError
            requiredMark={(label, { required }) => (
              // Our own mark, hidden from assistive technology: antd's CSS asterisk would become
              // part of every field's accessible name ("* 服务实例名称").
              <>
                {required ? (
                  <span aria-hidden="true" style={{ color: token.colorError, marginInlineEnd: 4, fontFamily: 'SimSun, sans-serif' }}>
                    *
                  </span>
                ) : null}
                {label}
              </>
            )}
          >
            <Panel id="section-basics" title={t('form.basics')}>
              <Form.Item name="templateName" label={t('form.template')} extra={l(HA_EXISTING_TEMPLATE.description)}>
                <Radio.Group aria-label={t('form.template')}>
                  {TEMPLATES.map((tpl) => (
                    <Radio
                      key={tpl.name}
                      value={tpl.name}
                      style={{
                        padding: '12px 16px',
                        border: `1px solid ${token.colorPrimaryBorder}`,
                        background: token.colorPrimaryBg,
                        borderRadius: token.borderRadius,
                      }}
                    >
                      {l(tpl.label)}
                    </Radio>
                  ))}
                </Radio.Group>
              </Form.Item>
              <Form.Item
                name="instanceName"
                label={t('form.instanceName')}
                rules={[zodRule(InstanceNameSchema, locale)]}
                extra={ruleMessage('instanceName.format', locale)}
              >
                <Input autoComplete="off" style={{ maxWidth: 560 }} />
              </Form.Item>
              <Form.Item name="regionId" label={t('form.region')} rules={[{ required: true, message: ruleMessage('regionId.format', locale) }]}>
                <slots.RegionSelect label={t('form.region')} />
              </Form.Item>
            </Panel>

            {GROUPS.map(({ group, fields }) => (
              <Panel key={group} id={`section-${group}`} title={l(GROUP_LABELS[group])}>
                {fields.map(({ name, def }) => (
                  <FieldControl
                    key={name}
                    name={name}
                    def={def}
                    slots={slots}
                    regionId={regionId}
                    vpcId={vpcId}
                    onPick={onPick(def.picker ?? 'vpc')}
                    note={name === 'milvusEndpoint' ? <MilvusEndpointNote form={form} milvus={picked.milvus} /> : null}
                  />
                ))}
              </Panel>
            ))}

            {orderNotice ? (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('wizard.orderUnavailableTitle')}
                description={t('wizard.orderUnavailable')}
              />
            ) : null}
            <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
              <Button type="primary" size="large" onClick={() => void next()}>
                {t('wizard.next')}
              </Button>
            </div>
          </Form>
        </Col>
        <Col xs={24} lg={8} xxl={7}>
          <Panel id="section-map" title={t('map.title')} style={{ position: 'sticky', top: 88 }}>
            <ResourceMap
              vpc={picked.vpc}
              nodes={VPC_SCOPED_KINDS.map((kind) => ({ kind, item: picked[kind] }))}
            />
          </Panel>
        </Col>
      </Row>
    </div>
  );
}
