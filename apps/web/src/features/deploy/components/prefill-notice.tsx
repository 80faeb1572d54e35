import { useEffect, useRef } from 'react';
import { Alert, type FormInstance } from 'antd';
import { HA_EXISTING_TEMPLATE, secretParameterNames } from '@dify-console/shared/template/templates';
import { usePageT } from '../../../lib/i18n/use-page-t';
import { FORM_FIELD_NAMES, type DeployPrefill, type FormValues } from '../form-values';

const SECRET_FIELDS = secretParameterNames(HA_EXISTING_TEMPLATE);

/**
 * The form reopened from a failed deployment: says so, names the secrets to enter again (they are
 * never carried over) and marks the fields the failure points at.
 */
export default function PrefillNotice({ prefill, form }: { prefill: DeployPrefill; form: FormInstance<FormValues> }) {
  const { t, l } = usePageT();
  const shown = useRef(false);

  useEffect(() => {
    if (shown.current) return;
    shown.current = true;
    const fields = prefill.invalidFields.filter((f) => FORM_FIELD_NAMES.includes(f)) as (keyof FormValues)[];
    const text = t('wizard.prefill.field', { title: prefill.reason });
    // Every secret was emptied: each one says so, not only the one the failure names.
    const again = SECRET_FIELDS.filter((f) => !fields.includes(f)).map((name) => ({ name, warnings: [t('wizard.prefill.secretField')] }));
    form.setFields([...fields.map((name) => ({ name, errors: [text] })), ...again]);
    const first = fields[0];
    if (first) form.scrollToField(first, { block: 'center' });
  }, [prefill, form, t]);

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
