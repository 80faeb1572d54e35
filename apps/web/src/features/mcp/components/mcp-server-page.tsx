import { useState } from 'react';
import { Alert, Button, Descriptions, Select, Spin, Switch, Table, Tag, theme } from 'antd';
import { useMessage } from '../../../lib/feedback/message';
import { Link } from '../../../lib/router';
import type { McpServerDetail, McpTool } from '@dify-console/shared/api/mcp';
import { Panel } from '../../../components/panel';
import { cloudAnswerOf } from '../../../components/cloud-answer';
import { errorMessage } from '../../../lib/api-client';
import { isConflict, useChangeTool, useMcpServer, usePublishVersion } from '../api/servers';
import { useMcpT } from '../i18n/use-mcp-t';
import { DescriptionEditor } from './description-editor';

/** One MCP server: versions (publish one as latest), endpoints, and its tools (switch, edit description). */
export function McpServerPage({ mcpId, namespaceId }: { mcpId: string; namespaceId: string }) {
  const { t, locale } = useMcpT();
  const { token } = theme.useToken();
  const message = useMessage();
  const [version, setVersion] = useState<string | undefined>(undefined);
  const server = useMcpServer(mcpId, namespaceId, version, locale);
  const change = useChangeTool(mcpId, namespaceId, version, locale);
  const publish = usePublishVersion(mcpId, namespaceId, version, locale);
  const [editing, setEditing] = useState<McpTool | null>(null);
  const [problem, setProblem] = useState<{ conflict: boolean; text: string; cause: unknown } | null>(null);
  const d = server.data;

  const onError = (e: unknown) => setProblem({ conflict: isConflict(e), text: errorMessage(e, locale), cause: e });
  const toggle = (s: McpServerDetail, tool: McpTool, enabled: boolean) => {
    setProblem(null);
    change.mutate(
      { tool: tool.name, change: { namespaceId, version: s.version, revision: s.revision, enabled } },
      {
        onError,
        onSuccess: () => void message.success(t(enabled ? 'mcp.server.tool.switchedOn' : 'mcp.server.tool.switchedOff', { tool: tool.name })),
      },
    );
  };
  const saveDescription = (s: McpServerDetail, tool: McpTool, description: string) => {
    setProblem(null);
    change.mutate(
      { tool: tool.name, change: { namespaceId, version: s.version, revision: s.revision, description } },
      {
        onError: (e) => {
          setEditing(null);
          onError(e);
        },
        onSuccess: () => {
          setEditing(null);
          void message.success(t('mcp.server.tool.saved', { tool: tool.name }));
        },
      },
    );
  };

  return (
    <div>
      <Link to="/mcp">← {t('mcp.server.back')}</Link>
      {server.isLoading ? <Spin /> : null}
      {server.isError ? <Alert type="error" showIcon role="alert" title={errorMessage(server.error, locale)} description={cloudAnswerOf(server.error)} style={{ marginTop: 12 }} /> : null}
      {d ? (
        <>
          <h1 style={{ margin: '8px 0 4px', fontSize: token.fontSizeHeading3, color: token.colorTextHeading }}>
            <span translate="no">{d.name}</span> <Tag>{d.frontProtocol ? `${d.protocol} → ${d.frontProtocol}` : d.protocol}</Tag>
          </h1>
          <p translate="no" style={{ marginTop: 0, color: token.colorTextSecondary }}>{d.description}</p>
          {problem ? (
            <Alert
              type={problem.conflict ? 'warning' : 'error'}
              showIcon
              role="alert"
              closable={{ onClose: () => setProblem(null) }}
              title={problem.conflict ? t('mcp.server.conflict') : problem.text}
              description={
                problem.conflict ? (
                  <>
                    {problem.text}
                    {cloudAnswerOf(problem.cause)}
                  </>
                ) : (
                  cloudAnswerOf(problem.cause)
                )
              }
              style={{ marginBottom: 12 }}
            />
          ) : null}
          <Panel title={t('mcp.server.versions')} id="mcp-versions">
            <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
              <Select
                aria-label={t('mcp.server.versions')}
                style={{ minWidth: 220 }}
                value={d.version}
                onChange={(v: string) => setVersion(v)}
                options={d.versions.map((v) => ({
                  value: v.version,
                  label: `${v.version}${v.latest ? ` · ${t('mcp.server.latest')}` : ''}${v.releaseDate ? ` · ${releaseTime(v.releaseDate, locale)}` : ''}`,
                }))}
              />
              {d.version !== d.latestVersion ? (
                <Button
                  loading={publish.isPending}
                  onClick={() => {
                    setProblem(null);
                    publish.mutate(
                      { namespaceId, version: d.version, revision: d.revision },
                      { onError, onSuccess: () => void message.success(t('mcp.server.published', { version: d.version })) },
                    );
                  }}
                >
                  {t('mcp.server.publish')}
                </Button>
              ) : (
                <Tag color="green">{t('mcp.server.latest')}</Tag>
              )}
            </div>
            <Descriptions
              size="small"
              column={1}
              style={{ marginTop: 12 }}
              items={[
                {
                  key: 'endpoints',
                  label: t('mcp.server.endpoints'),
                  children: d.endpoints.length > 0 ? d.endpoints.map((e) => <div key={e}><code>{e}</code></div>) : t('mcp.server.noEndpoints'),
                },
                ...(d.localConfig ? [{ key: 'local', label: t('mcp.server.local'), children: <pre style={{ margin: 0 }}>{d.localConfig}</pre> }] : []),
              ]}
            />
          </Panel>
          <Panel title={t('mcp.server.tools')} id="mcp-tools">
            <Table<McpTool>
              rowKey="name"
              size="middle"
              pagination={false}
              dataSource={d.tools}
              expandable={{
                expandedRowRender: (tool) => <pre style={{ margin: 0 }}>{JSON.stringify(tool.inputSchema, null, 2)}</pre>,
              }}
              columns={[
                { key: 'name', title: t('mcp.server.tool.name'), render: (_, tool) => <code>{tool.name}</code> },
                { key: 'description', title: t('mcp.server.tool.description'), render: (_, tool) => <span translate="no">{tool.description}</span> },
                {
                  key: 'enabled',
                  title: t('mcp.server.tool.enabled'),
                  render: (_, tool) => (
                    <Switch
                      aria-label={`${t('mcp.server.tool.enabled')} ${tool.name}`}
                      checked={tool.enabled}
                      loading={change.isPending && change.variables.tool === tool.name}
                      onChange={(on) => toggle(d, tool, on)}
                    />
                  ),
                },
                {
                  key: 'edit',
                  title: '',
                  render: (_, tool) => (
                    <Button size="small" aria-label={`${t('mcp.server.tool.edit')} ${tool.name}`} onClick={() => setEditing(tool)}>
                      {t('mcp.server.tool.edit')}
                    </Button>
                  ),
                },
              ]}
            />
          </Panel>
          {editing ? (
            <DescriptionEditor
              tool={editing}
              version={d.version}
              saving={change.isPending}
              onCancel={() => setEditing(null)}
              onSave={(text) => saveDescription(d, editing, text)}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** The registry's release time in the user's words (Nacos gives an ISO time); as given if it is not one. */
function releaseTime(value: string, locale: string): string {
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : at.toLocaleString(locale);
}
