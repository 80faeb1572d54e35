import { useCallback } from 'react';
import { format, type Locale } from '@dify-console/shared/domain/i18n';
import { useLocale } from '../../../lib/i18n/use-t';
import { mcpEn } from './mcp.en';
import { mcpZhCN, type McpMessageKey, type McpMessages } from './mcp.zh-CN';

export const MCP_DICTIONARIES: Record<Locale, McpMessages> = { 'zh-CN': mcpZhCN, en: mcpEn };

/** `t(key, params)` for the MCP page's own strings (they live in its lazily loaded chunk). */
export function useMcpT() {
  const { locale } = useLocale();
  const t = useCallback((key: McpMessageKey, params?: Record<string, string | number>) => format(MCP_DICTIONARIES[locale][key], params), [locale]);
  return { t, locale };
}
