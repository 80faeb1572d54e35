import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { DEPLOYMENT_EVENTS_PATH, DeploymentEventSchema, type DeploymentEvent, type LogEntry } from '@dify-console/shared/api/deployments';
import { buildPath } from '@dify-console/shared/api/contract';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { isFinalStatus } from '@dify-console/shared/domain/deployment-status';
import { deploymentKeys } from './deployment-keys';

/** connecting → live; reconnecting while the browser retries; closed once final (or refused). */
export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'closed';

export const EVENT_NAMES = ['status', 'logs', 'error'] as const;

export function deploymentEventsUrl(instanceId: string, lang: Locale): string {
  return buildPath(DEPLOYMENT_EVENTS_PATH, { instanceId }, { lang });
}

/** One event of the stream, from its SSE event name and JSON data (the name wins over a `type` field). */
export function parseDeploymentEvent(name: string, data: string): DeploymentEvent | null {
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const type = name === 'message' ? (payload as { type?: unknown }).type : name;
  const parsed = DeploymentEventSchema.safeParse({ ...payload, type });
  if (!parsed.success) {
    console.error('Deployment event does not match the contract', name, parsed.error.issues);
    return null;
  }
  return parsed.data;
}

const logKey = (e: LogEntry) => `${e.timestamp}\u0000${e.status ?? ''}\u0000${e.content}`;

/** Adds new lines (a reconnection replays the earlier ones), oldest first, newest at the bottom. */
export function mergeLogs(current: LogEntry[], incoming: LogEntry[]): LogEntry[] {
  const seen = new Set(current.map(logKey));
  const fresh = incoming.filter((e) => {
    const k = logKey(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (fresh.length === 0) return current;
  // Stable: lines of the same instant keep their order of arrival.
  return [...current, ...fresh].sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
}

/**
 * Follows a deployment over Server-Sent Events: `status` events update the detail query, `logs`
 * events add lines, `error` events are shown until the next `status` (the BFF's poll succeeded again). The browser reconnects by itself after a network
 * error; the stream is closed when a final status arrives. `session` restarts it (after a
 * deletion, to follow the instance again).
 */
export function useDeploymentEvents(instanceId: string, lang: Locale, session = 0) {
  const client = useQueryClient();
  const [logs, setLogs] = useState<LogEntry[]>([]);
  const [connection, setConnection] = useState<{ session: number; state: StreamState }>({ session, state: 'connecting' });
  const [serverError, setServerError] = useState<string | null>(null);

  useEffect(() => {
    const source = new EventSource(deploymentEventsUrl(instanceId, lang));
    const setState = (state: StreamState) => setConnection({ session, state });
    const apply = (event: DeploymentEvent | null) => {
      if (!event) return;
      if (event.type === 'status') {
        // A poll succeeded: a cloud error shown before is over (the BFF sends the status on recovery).
        setServerError(null);
        client.setQueryData(deploymentKeys.detail(instanceId, lang), event.deployment);
        if (isFinalStatus(event.deployment.status)) {
          source.close();
          setState('closed');
        }
      } else if (event.type === 'logs') {
        setLogs((current) => mergeLogs(current, event.entries));
      } else {
        setServerError(event.message);
      }
    };
    const onNamed = (name: string) => (event: Event) => {
      if (event instanceof MessageEvent && typeof event.data === 'string') apply(parseDeploymentEvent(name, event.data));
    };
    source.onopen = () => {
      setState('live');
      setServerError(null);
    };
    source.addEventListener('status', onNamed('status'));
    source.addEventListener('logs', onNamed('logs'));
    source.addEventListener('message', onNamed('message'));
    source.addEventListener('error', (event) => {
      // The server's own `error` event carries data; the browser's carries none (connection lost).
      if (event instanceof MessageEvent && typeof event.data === 'string') {
        apply(parseDeploymentEvent('error', event.data));
        return;
      }
      setState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    });
    return () => source.close();
  }, [instanceId, lang, session, client]);

  const state: StreamState = connection.session === session ? connection.state : 'connecting';
  return { logs, state, serverError };
}
