import type { DeploymentPhase, LogEntry } from '@dify-console/shared/api/deployments';
import { isFinalStatus } from '@dify-console/shared/domain/deployment-status';
import { systemClock, type Clock } from '../../lib/clock';
import type { AccountContext } from '../account';
import { furthest, phaseOfLog, secretValuesIn, toLogEntry, toStatus } from './mapping';
import { allTokenPages, type ComputeNestPort, type LogRecord, type ResourceRecord, type ServiceInstanceRecord } from '../../ports/deployments';

/**
 * Live tracking of deployments: ONE poller per (account, instance) however many watchers, with
 * reference-counted subscribers and fan-out. A new subscriber first gets every log line so far and
 * the current status, then new lines and status changes. The poller backs off while nothing
 * changes or the cloud fails (never beyond the longest interval), polls at the shortest interval
 * again once a call succeeds (publishing the status, so an error shown goes away), stops after
 * publishing a final status (and ends every subscription), and stops when its last subscriber
 * leaves. It keeps nothing beyond its own lifetime: after a restart a new
 * poller simply reads the cloud again.
 */

export type HubEvent =
  | { type: 'status'; record: ServiceInstanceRecord; resources: ResourceRecord[]; logPhase: DeploymentPhase | undefined }
  | { type: 'logs'; entries: LogEntry[] }
  | { type: 'error'; error: unknown }
  /** `shutdown`: the console is stopping, not the deployment: the browser should reconnect (to another replica). */
  | { type: 'end'; reason?: 'shutdown' };

export type HubListener = (event: HubEvent) => void;

export interface HubOptions {
  /** Delays between polls: the first after a change, then longer while nothing changes. */
  intervalsMs?: number[];
  /** Log lines kept per poller for late subscribers. */
  maxLogLines?: number;
  /** The resources are listed again on a status change, or when this old (default 10 s). */
  resourcesMaxAgeMs?: number;
  /** Time and timers (tests move a manual clock). */
  clock?: Clock;
}

export const DEFAULT_INTERVALS_MS = [1000, 2000, 5000, 10_000];

const statusKey = (r: ServiceInstanceRecord) => [r.Status, r.Progress, r.StatusDetail, r.UpdateTime, r.Outputs].join('\u0000');
const logKey = (l: LogRecord) => [l.Timestamp, l.Content, l.Status ?? '', l.ResourceId ?? ''].join('\u0000');

interface Subscriber {
  listener: HubListener;
  primed: boolean;
}

class Watch {
  readonly subscribers = new Set<Subscriber>();
  record: ServiceInstanceRecord | null = null;
  resources: ResourceRecord[] = [];
  logs: LogEntry[] = [];
  /** The furthest phase the log lines so far speak of. */
  logPhase: DeploymentPhase | undefined;
  finished = false;
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private rejectReady!: (err: unknown) => void;
  private started = false;
  private stopped = false;
  private timer: unknown;
  private step = 0;
  /** The last poll failed: the next success is published even if nothing changed, and resets the backoff. */
  private failing = false;
  private readonly seen = new Set<string>();
  private resourcesAt = 0;
  private nextToken: string | undefined;
  private lastTimestamp: string | undefined;
  /** Calls made by this poller, for tests and logs. */
  polls = 0;

  constructor(
    private readonly instanceId: string,
    private readonly port: ComputeNestPort,
    private readonly intervals: number[],
    private readonly maxLogLines: number,
    private readonly resourcesMaxAgeMs: number,
    private readonly clock: Clock,
    private readonly onStop: () => void,
    private readonly onDeployed: (instanceId: string, record: ServiceInstanceRecord) => void = () => undefined,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // A rejection nobody awaits (every subscriber left) must not become an unhandled one.
    this.ready.catch(() => undefined);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.tick();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.rejectReady(new Error('stopped'));
    this.onStop();
  }

  /** Delivers the current state to a subscriber that joined (once the first poll is in). */
  prime(sub: Subscriber): void {
    if (sub.primed || !this.subscribers.has(sub) || !this.record) return;
    sub.primed = true;
    // The log first, as in every poll: a client may stop listening at a final status, and the
    // lines that led to it must already be there (reopening a finished deployment shows its log).
    if (this.logs.length > 0) sub.listener({ type: 'logs', entries: [...this.logs] });
    sub.listener({ type: 'status', record: this.record, resources: this.resources, logPhase: this.logPhase });
    if (this.finished) {
      this.subscribers.delete(sub);
      sub.listener({ type: 'end' });
    }
  }

  private publish(event: HubEvent): void {
    for (const sub of this.subscribers) {
      if (!sub.primed) continue;
      try {
        sub.listener(event);
      } catch {
        // A broken subscriber must not stop the others.
      }
    }
  }

  private async readLogs(secrets: string[]): Promise<LogEntry[]> {
    const fresh: LogEntry[] = [];
    for (let page = 0; page < 20; page += 1) {
      const continuing = this.nextToken !== undefined;
      const res = await this.port.listServiceInstanceLogs(this.instanceId, {
        nextToken: this.nextToken,
        startTime: continuing ? undefined : this.lastTimestamp,
      });
      for (const item of res.items) {
        const key = logKey(item);
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        fresh.push(toLogEntry(item, secrets));
        this.logPhase = furthest(this.logPhase, phaseOfLog(item.Content));
        if (item.Timestamp) this.lastTimestamp = item.Timestamp;
      }
      if (res.nextToken && res.items.length > 0) {
        this.nextToken = res.nextToken;
        continue;
      }
      // The end for now: next time continue from the token if the cloud gave one, else from the
      // last timestamp (lines already seen are skipped).
      this.nextToken = res.nextToken || undefined;
      break;
    }
    return fresh;
  }

  /** One poll: the instance, then its new log lines (so lines come before the status they led to). */
  private async pollOnce(): Promise<boolean> {
    this.polls += 1;
    const record = await this.port.getServiceInstance(this.instanceId);
    const entries = await this.readLogs(secretValuesIn(record));
    const statusChanged = !this.record || statusKey(this.record) !== statusKey(record);
    // The resources change with the stage, not with every percent: listed again when the status
    // itself changes or the last listing is old.
    const stale = !this.record || this.record.Status !== record.Status || this.clock.now() - this.resourcesAt >= this.resourcesMaxAgeMs;
    let resources = this.resources;
    if (statusChanged && stale) {
      resources = await allTokenPages((nextToken) => this.port.listServiceInstanceResources(this.instanceId, { nextToken }));
      this.resourcesAt = this.clock.now();
    }
    if (this.stopped) return false;
    const first = this.record === null;
    if (entries.length > 0) {
      this.logs.push(...entries);
      if (this.logs.length > this.maxLogLines) this.logs.splice(0, this.logs.length - this.maxLogLines);
    }
    // Reaching Deployed while watched (not an old deployment opened again): the smoke test runs.
    if (record.Status === 'Deployed' && this.record && this.record.Status !== 'Deployed') this.onDeployed(this.instanceId, record);
    this.record = record;
    this.resources = resources;
    if (!first) {
      if (entries.length > 0) this.publish({ type: 'logs', entries });
      if (statusChanged) this.publish({ type: 'status', record, resources, logPhase: this.logPhase });
    }
    const recovered = this.failing;
    this.failing = false;
    // Back from a failed poll: subscribers learn that the stream is live again (their error goes).
    if (recovered && !first && !statusChanged) this.publish({ type: 'status', record, resources, logPhase: this.logPhase });
    return statusChanged || entries.length > 0 || recovered;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const first = this.record === null;
    let changed = false;
    try {
      changed = await this.pollOnce();
    } catch (err) {
      if (first) {
        this.rejectReady(err);
        this.stop();
        return;
      }
      this.failing = true;
      this.publish({ type: 'error', error: err });
    }
    if (this.stopped) return;
    if (first) {
      this.resolveReady();
      for (const sub of this.subscribers) this.prime(sub);
    }
    if (this.record && isFinalStatus(toStatus(this.record.Status))) {
      this.finished = true;
      for (const sub of [...this.subscribers]) {
        if (!sub.primed) continue;
        this.subscribers.delete(sub);
        sub.listener({ type: 'end' });
      }
      this.stop();
      return;
    }
    this.step = changed ? 0 : Math.min(this.step + 1, this.intervals.length - 1);
    this.timer = this.clock.setTimeout(() => void this.tick(), this.intervals[this.step] ?? 1000);
  }

  /** Ends every subscription (app shutdown). */
  close(reason?: 'shutdown'): void {
    for (const sub of [...this.subscribers]) {
      this.subscribers.delete(sub);
      try {
        sub.listener(reason ? { type: 'end', reason } : { type: 'end' });
      } catch {
        // closing anyway
      }
    }
    this.stop();
  }
}

export class DeploymentHub {
  private readonly watches = new Map<string, Watch>();
  private readonly intervals: number[];
  private readonly maxLogLines: number;
  private readonly resourcesMaxAgeMs: number;
  private readonly clock: Clock;
  private closed = false;

  constructor(
    private readonly port: ComputeNestPort,
    private readonly account: AccountContext,
    options: HubOptions = {},
  ) {
    this.intervals = options.intervalsMs?.length ? options.intervalsMs : DEFAULT_INTERVALS_MS;
    this.maxLogLines = options.maxLogLines ?? 5000;
    this.resourcesMaxAgeMs = options.resourcesMaxAgeMs ?? 10_000;
    this.clock = options.clock ?? systemClock;
  }

  private readonly deployedListeners = new Set<(instanceId: string, record: ServiceInstanceRecord) => void>();

  /** Called when a watched deployment reaches Deployed (once per poller that sees it happen), with the record it read. */
  onDeployed(listener: (instanceId: string, record: ServiceInstanceRecord) => void): void {
    this.deployedListeners.add(listener);
  }

  /** Pollers running now (one per watched instance). */
  get size(): number {
    return this.watches.size;
  }

  /**
   * Subscribes to an instance. Resolves once the listener has had the current state (rejects when
   * the first read fails, e.g. an unknown instance); the function it returns unsubscribes.
   */
  async subscribe(instanceId: string, listener: HubListener): Promise<() => void> {
    if (this.closed) throw new Error('the deployment hub is closed');
    const key = `${await this.account.id()}|${instanceId}`;
    let watch = this.watches.get(key);
    if (!watch) {
      const created: Watch = new Watch(
        instanceId,
        this.port,
        this.intervals,
        this.maxLogLines,
        this.resourcesMaxAgeMs,
        this.clock,
        () => {
          if (this.watches.get(key) === created) this.watches.delete(key);
        },
        (id, record) => {
          for (const l of this.deployedListeners) {
            try {
              l(id, record);
            } catch {
              // a listener's failure is its own
            }
          }
        },
      );
      watch = created;
      this.watches.set(key, watch);
    }
    const sub: Subscriber = { listener, primed: false };
    const w = watch;
    w.subscribers.add(sub);
    const unsubscribe = () => {
      if (!w.subscribers.delete(sub)) return;
      if (w.subscribers.size === 0 && !w.finished) w.stop();
    };
    w.start();
    try {
      await w.ready;
    } catch (err) {
      w.subscribers.delete(sub);
      throw err;
    }
    w.prime(sub);
    return unsubscribe;
  }

  close(reason?: 'shutdown'): void {
    this.closed = true;
    for (const w of [...this.watches.values()]) w.close(reason);
    this.watches.clear();
  }
}
