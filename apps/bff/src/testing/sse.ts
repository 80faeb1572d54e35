import { DeploymentEventSchema, type DeploymentEvent } from '@dify-console/shared/api/deployments';

/** A Server-Sent Events client for tests: fetch + a streaming reader, every event validated. */
export interface EventStream {
  status: number;
  contentType: string;
  events: DeploymentEvent[];
  /** Everything received, comments and `retry:` included. */
  raw: () => string;
  /** Resolves when the server ends the stream (or the client aborts). */
  done: Promise<void>;
  /** Resolves when an event matching `pred` has arrived. */
  until: (pred: (e: DeploymentEvent) => boolean, ms?: number) => Promise<DeploymentEvent>;
  abort: () => void;
}

export async function openEvents(baseUrl: string, instanceId: string, lang = 'en'): Promise<EventStream> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/deployments/${instanceId}/events?lang=${lang}`, {
    signal: controller.signal,
    headers: { accept: 'text/event-stream' },
  });
  const events: DeploymentEvent[] = [];
  let text = '';
  let buffer = '';
  const waiters: { pred: (e: DeploymentEvent) => boolean; resolve: (e: DeploymentEvent) => void }[] = [];
  const emit = (e: DeploymentEvent) => {
    events.push(e);
    for (const w of [...waiters]) {
      if (w.pred(e)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  };
  const parse = (block: string) => {
    let type = '';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) type = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (!type || !data) return;
    const event = DeploymentEventSchema.parse(JSON.parse(data));
    if (event.type !== type) throw new Error(`event name ${type} does not match its data (${event.type})`);
    emit(event);
  };
  const done = (async () => {
    if (!res.body) return;
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        const chunk = decoder.decode(value, { stream: true });
        text += chunk;
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          parse(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
        }
      }
    } catch (err) {
      if (!controller.signal.aborted) throw err;
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    events,
    raw: () => text,
    done,
    until: (pred, ms = 10_000) => {
      const found = events.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise<DeploymentEvent>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('event did not arrive in time')), ms);
        waiters.push({ pred, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    abort: () => controller.abort(),
  };
}
