import { Suspense, useCallback, useId, useMemo, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Modal, Spin, theme, type FormInstance } from 'antd';
import { useMessage } from '../../../lib/feedback/message';
import { useQueryClient } from '@tanstack/react-query';
import type { DeploymentRequest, OrderRequest, QuoteRequest } from '@dify-console/shared/api/deployments';
import type { PickerKind } from '@dify-console/shared/template/types';
import { BundleDownload } from '../../../components/bundle-download';
import { Panel } from '../../../components/panel';
import { ApiError, errorMessage } from '../../../lib/api-client';
import { applyProblemIssues } from '../../../lib/form/problem-issues';
import { usePageT, type PageTFunction } from '../../../lib/i18n/use-page-t';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useCreateDeployment } from '../api/create-deployment';
import { fetchOrderExport } from '../api/export-order';
import { useQuote } from '../api/get-quote';
import { useTemplateForm } from '../api/get-template';
import { deployKeys } from '../api/deploy-keys';
import { noEchoKeys } from '@dify-console/shared/template/parameter-rules';
import { FORM_FIELD_NAMES, NESTED_FIELD_NAMES, type FormValues } from '../form-values';
import { formFieldOfIssue, toDeploymentRequest } from '../order-request';
import type { DeploySlots, PickedResource, PreflightGate } from '../slots';
import { OrderOptions, type OrderOptionsValue } from './order-options';
import { OrderSummary } from './order-summary';
import { formatMoney, QuotePanel, unitText } from './quote-panel';
import { TemplateMapping } from './template-mapping';
import { CloudAnswer } from '../../../components/cloud-answer';

// The notice of a form reopened from a failed deployment travels in this chunk too: both are
// needed only after the first screen, and one lazily loaded chunk costs the entry less than two.
export { default as PrefillNotice } from './prefill-notice';

/** How long the parameters must stay unchanged before they are priced again. */
export const QUOTE_DELAY_MS = 300;

export interface ReviewStepProps {
  /** Step 1's values (already validated there). */
  values: Partial<FormValues>;
  /** The order attempt's idempotency token, made by the wizard. */
  clientToken: string;
  picked: Partial<Record<PickerKind, PickedResource>>;
  slots: DeploySlots;
  /** Step 1's form (kept mounted): the BFF's refusals are put back onto its fields. */
  form: FormInstance<FormValues>;
  /** Back to step 1; `then` runs once its fields are on screen again. */
  onBack: (then?: () => void) => void;
  onOrdered: (instanceId: string) => void;
}

/** A refusal that names fields of step 1: the user corrects them there. */
function isFieldProblem(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 400 || error.status === 409) && error.issues.length > 0;
}

/**
 * Why the order button is disabled, or null when it is not: the checks first (running, failed,
 * not acknowledged), then the agreement.
 */
export function orderBlockedReason(
  gate: PreflightGate,
  acknowledged: boolean,
  agreed: boolean,
  t: PageTFunction,
): string | null {
  if (gate.state === 'running') return t('review.preflightRunning');
  if (gate.state === 'failed') return t('review.preflightFailed', { count: gate.count });
  if (gate.state === 'unavailable' && !acknowledged) return t('review.preflightUnavailable');
  if (gate.state === 'warnings' && !acknowledged) return t('review.ackFirst');
  if (!agreed) return t('review.agreeFirst');
  return null;
}

/** What an acknowledgement is given for: these very warnings, or checks that could not run. */
function ackKeyOf(gate: PreflightGate): string | null {
  if (gate.state === 'warnings') return gate.key;
  if (gate.state === 'unavailable') return 'unavailable';
  return null;
}

/** Step 2, "确认订单": the summary, the pre-flight checks, the live price, the agreement and the order. */
export default function ReviewStep({ values, ...rest }: ReviewStepProps) {
  const { t } = usePageT();
  const request = useMemo(() => toDeploymentRequest(values), [values]);
  if (!request) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('wizard.invalid', { count: 1 })}
        action={<Button onClick={() => rest.onBack()}>{t('review.back')}</Button>}
      />
    );
  }
  return <Review request={request} {...rest} />;
}

function Review({
  request,
  clientToken,
  picked,
  slots,
  form,
  onBack,
  onOrdered,
}: Omit<ReviewStepProps, 'values'> & { request: DeploymentRequest }) {
  const { t, locale } = usePageT();
  const { token } = theme.useToken();
  const message = useMessage();
  const client = useQueryClient();
  const [agreed, setAgreed] = useState(false);
  const [agreementOpen, setAgreementOpen] = useState(false);
  const [options, setOptions] = useState<OrderOptionsValue>({ tags: [], valid: true });
  // Ordering waits until the checklist (loaded lazily) has reported.
  const [gate, setGate] = useState<PreflightGate>({ state: 'running' });
  const onGateChange = useCallback((next: PreflightGate) => setGate(next), []);
  // Acknowledged for which warnings: other warnings (after a new run) need a new acknowledgement.
  const [ackedFor, setAckedFor] = useState<string | null>(null);
  const ackKey = ackKeyOf(gate);
  const acknowledged = ackKey !== null && ackedFor === ackKey;
  const blockedReason = options.valid ? orderBlockedReason(gate, acknowledged, agreed, t) : t('review.options.invalid');
  const reasonId = useId();
  const order = useCreateDeployment(locale);
  // Set synchronously: a second click in the same frame, before the button is disabled, is ignored.
  const inFlight = useRef(false);

  // The template the form was drawn from (cached since step 1): the mapping and its NoEcho parameters.
  const template = useTemplateForm(request.templateName, locale).data;
  const secretKeys = useMemo(() => noEchoKeys(template?.parameters ?? []), [template]);
  const quoteRequest = useMemo<QuoteRequest>(
    () => ({
      regionId: request.regionId,
      templateName: request.templateName,
      parameters: request.parameters,
      ...(request.templateParameters ? { templateParameters: request.templateParameters } : {}),
      ...(request.serviceVersion ? { serviceVersion: request.serviceVersion } : {}),
    }),
    [request],
  );
  const priced = useDebouncedValue(quoteRequest, QUOTE_DELAY_MS);
  // The same query as the price details: the order bar shows its total.
  const price = useQuote(priced, locale, secretKeys).data;

  /** The BFF refused values of step 1 (400/409): back there, each message on its field. */
  const onRejected = (error: ApiError) => {
    const issues = error.issues.map((i) => ({ ...i, path: formFieldOfIssue(i.path) }));
    const nameIssue = issues.find((i) => i.path.includes('instanceName'));
    if (nameIssue) {
      // Remember the clash, so the name is refused again until it changes.
      client.setQueryData(deployKeys.name(request.name, locale), { name: request.name, available: false, message: nameIssue.message });
    }
    onBack(() => {
      const rest = applyProblemIssues(form, { issues }, FORM_FIELD_NAMES, NESTED_FIELD_NAMES);
      void message.error(rest.length > 0 ? error.message : t('wizard.orderProblem'));
      const first = issues.find((i) => !rest.includes(i));
      const path = first?.path ?? [];
      const at = path.findLastIndex((p) => typeof p === 'string' && FORM_FIELD_NAMES.includes(p));
      const field = path[at];
      const inner = path[at + 1];
      if (field !== undefined) form.scrollToField(NESTED_FIELD_NAMES.includes(String(field)) && inner !== undefined ? [field, inner] : field, { behavior: 'smooth', block: 'center' });
    });
  };

  /** What "Create now" sends, and what the export bundle describes. */
  const orderRequest = (): OrderRequest => ({
    ...request,
    clientToken,
    ...(options.resourceGroupId ? { resourceGroupId: options.resourceGroupId } : {}),
    ...(options.tags.length > 0 ? { tags: options.tags } : {}),
  });

  const create = () => {
    if (blockedReason !== null || inFlight.current) return;
    inFlight.current = true;
    order.mutate(orderRequest(), {
      onSuccess: ({ instanceId }) => {
        // The name is taken now: no earlier "available" answer may be shown again.
        client.removeQueries({ queryKey: deployKeys.names() });
        onOrdered(instanceId);
      },
      onError: (error) => {
        // Only a failed order may be tried again; an ordered one stays ordered while the page changes.
        inFlight.current = false;
        if (isFieldProblem(error)) onRejected(error);
      },
    });
  };

  const failed = order.isError && !isFieldProblem(order.error);

  return (
    <div>
      <OrderSummary request={request} picked={picked} slots={slots} />
      {template ? <TemplateMapping template={template} request={request} /> : null}
      <Suspense
        fallback={
          <Panel id="section-preflight" title={t('preflight.title')}>
            <div aria-busy="true" style={{ padding: '0 0 20px', color: token.colorTextSecondary }}>
              <Spin size="small" /> {t('preflight.running')}
            </div>
          </Panel>
        }
      >
        <slots.PreflightChecklist request={quoteRequest} secretKeys={secretKeys} onGateChange={onGateChange} />
      </Suspense>
      <QuotePanel request={priced} secretKeys={secretKeys} />
      <OrderOptions disabled={order.isPending} onChange={setOptions} />
      {failed ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('review.orderFailed', { message: errorMessage(order.error, locale) })}
          description={
            <>
              {t('review.orderRetryHint')}
              <CloudAnswer error={order.error} />
            </>
          }
        />
      ) : null}
      {/* The order bar stays in sight at the bottom, as in Compute Nest: price, agreement, button. */}
      <div
        role="region"
        aria-label={t('review.orderBar')}
        data-testid="order-bar"
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 5,
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 16,
          padding: '12px 16px',
          margin: '0 -16px',
          background: token.colorBgContainer,
          borderTop: `1px solid ${token.colorBorderSecondary}`,
          boxShadow: token.boxShadowSecondary,
        }}
      >
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {ackKey !== null ? (
            <Checkbox
              checked={acknowledged}
              onChange={(e) => setAckedFor(e.target.checked ? ackKey : null)}
              disabled={order.isPending}
            >
              {t(gate.state === 'unavailable' ? 'review.ackUnavailable' : 'review.ackWarnings')}
            </Checkbox>
          ) : null}
          <span>
            <Checkbox
              checked={agreed}
              onChange={(e) => setAgreed(e.target.checked)}
              disabled={order.isPending}
              aria-label={`${t('review.agreement')}${t('review.agreementName')}`}
            >
              {t('review.agreement')}
            </Checkbox>
            <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => setAgreementOpen(true)}>
              {t('review.agreementName')}
            </Button>
          </span>
        </div>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'flex-end', gap: 12 }}>
          {price ? (
            <span data-testid="order-bar-price">
              {t('quote.total')}{' '}
              <strong style={{ fontSize: token.fontSizeLG, color: token.colorPrimaryText }}>
                {formatMoney(price.total.tradeAmount, price.currency, locale)}
                {unitText(price.total.priceUnit, t)}
              </strong>
            </span>
          ) : null}
          {blockedReason !== null && !order.isPending ? (
            <span id={reasonId} data-testid="order-blocked-reason" style={{ color: token.colorTextSecondary }}>
              {blockedReason}
            </span>
          ) : null}
          <BundleDownload
            size="large"
            hint={t('review.exportHint')}
            disabled={!options.valid}
            fetchBundle={() => fetchOrderExport(orderRequest(), locale)}
          />
          <Button size="large" onClick={() => onBack()} disabled={order.isPending}>
            {t('review.back')}
          </Button>
          <Button
            type="primary"
            size="large"
            disabled={blockedReason !== null || order.isPending}
            aria-busy={order.isPending}
            aria-describedby={blockedReason !== null && !order.isPending ? reasonId : undefined}
            title={blockedReason ?? undefined}
            onClick={create}
          >
            {t('review.create')}
          </Button>
        </div>
      </div>
      <Modal
        open={agreementOpen}
        title={t('review.agreementName')}
        onCancel={() => setAgreementOpen(false)}
        footer={
          <Button
            type="primary"
            onClick={() => {
              setAgreed(true);
              setAgreementOpen(false);
            }}
          >
            {t('review.agreementAccept')}
          </Button>
        }
      >
        <div data-testid="agreement-text" style={{ whiteSpace: 'pre-line' }}>
          {t('review.agreementText')}
        </div>
      </Modal>
    </div>
  );
}
