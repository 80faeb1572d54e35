import { Alert, Empty, List, Spin, Tag, theme } from 'antd';
import { cloudAnswerOf } from '../../../components/cloud-answer';
import { errorMessage } from '../../../lib/api-client';
import { useDifyView } from '../api/dify';
import { useMcpT } from '../i18n/use-mcp-t';

/** The servers and tools the Dify nacos_mcp plugin would offer, and what it leaves out (and why). */
export function DifyViewPanel({ namespaceId }: { namespaceId: string }) {
  const { t, locale } = useMcpT();
  const { token } = theme.useToken();
  const view = useDifyView(namespaceId, locale);
  if (view.isLoading) return <Spin />;
  if (view.isError) return <Alert type="error" showIcon role="alert" title={errorMessage(view.error, locale)} description={cloudAnswerOf(view.error)} />;
  const data = view.data;
  if (!data) return null;
  return (
    <section aria-label={t('mcp.tabs.dify')}>
      <p style={{ color: token.colorTextSecondary }}>{t('mcp.dify.intro')}</p>
      {data.servers.length === 0 ? <Empty description={t('mcp.dify.empty')} /> : null}
      {data.servers.map((s) => (
        <section key={s.name} aria-label={s.name} style={{ marginBottom: 16 }}>
          <h3 style={{ margin: '0 0 4px' }}>
            <span translate="no">{s.name}</span> <Tag>{s.protocol}</Tag> <Tag>{s.version}</Tag>
          </h3>
          <div translate="no" style={{ color: token.colorTextSecondary, marginBottom: 4 }}>{s.description}</div>
          <List
            size="small"
            bordered
            dataSource={s.tools}
            renderItem={(tool) => (
              <List.Item>
                <code>{tool.name}</code>&nbsp;— <span translate="no">{tool.description}</span>
              </List.Item>
            )}
          />
        </section>
      ))}
      {data.hidden.length > 0 ? (
        <section aria-label={t('mcp.dify.hidden')}>
          <h3>{t('mcp.dify.hidden')}</h3>
          <List
            size="small"
            dataSource={data.hidden}
            renderItem={(h) => (
              <List.Item>
                <code>{h.name}</code>&nbsp;— {h.reason}
              </List.Item>
            )}
          />
        </section>
      ) : null}
    </section>
  );
}
