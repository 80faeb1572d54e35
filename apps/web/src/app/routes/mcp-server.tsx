import { useParams, useSearchParams } from '../../lib/router';
import { McpServerPage } from '../../features/mcp/components/mcp-server-page';

/** One MCP server: versions, endpoints, tools (switches, descriptions). Loaded lazily. */
export function McpServerRoute() {
  const { mcpId = '' } = useParams();
  const [search] = useSearchParams();
  return <McpServerPage mcpId={mcpId} namespaceId={search.get('namespaceId') ?? 'public'} />;
}

export { McpServerRoute as Component };
