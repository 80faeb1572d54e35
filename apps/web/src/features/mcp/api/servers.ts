import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { changeMcpTool, getMcpServer, listMcpServers, publishMcpVersion, type McpServerDetail, type ToolChange } from '@dify-console/shared/api/mcp';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest, ApiError } from '../../../lib/api-client';
import { mcpKeys } from './mcp-keys';

export function useMcpServers(f: { namespaceId: string; search: string; pageNo: number; pageSize: number }, lang: Locale) {
  return useQuery({
    queryKey: mcpKeys.servers({ ...f, lang }),
    queryFn: ({ signal }) =>
      apiRequest(listMcpServers, { query: { ...f, search: f.search || undefined }, locale: lang, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMcpServer(mcpId: string, namespaceId: string, version: string | undefined, lang: Locale) {
  return useQuery({
    queryKey: mcpKeys.server(mcpId, { namespaceId, version, lang }),
    queryFn: ({ signal }) => apiRequest(getMcpServer, { params: { mcpId }, query: { namespaceId, version }, locale: lang, signal }),
  });
}

export const isConflict = (e: unknown) => e instanceof ApiError && e.status === 409 && e.code === 'Mcp.ConcurrentChange';

/** After a change (or a refused one), everything read from the registry is read again. */
function useAfterChange(mcpId: string, namespaceId: string, version: string | undefined, lang: Locale) {
  const client = useQueryClient();
  return {
    onSuccess: (d: McpServerDetail) => {
      client.setQueryData(mcpKeys.server(mcpId, { namespaceId, version, lang }), d);
      void client.invalidateQueries({ queryKey: mcpKeys.registryData() });
    },
    onError: (e: unknown) => {
      if (isConflict(e)) void client.invalidateQueries({ queryKey: mcpKeys.registryData() });
    },
  };
}

export function useChangeTool(mcpId: string, namespaceId: string, version: string | undefined, lang: Locale) {
  return useMutation({
    mutationFn: ({ tool, change }: { tool: string; change: ToolChange }) =>
      apiRequest(changeMcpTool, { params: { mcpId, toolName: tool }, body: change, locale: lang }),
    ...useAfterChange(mcpId, namespaceId, version, lang),
  });
}

export function usePublishVersion(mcpId: string, namespaceId: string, version: string | undefined, lang: Locale) {
  return useMutation({
    mutationFn: (body: { namespaceId: string; version: string; revision: string }) => apiRequest(publishMcpVersion, { params: { mcpId }, body, locale: lang }),
    ...useAfterChange(mcpId, namespaceId, version, lang),
  });
}
