import { useState } from 'react';
import { Alert, Select, Spin, Tabs, theme } from 'antd';
import { cloudAnswerOf } from '../../../components/cloud-answer';
import { errorMessage } from '../../../lib/api-client';
import { useConnection } from '../api/connection';
import { useMcpT } from '../i18n/use-mcp-t';
import { ConnectionPanel } from './connection-panel';
import { DifyCardPanel } from './dify-card';
import { DifyViewPanel } from './dify-view';
import { ServerList } from './server-list';

/** "MCP": the registry connection, then its servers, what Dify will see, and how to connect Dify. */
export function McpPage() {
  const { t, locale } = useMcpT();
  const { token } = theme.useToken();
  const connection = useConnection(locale);
  const [namespaceId, setNamespaceId] = useState('public');
  const c = connection.data;

  return (
    <div>
      <h1 style={{ margin: '0 0 4px', fontSize: token.fontSizeHeading3, color: token.colorTextHeading }}>{t('mcp.title')}</h1>
      <p style={{ marginTop: 0, color: token.colorTextSecondary }}>{t('mcp.intro')}</p>
      {connection.isLoading ? <Spin /> : null}
      {connection.isError ? <Alert type="error" showIcon role="alert" title={errorMessage(connection.error, locale)} description={cloudAnswerOf(connection.error)} /> : null}
      {c ? <ConnectionPanel connection={c} /> : null}
      {c?.connected ? (
        <>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8 }}>
            <label htmlFor="mcp-namespace">{t('mcp.namespace')}</label>
            <Select
              id="mcp-namespace"
              style={{ minWidth: 200 }}
              value={namespaceId}
              onChange={setNamespaceId}
              // The registry's names, as it spells them.
              options={c.namespaces.map((n) => ({ value: n.id, label: <span translate="no">{n.name === n.id ? n.id : `${n.name} (${n.id})`}</span> }))}
            />
          </div>
          <Tabs
            items={[
              { key: 'servers', label: t('mcp.tabs.servers'), children: <ServerList namespaceId={namespaceId} /> },
              { key: 'dify', label: t('mcp.tabs.dify'), children: <DifyViewPanel namespaceId={namespaceId} /> },
              { key: 'card', label: t('mcp.tabs.card'), children: <DifyCardPanel namespaceId={namespaceId} /> },
            ]}
          />
        </>
      ) : null}
    </div>
  );
}
