import { Form, theme, type FormInstance } from 'antd';
import { useT } from '../../../lib/i18n/use-t';
import type { FormValues } from '../form-values';
import type { PickedResource } from '../slots';

const host = (address: string) => address.trim().replace(/:\d+$/, '');

/** Warns when the typed Milvus address is not the one of the picked instance. */
export function MilvusEndpointNote({ form, milvus }: { form: FormInstance<FormValues>; milvus?: PickedResource }) {
  const { t } = useT();
  const { token } = theme.useToken();
  const endpoint = Form.useWatch('milvusEndpoint', form);
  let warning: string | null = null;
  if (milvus && !milvus.endpoint) warning = t('form.milvusNoEndpoint', { id: milvus.id });
  else if (milvus?.endpoint && endpoint && host(endpoint) !== host(milvus.endpoint))
    warning = t('form.milvusMismatch', { id: milvus.id, endpoint: milvus.endpoint });
  return (
    <div aria-live="polite" style={{ color: token.colorWarningText }} data-testid="milvus-endpoint-warning">
      {warning}
    </div>
  );
}
