import { McpPage } from '../../features/mcp/components/mcp-page';

/** The Nacos MCP Registry: connection, servers, what Dify sees, connecting Dify. Loaded lazily. */
export function McpRoute() {
  return <McpPage />;
}

export { McpRoute as Component };
