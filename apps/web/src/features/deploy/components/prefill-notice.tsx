import { useEffect, useRef, type RefObject } from 'react';
import { Alert, type FormInstance } from 'antd';
import { HA_EXISTING_TEMPLATE, secretParameterNames } from '@dify-console/shared/template/templates';
import { usePageT } from '../../../lib/i18n/use-page-t';
import { FORM_FIELD_NAMES, type DeployPrefill, type FormValues } from '../form-values';

const SECRET_FIELDS = secretParameterNames(HA_EXISTING_TEMPLATE);

/**
 * The form reopened from a failed deployment: says so, names the secrets to enter again (they are
 * never carried over) and marks the fields the failure points at. On a language switch the marks
 * still on (their field not edited since) are said again in the new language; `markedRef` tells the
 * wizard which fields those are, so that its re-check of the rules leaves them alone.
 */
export default function PrefillNotice({
  prefill,
  form,
  markedRef,
}: {
  prefill: DeployPrefill;
  form: FormInstance<FormValues>;
  markedRef: RefObject<ReadonlySet<string>>;
}) {
  const { t, l } = usePageT();
  // The words of the marks last put on the fields (null: none yet).
  const said = useRef<{ mark: string; secret: string } | null>(null);

  useEffect(() => {
    const fields = prefill.invalidFields.filter((f) => FORM_FIELD_NAMES.includes(f)) as (keyof FormValues)[];
    // Every secret was emptied: each one says so, not only the one the failure names.
    const secrets = SECRET_FIELDS.filter((f) => !fields.includes(f));
    const mark = t('wizard.prefill.field', { title: prefill.reason });
    const secret = t('wizard.prefill.secretField');
    const before = said.current;
    if (before?.mark === mark && before.secret === secret) return;
    said.current = { mark, secret };
    const still = (shown: string[], text: string | undefined) => before === null || (shown.length === 1 && shown[0] === text);
    const errors = fields.filter((name) => still(form.getFieldError(name), before?.mark));
    const warnings = secrets.filter((name) => still(form.getFieldWarning(name), before?.secret));
    markedRef.current = new Set(errors);
    form.setFields([...errors.map((name) => ({ name, errors: [mark] })), ...warnings.map((name) => ({ name, warnings: [secret] }))]);
    const first = fields[0];
    if (before === null && first) form.scrollToField(first, { block: 'center' });
  }, [prefill, form, markedRef, t]);

  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('wizard.prefill.title', { name: prefill.name })}
      description={t('wizard.prefill.secrets', {
        name: prefill.name,
        fields: SECRET_FIELDS.map((f) => l(HA_EXISTING_TEMPLATE.fields[f].label)).join(t('map.summary.listSeparator')),
      })}
    />
  );
}
