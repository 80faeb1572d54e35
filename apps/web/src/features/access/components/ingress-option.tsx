import { useId, useState, type CSSProperties, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Input, theme } from 'antd';
import { IngressHostSchema, type AccessState } from '@dify-console/shared/api/access';
import { ApiError } from '../../../lib/api-client';
import { usePageT } from '../../../lib/i18n/use-page-t';
import type { ApplyFn, IngressRequest } from '../types';
import { EntrySettings } from './entry-settings';
import { OptionCard } from './option-card';

/** A placeholder domain (RFC 2606 reserves example.com): the user puts their own. */
export const DEFAULT_INGRESS_HOST = 'dify.example.com';

const FIELDS = ['host', 'certificate', 'privateKey', 'installAddon'] as const;
type Field = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<Field, string>>;

const isField = (p: unknown): p is Field => (FIELDS as readonly unknown[]).includes(p);

/** The BFF's issues by field (`['tls', 'privateKey']` → privateKey), and the ones no field takes. */
function issuesByField(issues: ApiError['issues']): { errors: FieldErrors; rest: string[] } {
  const errors: FieldErrors = {};
  const rest: string[] = [];
  for (const issue of issues) {
    const field = [...issue.path].reverse().find(isField);
    if (field === undefined) rest.push(issue.message);
    else errors[field] = errors[field] ? `${errors[field]} ${issue.message}` : issue.message;
  }
  return { errors, rest };
}

/** A labelled control with its hint and its error (named by id for assistive technology). */
function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div data-field={id} style={{ marginBottom: 16 }}>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 6, fontWeight: 500 }}>
        {label}
      </label>
      {children}
      {error ? (
        <div id={`${id}-error`} style={{ color: token.colorErrorText, fontSize: 12, marginTop: 4 }}>
          {error}
        </div>
      ) : null}
      {hint ? (
        <div id={`${id}-hint`} style={{ color: token.colorTextSecondary, fontSize: 12, marginTop: 4 }}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

export interface IngressOptionProps {
  access: AccessState;
  pending: boolean;
  onApply: ApplyFn<IngressRequest>;
}

/**
 * "方式二：Ingress": an Ingress of the nginx add-on for a domain, TLS optional. The private key is a
 * secret: it is cleared from the page as soon as the request has been answered, never shown back.
 * Plain controlled fields rather than antd Form: the form module lives in the first screen's
 * chunk, and each binding a lazy page takes from it lengthens that chunk's export list.
 */
export function IngressOption({ access, pending, onApply }: IngressOptionProps) {
  const { t } = usePageT();
  const { token } = theme.useToken();
  const inUse = access.kind === 'ingress';
  const id = useId();
  const ids = { host: `${id}host`, tls: `${id}tls`, certificate: `${id}certificate`, privateKey: `${id}privateKey`, installAddon: `${id}installAddon` };

  const [host, setHost] = useState((inUse ? access.settings.host : null) ?? DEFAULT_INGRESS_HOST);
  const [tlsEnabled, setTlsEnabled] = useState(inUse && access.settings.tls !== null);
  const [certificate, setCertificate] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const [installAddon, setInstallAddon] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<{ message: string; details: string[] } | null>(null);

  const clearError = (field: Field) => setErrors(({ [field]: _gone, ...rest }) => rest);
  const describedBy = (field: Field, hint = true) =>
    [errors[field] ? `${ids[field]}-error` : null, hint ? `${ids[field]}-hint` : null].filter(Boolean).join(' ') || undefined;

  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    const required = t('access.required');
    if (!host.trim()) found.host = required;
    else if (!IngressHostSchema.safeParse(host).success) found.host = t('access.ing.hostInvalid');
    if (tlsEnabled && !certificate.trim()) found.certificate = required;
    if (tlsEnabled && !privateKey.trim()) found.privateKey = required;
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setProblem(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const request: IngressRequest = {
      kind: 'ingress',
      host: host.trim().toLowerCase(),
      installAddon,
      ...(tlsEnabled ? { tls: { certificate, privateKey } } : {}),
    };
    const outcome = await onApply(request);
    if (outcome === null) return; // cancelled: nothing was sent, the key stays for another try
    // Sent: the key leaves the page, whatever the answer.
    setPrivateKey('');
    if (outcome.ok) return;
    const { error } = outcome;
    const { errors: byField, rest } = issuesByField(error instanceof ApiError ? error.issues : []);
    setErrors(byField);
    setProblem({ message: error.message, details: rest });
  };

  const addonFlagged = Boolean(errors.installAddon);
  const addonText = access.addon.installed
    ? t('access.ing.addon.installed')
    : access.addon.state === 'installing'
      ? t('access.ing.addon.installing')
      : t('access.ing.addon.missing');
  const mono: CSSProperties = { fontFamily: 'monospace', fontSize: 12 };

  return (
    <OptionCard id="access-option-ingress" title={t('access.ing.title')} inUse={inUse}>
      <p style={{ margin: '0 0 12px', color: token.colorTextSecondary }}>{t('access.ing.desc')}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Field id={ids.host} label={t('access.ing.host')} hint={t('access.ing.hostHint')} error={errors.host}>
          <Input
            id={ids.host}
            value={host}
            disabled={pending}
            autoComplete="off"
            spellCheck={false}
            status={errors.host ? 'error' : undefined}
            aria-invalid={errors.host ? true : undefined}
            aria-describedby={describedBy('host')}
            style={{ maxWidth: 360 }}
            onChange={(e) => {
              setHost(e.target.value);
              clearError('host');
            }}
          />
        </Field>
        <div style={{ marginBottom: 12 }}>
          <Checkbox id={ids.tls} checked={tlsEnabled} disabled={pending} onChange={(e) => setTlsEnabled(e.target.checked)}>
            {t('access.ing.tls')}
          </Checkbox>
        </div>
        {tlsEnabled ? (
          <>
            <Field id={ids.certificate} label={t('access.ing.certificate')} hint={t('access.ing.certificateHint')} error={errors.certificate}>
              <Input.TextArea
                id={ids.certificate}
                rows={4}
                value={certificate}
                disabled={pending}
                spellCheck={false}
                autoComplete="off"
                placeholder="-----BEGIN CERTIFICATE-----"
                status={errors.certificate ? 'error' : undefined}
                aria-invalid={errors.certificate ? true : undefined}
                aria-describedby={describedBy('certificate')}
                style={mono}
                onChange={(e) => {
                  setCertificate(e.target.value);
                  clearError('certificate');
                }}
              />
            </Field>
            <Field id={ids.privateKey} label={t('access.ing.privateKey')} hint={t('access.ing.privateKeyHint')} error={errors.privateKey}>
              <Input.TextArea
                id={ids.privateKey}
                rows={4}
                value={privateKey}
                disabled={pending}
                spellCheck={false}
                autoComplete="off"
                data-1p-ignore
                data-lpignore="true"
                placeholder="-----BEGIN PRIVATE KEY-----"
                status={errors.privateKey ? 'error' : undefined}
                aria-invalid={errors.privateKey ? true : undefined}
                aria-describedby={describedBy('privateKey')}
                // A secret: masked where the browser can (like a password box), never echoed back.
                style={{ ...mono, WebkitTextSecurity: 'disc' } as CSSProperties}
                onChange={(e) => {
                  setPrivateKey(e.target.value);
                  clearError('privateKey');
                }}
              />
            </Field>
          </>
        ) : null}
        <div
          data-testid="access-addon"
          data-flagged={addonFlagged || undefined}
          style={{
            borderRadius: token.borderRadius,
            border: `1px solid ${addonFlagged ? token.colorError : 'transparent'}`,
            background: addonFlagged ? token.colorErrorBg : undefined,
            padding: addonFlagged ? '8px 12px' : 0,
            marginBottom: 12,
          }}
        >
          {/* Installed already: nothing to agree to. */}
          {access.addon.installed ? null : (
          <Checkbox
              id={ids.installAddon}
              checked={installAddon}
              disabled={pending}
              aria-invalid={addonFlagged || undefined}
              aria-describedby={describedBy('installAddon')}
              onChange={(e) => {
                setInstallAddon(e.target.checked);
                // Agreed (or changed its mind): the refusal no longer stands.
                clearError('installAddon');
              }}
            >
              {t('access.ing.installAddon')}
            </Checkbox>
          )}
          {errors.installAddon ? (
            <div id={`${ids.installAddon}-error`} style={{ color: token.colorErrorText, fontSize: 12, marginTop: 4 }}>
              {errors.installAddon}
            </div>
          ) : null}
          <div id={`${ids.installAddon}-hint`} style={{ fontSize: 12, color: token.colorTextSecondary, marginTop: 4 }}>
            {addonText}
          </div>
        </div>
        <EntrySettings
          applied={inUse ? access.settings.annotations : null}
          planned={['access.ing.setting.bodySize', 'access.ing.setting.buffering', 'access.ing.setting.timeouts']}
          why="access.ing.settingsWhy"
        />
        {problem ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            title={problem.message}
            description={problem.details.length > 0 ? problem.details.join(' ') : undefined}
          />
        ) : null}
        <Button type="primary" htmlType="submit" autoInsertSpace={false} loading={pending}>
          {t('access.apply')}
        </Button>
      </form>
    </OptionCard>
  );
}
