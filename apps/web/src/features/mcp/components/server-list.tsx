import { useState } from 'react';
import { Alert, Input, Table, Tag } from 'antd';
import { Link } from '../../../lib/router';
import type { McpServerSummary } from '@dify-console/shared/api/mcp';
import { errorMessage } from '../../../lib/api-client';
import { useMcpServers } from '../api/servers';
import { useMcpT } from '../i18n/use-mcp-t';

const PAGE_SIZE = 10;

/** The namespace's MCP servers: search by name, pages, which ones Dify's plugin can see. */
export function ServerList({ namespaceId }: { namespaceId: string }) {
  const { t, locale } = useMcpT();
  const [search, setSearch] = useState('');
  const [pageNo, setPageNo] = useState(1);
  const servers = useMcpServers({ namespaceId, search, pageNo, pageSize: PAGE_SIZE }, locale);
  return (
    <div>
      <Input.Search
        allowClear
        placeholder={t('mcp.servers.search')}
        aria-label={t('mcp.servers.search')}
        style={{ maxWidth: 320, marginBottom: 12 }}
        onSearch={(v) => {
          setSearch(v.trim());
          setPageNo(1);
        }}
      />
      {servers.isError ? <Alert type="error" showIcon role="alert" title={errorMessage(servers.error, locale)} style={{ marginBottom: 12 }} /> : null}
      <Table<McpServerSummary>
        rowKey="id"
        size="middle"
        loading={servers.isFetching}
        dataSource={servers.data?.items ?? []}
        locale={{ emptyText: t('mcp.servers.empty') }}
        pagination={{ current: pageNo, pageSize: PAGE_SIZE, total: servers.data?.totalCount ?? 0, onChange: setPageNo, hideOnSinglePage: true }}
        columns={[
          {
            key: 'name',
            title: t('mcp.servers.name'),
            // The registry's names and words, as they are written there.
            render: (_, s) => (
              <Link to={`/mcp/servers/${encodeURIComponent(s.id)}?namespaceId=${encodeURIComponent(namespaceId)}`} translate="no">
                {s.name}
              </Link>
            ),
          },
          {
            key: 'protocol',
            title: t('mcp.servers.protocol'),
            render: (_, s) => (s.frontProtocol ? `${s.protocol} → ${s.frontProtocol}` : s.protocol),
          },
          { key: 'version', title: t('mcp.servers.version'), dataIndex: 'latestVersion' },
          { key: 'description', title: t('mcp.servers.description'), render: (_, s) => <span translate="no">{s.description}</span> },
          {
            key: 'dify',
            title: t('mcp.servers.dify'),
            render: (_, s) => (s.visibleToDify ? <Tag color="green">{t('mcp.servers.dify.yes')}</Tag> : <Tag>{t('mcp.servers.dify.no')}</Tag>),
          },
        ]}
      />
    </div>
  );
}
