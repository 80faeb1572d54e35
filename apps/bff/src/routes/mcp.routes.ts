import type { FastifyPluginAsync } from 'fastify';
import {
  changeMcpTool,
  connect,
  disconnect,
  getConnection,
  getDifyCard,
  getDifyView,
  getMcpServer,
  listMcpServers,
  listMseRegistries,
  publishMcpVersion,
} from '@dify-console/shared/api/mcp';
import type { McpRegistryService } from '../services/mcp/mcp.service';
import { registerEndpoint } from './endpoint';

export interface McpRoutesOptions {
  mcp: McpRegistryService;
}

export const mcpRoutes: FastifyPluginAsync<McpRoutesOptions> = async (app, { mcp }) => {
  registerEndpoint(app, listMseRegistries, ({ query, locale }) => mcp.listRegistries(query.regionId, locale));
  registerEndpoint(app, getConnection, () => Promise.resolve(mcp.connection()));
  registerEndpoint(app, connect, ({ body, locale }) => mcp.connect(body, locale));
  registerEndpoint(app, disconnect, () => Promise.resolve(mcp.disconnect()));
  registerEndpoint(app, listMcpServers, ({ query, locale }) => mcp.listServers(query, locale));
  registerEndpoint(app, getMcpServer, ({ params, query, locale }) => mcp.getServer(params.mcpId, query, locale));
  registerEndpoint(app, changeMcpTool, ({ params, body, locale }) => mcp.changeTool(params.mcpId, params.toolName, body, locale));
  registerEndpoint(app, publishMcpVersion, ({ params, body, locale }) => mcp.publish(params.mcpId, body, locale));
  registerEndpoint(app, getDifyView, ({ query, locale }) => mcp.difyView(query.namespaceId, locale));
  registerEndpoint(app, getDifyCard, ({ query, locale }) => mcp.difyCard(query.namespaceId, query.deploymentId, locale));
};
