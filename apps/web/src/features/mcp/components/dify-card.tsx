import { useState } from 'react';
import { Alert, Button, Descriptions, Select, Spin, Tag, theme } from 'antd';
import { useMessage } from '../../../lib/feedback/message';
import { Panel } from '../../../components/panel';
import { cloudAnswerOf } from '../../../components/cloud-answer';
import { errorMessage } from '../../../lib/api-client';
import { useDeploymentChoices, useDifyCard } from '../api/dify';
import { translate } from '../../../lib/i18n/use-t';
import { useMcpT } from '../i18n/use-mcp-t';
import { withCode } from '../../../components/inline-code';

/** The exact values for the plugin's authorization form, the steps in Dify, the router way, and a reachability check. */
export function DifyCardPanel({ namespaceId }: { namespaceId: string }) {
  const { t, locale } = useMcpT();
  const { token } = theme.useToken();
  const message = useMessage();
  const [deploymentId, setDeploymentId] = useState<string | undefined>(undefined);
  const card = useDifyCard(namespaceId, deploymentId, locale);
  const deployments = useDeploymentChoices(locale);
  const copy = async (value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      void message.success(t('mcp.card.copied'));
    } catch {
      /* the value stays visible to copy by hand */
    }
  };
  const copyable = (label: string, value: string | null, secret = false) =>
    value === null
      ? null
      : {
          key: label,
          label: <code>{label}</code>,
          children: (
            <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
              <code data-field={label}>{value}</code>
              {secret ? null : (
                <Button size="small" aria-label={`${t('mcp.card.copy')} ${label}`} onClick={() => void copy(value)}>
                  {t('mcp.card.copy')}
                </Button>
              )}
            </span>
          ),
        };

  if (card.isLoading) return <Spin />;
  if (card.isError) return <Alert type="error" showIcon role="alert" title={errorMessage(card.error, locale)} description={cloudAnswerOf(card.error)} />;
  const c = card.data;
  if (!c) return null;
  const p = c.plugin;
  return (
    <div>
      <Panel title={t('mcp.card.plugin')} id="mcp-plugin">
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            copyable('nacos_addr', p.nacos_addr),
            copyable('nacos_username', p.nacos_username),
            copyable('nacos_password', p.nacos_password, true),
            copyable('nacos_accessKey', p.nacos_accessKey),
            copyable('nacos_secretKey', p.nacos_secretKey, true),
            copyable('namespace_id', p.namespace_id),
          ].filter((x) => x !== null)}
        />
        <p style={{ color: token.colorTextSecondary }}>{c.addressNote}</p>
        <p style={{ color: token.colorTextSecondary }}>{t('mcp.card.secretNote')}</p>
        <h3>{t('mcp.card.steps')}</h3>
        <ol>
          {c.steps.map((s) => (
            <li key={s}>{withCode(s)}</li>
          ))}
        </ol>
      </Panel>
      <Panel title={t('mcp.card.reach')} id="mcp-reach">
        <Select
          // The clear button's name in the user's language (the select's own is English).
          allowClear={{ label: translate(locale, 'picker.clear') }}
          style={{ minWidth: 320, marginBottom: 12 }}
          aria-label={t('mcp.card.deployment')}
          placeholder={t('mcp.card.deployment.placeholder')}
          value={deploymentId}
          onChange={setDeploymentId}
          loading={deployments.isLoading}
          options={(deployments.data?.items ?? []).map((d) => ({ value: d.instanceId, label: `${d.name} (${d.instanceId})` }))}
        />
        {c.reachability?.checks.map((ch) => (
          <Alert
            key={ch.id}
            type={ch.status === 'pass' ? 'success' : ch.status === 'fail' ? 'error' : 'warning'}
            showIcon
            style={{ marginBottom: 8 }}
            title={
              <span>
                {ch.title} <Tag>{t(ch.status === 'pass' ? 'mcp.card.check.pass' : ch.status === 'fail' ? 'mcp.card.check.fail' : 'mcp.card.check.warn')}</Tag>
              </span>
            }
            description={ch.detail}
          />
        ))}
      </Panel>
      <Panel title={t('mcp.card.router')} id="mcp-router">
        <p>{withCode(c.router.note)}</p>
        <Descriptions size="small" column={1} bordered items={[copyable(t('mcp.card.routerUrl'), c.router.url)].filter((x) => x !== null)} />
        <pre style={{ background: token.colorFillQuaternary, padding: 8, marginTop: 8 }}>
          {Object.entries(c.router.env)
            .map(([k, v]) => `${k}=${v}`)
            .join('\n')}
        </pre>
      </Panel>
    </div>
  );
}
