import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { SessionState } from '@dify-console/shared/api/session';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { apiRequest, setCsrfToken } from '../../../lib/api-client';

export const sessionKeys = {
  all: ['session'] as const,
  state: () => [...sessionKeys.all, 'state'] as const,
};

export const sessionQueryOptions = (locale: Locale) =>
  queryOptions({
    queryKey: sessionKeys.state(),
    queryFn: async ({ signal }) => {
      // The contract's schemas (and zod) travel in their own chunk, fetched with the first request.
      const { getSession } = await import('@dify-console/shared/api/session');
      const state = await apiRequest(getSession, { locale, signal });
      setCsrfToken(state.csrfToken);
      return state;
    },
    staleTime: Infinity,
    retry: 1,
  });

export function useSession(locale: Locale) {
  return useQuery(sessionQueryOptions(locale));
}

/** The meta element the BFF puts the session state in when it serves the index (apps/bff plugins/static.ts). */
export const SESSION_META = 'dify-console-session';

/**
 * The session state the index came with, or undefined (no such element, or not the shape of
 * `GET /api/v1/session`'s answer: the state is then asked for as before). Checked by hand: zod is
 * not on the first screen. The element is removed once read (the anti-forgery token stays in memory only).
 */
export function inlineSessionState(doc: Document): SessionState | undefined {
  const meta = doc.querySelector(`meta[name="${SESSION_META}"]`);
  if (!meta) return undefined;
  meta.remove();
  let value: unknown;
  try {
    value = JSON.parse(meta.getAttribute('content') ?? '');
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const { loginRequired, authenticated, csrfToken } = value as Record<string, unknown>;
  if (typeof loginRequired !== 'boolean' || typeof authenticated !== 'boolean') return undefined;
  if (csrfToken !== undefined && (typeof csrfToken !== 'string' || csrfToken.length > 256)) return undefined;
  return { loginRequired, authenticated, ...(csrfToken === undefined ? {} : { csrfToken }) };
}

/**
 * What the first screen waits for: the session state. From the index when it came with it (no round
 * trip), else asked for (in parallel with React's first render).
 */
export function startSession(client: QueryClient, doc: Document, locale: Locale): void {
  const inline = inlineSessionState(doc);
  if (!inline) {
    void client.prefetchQuery(sessionQueryOptions(locale));
    return;
  }
  setCsrfToken(inline.csrfToken);
  client.setQueryData(sessionKeys.state(), inline);
}
