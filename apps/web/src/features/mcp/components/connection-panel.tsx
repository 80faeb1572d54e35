import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Radio, Select } from 'antd';
import type { ConnectRequest, Connection } from '@dify-console/shared/api/mcp';
import { Panel } from '../../../components/panel';
import { CloudAnswer } from '../../../components/cloud-answer';
import { errorMessage } from '../../../lib/api-client';
import { useConnect, useDisconnect } from '../api/connection';
import { useMseRegistries, useRegions } from '../api/registries';
import { useMcpT } from '../i18n/use-mcp-t';

interface Values {
  kind: 'mse' | 'selfHosted';
  regionId: string;
  instanceId?: string;
  network: 'internet' | 'intranet';
  address?: string;
  authType: 'password' | 'accessKey';
  username?: string;
  password?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  keep: 'memory' | '30' | '480';
}

/** The registry connection: what is connected, or the form to connect (MSE instance or address). */
export function ConnectionPanel({ connection }: { connection: Connection }) {
  const { t, locale } = useMcpT();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'mse';
  const regionId = Form.useWatch('regionId', form) ?? 'cn-hangzhou';
  const authType = Form.useWatch('authType', form) ?? 'password';
  const regions = useRegions(locale);
  const registries = useMseRegistries(regionId, locale, kind === 'mse' && !connection.connected);
  const doConnect = useConnect(locale);
  const doDisconnect = useDisconnect(locale);
  const [error, setError] = useState<{ text: string; cause: unknown } | null>(null);

  if (connection.connected)
    return (
      <Panel title={t('mcp.connection.connected', { label: connection.label ?? '' })} id="mcp-connection">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'address', label: t('mcp.connection.address'), children: connection.address },
            { key: 'version', label: t('mcp.connection.version'), children: connection.version },
            { key: 'principal', label: t('mcp.connection.principal'), children: <span translate="no">{connection.principal}</span> },
            {
              key: 'expires',
              label: t('mcp.connection.expires'),
              // The console's own clock: the console forgets the credentials; no cloud time is on this page.
              children: connection.expiresAt ? <time dateTime={connection.expiresAt}>{new Date(connection.expiresAt).toLocaleString(locale)}</time> : t('mcp.connection.expires.never'),
            },
          ]}
        />
        {/* The panel leaves 4 px below its content (a form's last item brings its own 24): 20 more here. */}
        <Button style={{ margin: '12px 0 20px' }} onClick={() => doDisconnect.mutate()} loading={doDisconnect.isPending}>
          {t('mcp.connection.disconnect')}
        </Button>
      </Panel>
    );

  const submit = (v: Values) => {
    setError(null);
    const auth: ConnectRequest['auth'] =
      v.authType === 'password' || v.kind !== 'mse'
        ? { type: 'password', username: v.username ?? '', password: v.password ?? '' }
        : { type: 'accessKey', accessKeyId: v.accessKeyId ?? '', accessKeySecret: v.accessKeySecret ?? '' };
    const body: ConnectRequest = {
      target:
        v.kind === 'mse'
          ? { kind: 'mse', regionId: v.regionId, instanceId: v.instanceId ?? '', network: v.network }
          : { kind: 'selfHosted', address: v.address ?? '' },
      auth,
      keepMinutes: v.keep === 'memory' ? null : Number(v.keep),
    };
    doConnect.mutate(body, {
      onError: (e) => setError({ text: errorMessage(e, locale), cause: e }),
      // The typed secrets leave the form once they are in the BFF.
      onSuccess: () => form.setFieldsValue({ password: '', accessKeySecret: '' }),
    });
  };
  const required = [{ required: true, message: t('mcp.required') }];
  const half = { flex: 1, minWidth: 200 };

  return (
    <Panel title={t('mcp.connection.title')} id="mcp-connection">
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 680 }}
        initialValues={{ kind: 'mse', regionId: 'cn-hangzhou', network: 'internet', authType: 'password', username: 'nacos', keep: 'memory' }}
        onFinish={submit}
      >
        <Form.Item name="kind" label={t('mcp.connection.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'mse', label: t('mcp.connection.kind.mse') },
              { value: 'selfHosted', label: t('mcp.connection.kind.self') },
            ]}
          />
        </Form.Item>
        {kind === 'mse' ? (
          <>
            <Form.Item name="regionId" label={t('mcp.connection.region')}>
              <Select
                loading={regions.isLoading}
                options={(regions.data?.items ?? [{ regionId: 'cn-hangzhou', name: 'cn-hangzhou' }]).map((r) => ({ value: r.regionId, label: r.name }))}
              />
            </Form.Item>
            <Form.Item name="instanceId" label={t('mcp.connection.instance')} rules={required}>
              <Select
                placeholder={t('mcp.connection.instance.placeholder')}
                loading={registries.isLoading}
                options={(registries.data?.items ?? []).map((r) => ({
                  value: r.instanceId,
                  disabled: !r.eligible,
                  label: `${t('mcp.connection.instance.option', { name: r.name, engine: r.engine, version: r.version, vpc: r.vpcId })}${r.reason ? ` — ${r.reason}` : ''}`,
                }))}
              />
            </Form.Item>
            <Form.Item name="network" label={t('mcp.connection.network')}>
              <Radio.Group
                options={[
                  { value: 'internet', label: t('mcp.connection.network.internet') },
                  { value: 'intranet', label: t('mcp.connection.network.intranet') },
                ]}
              />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="address" label={t('mcp.connection.address')} rules={required}>
            <Input placeholder={t('mcp.connection.address.placeholder')} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="authType" label={t('mcp.connection.auth')}>
          <Radio.Group
            options={[
              { value: 'password', label: t('mcp.connection.auth.password') },
              { value: 'accessKey', label: t('mcp.connection.auth.accessKey'), disabled: kind !== 'mse' },
            ]}
          />
        </Form.Item>
        {authType === 'password' || kind !== 'mse' ? (
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Form.Item name="username" label={t('mcp.connection.username')} rules={required} style={half}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="password" label={t('mcp.connection.password')} rules={required} style={half}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </div>
        ) : (
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Form.Item name="accessKeyId" label={t('mcp.connection.accessKeyId')} rules={required} style={half}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="accessKeySecret" label={t('mcp.connection.accessKeySecret')} rules={required} style={half}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </div>
        )}
        <Form.Item name="keep" label={t('mcp.connection.keep')} extra={t('mcp.connection.secretsNote')}>
          <Select
            options={[
              { value: 'memory', label: t('mcp.connection.keep.memory') },
              { value: '30', label: t('mcp.connection.keep.30') },
              { value: '480', label: t('mcp.connection.keep.480') },
            ]}
          />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={t('mcp.connection.failed')} description={<>{error.text}<CloudAnswer error={error.cause} /></>} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" disabled={doConnect.isPending}>
          {doConnect.isPending ? t('mcp.connection.connecting') : t('mcp.connection.connect')}
        </Button>
      </Form>
    </Panel>
  );
}
