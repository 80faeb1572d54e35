import { vi } from 'vitest';

/** A controllable EventSource: tests open, emit and break the stream by hand. */
export class MockEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: MockEventSource[] = [];

  readonly url: string;
  readyState = MockEventSource.CONNECTING;
  onopen: ((event: Event) => void) | null = null;

  constructor(url: string | URL) {
    super();
    this.url = String(url);
    MockEventSource.instances.push(this);
  }

  open(): void {
    this.readyState = MockEventSource.OPEN;
    const event = new Event('open');
    this.onopen?.(event);
    this.dispatchEvent(event);
  }

  /** A server event `name` with JSON `data`. */
  emit(name: string, data: unknown): void {
    this.dispatchEvent(new MessageEvent(name, { data: JSON.stringify(data) }));
  }

  /** The connection drops; the browser will retry (CONNECTING). */
  drop(): void {
    this.readyState = MockEventSource.CONNECTING;
    this.dispatchEvent(new Event('error'));
  }

  close(): void {
    this.readyState = MockEventSource.CLOSED;
  }

  static latest(): MockEventSource {
    const last = MockEventSource.instances.at(-1);
    if (!last) throw new Error('no EventSource was opened');
    return last;
  }
}

export function stubEventSource(): typeof MockEventSource {
  MockEventSource.instances = [];
  vi.stubGlobal('EventSource', MockEventSource);
  return MockEventSource;
}
