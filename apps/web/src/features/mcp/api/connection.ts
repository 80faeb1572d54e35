import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { connect, disconnect, getConnection, type ConnectRequest, type Connection } from '@dify-console/shared/api/mcp';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest } from '../../../lib/api-client';
import { mcpKeys } from './mcp-keys';

export function useConnection(lang: Locale) {
  return useQuery({ queryKey: mcpKeys.connection(), queryFn: ({ signal }) => apiRequest(getConnection, { locale: lang, signal }) });
}

/** Connects; the request carries a password or a secret, so the finished mutation is not kept. */
export function useConnect(lang: Locale) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ConnectRequest) => apiRequest(connect, { body, locale: lang }),
    gcTime: 0,
    onSuccess: (c: Connection) => {
      client.setQueryData(mcpKeys.connection(), c);
      void client.invalidateQueries({ queryKey: mcpKeys.registryData() });
    },
  });
}

export function useDisconnect(lang: Locale) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(disconnect, { locale: lang }),
    onSuccess: (c: Connection) => {
      client.setQueryData(mcpKeys.connection(), c);
      client.removeQueries({ queryKey: mcpKeys.registryData() });
    },
  });
}
