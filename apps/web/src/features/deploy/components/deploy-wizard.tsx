import { Suspense, useDeferredValue, useEffect, useRef, useState } from 'react';
import { Alert, Button, Col, Form, Radio, Row, Steps, theme } from 'antd';
import { useMessage } from '../../../lib/feedback/message';
import { useQueryClient } from '@tanstack/react-query';
import type { TemplateForm } from '@dify-console/shared/api/template';
import { INSTANCE_NAME_RULE, ruleMessage, valueProblem } from '@dify-console/shared/domain/value-rules';
import type { TemplateParameter } from '@dify-console/shared/template/parameter-rules';
import {
  fieldsByGroup,
  findTemplate,
  HA_EXISTING_TEMPLATE,
  templateLabel,
  TEMPLATES,
} from '@dify-console/shared/template/templates';
import { GROUP_LABELS, type PickerKind } from '@dify-console/shared/template/types';
import { Panel } from '../../../components/panel';
import { errorMessage } from '../../../lib/api-client';
import { newClientToken } from '../../../lib/client-token';
import { useT } from '../../../lib/i18n/use-t';
import { templateRule } from '../../../lib/form/template-rule';
import { nameAvailabilityQueryOptions } from '../api/check-name-availability';
import { templateFormQueryOptions, useTemplateForm } from '../api/get-template';
import {
  FORM_FIELD_NAMES,
  startingValues,
  VPC_SCOPED_KINDS,
  VPC_SCOPED_PICKERS,
  type DeployPrefill,
  type FormValues,
} from '../form-values';
import type { DeploySlots, PickedResource } from '../slots';
import { FieldControl } from './field-control';
import { InstanceNameField } from './instance-name-field';
import { MilvusEndpointNote } from './milvus-endpoint-note';
import { ResourceMap } from './resource-map';
import { CloudAnswer } from '../../../components/cloud-answer';
import { LoadBoundary } from '../../../components/load-boundary';
import { lazyPart } from '../../../lib/lazy-part';

// Step 2 is loaded when it is first needed: the first screen carries step 1 only. So is the
// notice of a reopened deployment (it only ever follows the lazily loaded deployment page).
const ReviewStep = lazyPart(() => import('./review-step'));
const PrefillNotice = lazyPart(() => import('./review-step').then((m) => ({ default: m.PrefillNotice })));
// The template's parameters the console does not know: loaded only for a template that has some.
const TemplateParameters = lazyPart(() => import('./template-parameters'));

type Picked = Partial<Record<PickerKind, PickedResource>>;
const GROUPS = fieldsByGroup(HA_EXISTING_TEMPLATE);

/** The template parameter a console field is sent as, when the service's template has one. */
export function boundParameter(template: TemplateForm | undefined, field: string): TemplateParameter | undefined {
  const key = template?.bindings.find((b) => b.field === field)?.parameter;
  return key === undefined ? undefined : template?.parameters.find((p) => p.key === key);
}

/** Only the values of the drawn parameters of this template (a switched template leaves others behind). */
function drawnValues(template: TemplateForm | undefined, all: unknown): Record<string, unknown> | undefined {
  if (!template || template.drawn.length === 0 || !all || typeof all !== 'object') return undefined;
  const values = all as Record<string, unknown>;
  return Object.fromEntries(template.drawn.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]));
}

/**
 * One order attempt: the request and its idempotency token. The token is kept while the request
 * stays the same (going back and forth, retrying after an error) and renewed when it changes.
 */
interface OrderAttempt {
  values: Partial<FormValues>;
  fingerprint: string;
  clientToken: string;
}

export interface DeployWizardProps {
  slots: DeploySlots;
  /** Values of a failed deployment to start from ("back to edit parameters"). */
  prefill?: DeployPrefill;
  /** The order was accepted: show the deployment. */
  onOrdered: (instanceId: string) => void;
}

/** The deployment wizard: step 1 (parameters) and step 2 (review & order), one route, one state. */
export function DeployWizard({ slots, prefill, onOrdered }: DeployWizardProps) {
  const { t, l, locale } = useT();
  const message = useMessage();
  const { token } = theme.useToken();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [initial] = useState(() => startingValues(prefill));
  const [picked, setPicked] = useState<Picked>({});
  const [step, setStep] = useState<0 | 1>(0);
  const [attempt, setAttempt] = useState<OrderAttempt | null>(null);
  // Run once step 1 is back on screen (its fields mounted): e.g. put the BFF's refusals on them.
  const afterBack = useRef<(() => void) | undefined>(undefined);
  const regionId = Form.useWatch('regionId', form);
  const vpcId = Form.useWatch('vpcId', form);
  const templateName = (Form.useWatch('templateName', form) as string | undefined) ?? initial.templateName ?? HA_EXISTING_TEMPLATE.name;
  const template = useTemplateForm(templateName, locale);
  const drawn = template.data;
  const blocked = template.data?.blocked ?? [];
  // The first commit carries the basics (the first fields take input at once); the other panels,
  // the next button and the resource map follow in a background render React interrupts for what
  // is typed meanwhile. A reopened deployment has marks to put on every field: all of it at once.
  const whole = useDeferredValue(true, prefill !== undefined);

  // Messages already shown follow the language: re-check the fields that have one, when the
  // language CHANGES only. Not at mount: the marks of a reopened deployment (PrefillNotice) may be
  // set in this very commit (children's effects run first), and a re-check would replace them by
  // the rules' own verdict (an emptied password: "required").
  // Nor the marks PrefillNotice still holds: it says those again in the new language itself.
  const checkedLocale = useRef(locale);
  const prefillMarked = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (checkedLocale.current === locale) return;
    checkedLocale.current = locale;
    const withErrors = form
      .getFieldsError()
      .filter((f) => f.errors.length > 0 && !prefillMarked.current.has(f.name.join('.')))
      .map((f) => f.name);
    if (withErrors.length > 0) form.validateFields(withErrors).catch(() => undefined);
  }, [locale, form]);

  useEffect(() => {
    if (step !== 0) return;
    afterBack.current?.();
    afterBack.current = undefined;
  }, [step]);

  const clear = (kinds: PickerKind[], next: Picked) => {
    const fields = kinds.map((k) => (k === 'vpc' ? ('vpcId' as const) : VPC_SCOPED_PICKERS[k]));
    const milvus = picked.milvus;
    const endpointFromPick =
      kinds.includes('milvus') &&
      milvus?.endpoint &&
      form.getFieldValue('milvusEndpoint') === milvus.endpoint;
    form.setFields([
      ...fields.map((name) => ({ name, value: undefined, errors: [] })),
      ...(endpointFromPick ? [{ name: 'milvusEndpoint' as const, value: '', errors: [] }] : []),
    ]);
    setPicked(next);
  };

  const onValuesChange = (changed: Partial<FormValues>) => {
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

  const onPick =
    (kind: PickerKind) =>
    (item: PickedResource | undefined, how: 'chosen' | 'restored' = 'chosen') => {
      setPicked((p) => ({ ...p, [kind]: item }));
      // A restored pick keeps the address the user had (it may carry a port).
      if (kind === 'milvus' && item?.endpoint && how === 'chosen') {
        form.setFieldValue('milvusEndpoint', item.endpoint);
        form.validateFields(['milvusEndpoint']).catch(() => undefined);
      }
    };

  /** Asks about the name now in the box, so a clash is known before the order (answers are cached). */
  const checkName = async () => {
    const name = form.getFieldValue('instanceName') as unknown;
    if (typeof name !== 'string' || valueProblem(INSTANCE_NAME_RULE, name) !== null) return;
    await client.fetchQuery(nameAvailabilityQueryOptions(name, locale)).catch(() => undefined);
  };

  const next = async () => {
    // The form is drawn from the template: have it (normally long there) before checking the fields.
    const current = await client.fetchQuery(templateFormQueryOptions(templateName, locale)).catch(() => undefined);
    const block = current?.blocked[0];
    if (block) {
      void message.error(block.message);
      form.scrollToField('templateName', { behavior: 'smooth', block: 'center' });
      return;
    }
    try {
      await checkName();
      await form.validateFields();
    } catch (e) {
      const errorFields =
        (e as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
      void message.error(t('wizard.invalid', { count: errorFields.length }));
      const first = errorFields[0];
      if (first) form.scrollToField(first.name, { behavior: 'smooth', block: 'center' });
      return;
    }
    const all = form.getFieldsValue(true) as Record<string, unknown>;
    const values = {
      ...Object.fromEntries(FORM_FIELD_NAMES.map((f) => [f, all[f]])),
      templateParameters: drawnValues(current, all.templateParameters),
      // The order is pinned to the version the form was drawn from, and the review shows it.
      serviceVersion: current?.serviceVersion,
    } as Partial<FormValues>;
    const fingerprint = JSON.stringify(values);
    setAttempt((current) =>
      current?.fingerprint === fingerprint
        ? current
        : { values, fingerprint, clientToken: newClientToken() },
    );
    setStep(1);
    window.scrollTo(0, 0);
  };

  const back = (then?: () => void) => {
    afterBack.current = then;
    setStep(0);
    window.scrollTo(0, 0);
  };

  return (
    <div>
      <h1
        style={{
          margin: '0 0 8px',
          fontSize: token.fontSizeHeading3,
          color: token.colorTextHeading,
        }}
      >
        {t('wizard.title')}
      </h1>
      <p style={{ margin: '0 0 20px', color: token.colorTextSecondary }}>{t('wizard.subtitle')}</p>
      <Steps
        current={step}
        style={{ marginBottom: 24, maxWidth: 640 }}
        items={[{ title: t('wizard.step.parameters') }, { title: t('wizard.step.order') }]}
      />
      {prefill ? (
        <div style={step ? { display: 'none' } : undefined}>
          <LoadBoundary keepsEntries>
            <Suspense fallback={null}>
              <PrefillNotice prefill={prefill} form={form} markedRef={prefillMarked} />
            </Suspense>
          </LoadBoundary>
        </div>
      ) : null}
      {step === 1 && attempt ? (
        <LoadBoundary keepsEntries onBack={() => back()}>
          <Suspense fallback={<div aria-busy="true" style={{ minHeight: 320 }} />}>
            <ReviewStep
              values={attempt.values}
              clientToken={attempt.clientToken}
              picked={picked}
              slots={slots}
              form={form}
              onBack={back}
              onOrdered={onOrdered}
            />
          </Suspense>
        </LoadBoundary>
      ) : null}
      {/* Step 2 replaces the fields, not the form: its store keeps every value for going back, and
          no password stays in the page while the order is reviewed. */}
      {step === 0 ? (
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
                    <span
                      aria-hidden="true"
                      style={{
                        color: token.colorError,
                        marginInlineEnd: 4,
                        fontFamily: 'SimSun, sans-serif',
                      }}
                    >
                      *
                    </span>
                  ) : null}
                  {label}
                </>
              )}
            >
              <Panel id="section-basics" title={t('form.basics')}>
                <Form.Item
                  name="templateName"
                  label={t('form.template')}
                  extra={
                    <>
                      {l((findTemplate(templateName) ?? HA_EXISTING_TEMPLATE).description)}
                      {drawn ? (
                        <div data-testid="service-version">
                          {t('form.templateVersion', { version: drawn.serviceVersion, name: drawn.serviceVersionName })}
                        </div>
                      ) : null}
                    </>
                  }
                >
                  {/* The service's own templates; those the console has no fields for (they create
                      new resources) are listed but cannot be chosen here. */}
                  <Radio.Group aria-label={t('form.template')} style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                    {(drawn?.templates ?? TEMPLATES).map(({ name }) => {
                      const ours = findTemplate(name);
                      return (
                        <Radio
                          key={name}
                          value={name}
                          disabled={!ours}
                          title={ours ? undefined : t('form.templateUnsupported')}
                          style={{
                            padding: '8px 12px',
                            border: `1px solid ${ours ? token.colorPrimaryBorder : token.colorBorderSecondary}`,
                            background: ours ? token.colorPrimaryBg : undefined,
                            borderRadius: token.borderRadius,
                          }}
                        >
                          {l(templateLabel(name) ?? { 'zh-CN': name, en: name })}
                        </Radio>
                      );
                    })}
                  </Radio.Group>
                </Form.Item>
                {template.isError ? (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 16 }}
                    title={t('form.templateUnavailable', { message: errorMessage(template.error, locale) })} description={<CloudAnswer error={template.error} />}
                    action={<Button size="small" onClick={() => void template.refetch()}>{t('form.templateRetry')}</Button>}
                  />
                ) : null}
                {blocked.length > 0 ? (
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    style={{ marginBottom: 16 }}
                    title={t('form.templateBlocked')}
                    description={blocked.map((b) => (
                      <div key={b.parameter}>{b.message}</div>
                    ))}
                  />
                ) : null}
                <InstanceNameField form={form} />
                <Form.Item
                  name="regionId"
                  label={t('form.region')}
                  rules={(() => {
                    const p = boundParameter(drawn, 'regionId');
                    return [{ required: true, message: ruleMessage('regionId.format', locale) }, ...(p ? [templateRule(p, locale)] : [])];
                  })()}
                  validateFirst
                >
                  <slots.RegionSelect label={t('form.region')} />
                </Form.Item>
              </Panel>

              {whole ? GROUPS.map(({ group, fields }) => (
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
                      templateParameter={boundParameter(drawn, name)}
                      note={
                        name === 'milvusEndpoint' ? (
                          <MilvusEndpointNote form={form} milvus={picked.milvus} />
                        ) : null
                      }
                    />
                  ))}
                </Panel>
              )) : <div aria-busy="true" style={{ minHeight: '100vh' }} />}

              {whole && drawn && drawn.drawn.length > 0 ? (
                <LoadBoundary keepsEntries>
                  <Suspense fallback={<div aria-busy="true" style={{ minHeight: 120 }} />}>
                    <TemplateParameters template={drawn} />
                  </Suspense>
                </LoadBoundary>
              ) : null}

              {whole ? (
                <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
                  <Button type="primary" size="large" onClick={() => void next()}>
                    {t('wizard.next', { step: t('wizard.step.order') })}
                  </Button>
                </div>
              ) : null}
            </Form>
          </Col>
          <Col xs={24} lg={8} xxl={7}>
            {whole ? (
              <Panel id="section-map" title={t('map.title')} style={{ position: 'sticky', top: 88 }}>
                <ResourceMap
                  vpc={picked.vpc}
                  nodes={VPC_SCOPED_KINDS.map((kind) => ({ kind, item: picked[kind] }))}
                />
              </Panel>
            ) : null}
          </Col>
        </Row>
      ) : null}
    </div>
  );
}
