import { Errors, type SimError } from './protocol/errors';

/**
 * `hang`: the request is never processed and never answered. `hang-after`: the action runs (its
 * effect is kept) but the answer never comes, as when a response is lost after the cloud committed
 * the change: what a ClientToken retry is for.
 */
export type FaultKind = 'throttling' | 'unavailable' | 'internal' | 'hang' | 'hang-after' | 'drop';
export const FAULT_KINDS: readonly FaultKind[] = [
  'throttling',
  'unavailable',
  'internal',
  'hang',
  'hang-after',
  'drop',
];

export interface FaultSpec {
  kind: FaultKind;
  action?: string;
  accessKeyId?: string;
  /** Default 1; Infinity = until cleared. */
  times?: number;
}

export interface Scope {
  accessKeyId: string;
  action: string;
}

function inScope(
  f: { action?: string | undefined; accessKeyId?: string | undefined },
  s: Scope,
): boolean {
  return (
    (f.action === undefined || f.action === s.action) &&
    (f.accessKeyId === undefined || f.accessKeyId === s.accessKeyId)
  );
}

/** Injected faults, consumed in the order they were added. */
export class Faults {
  private list: {
    kind: FaultKind;
    action?: string | undefined;
    accessKeyId?: string | undefined;
    remaining: number;
  }[] = [];

  add(f: FaultSpec): void {
    if (!FAULT_KINDS.includes(f.kind)) throw new RangeError(`unknown fault kind ${String(f.kind)}`);
    const times = f.times ?? 1;
    if (!(times > 0)) throw new RangeError('times must be positive');
    this.list.push({
      kind: f.kind,
      action: f.action,
      accessKeyId: f.accessKeyId,
      remaining: times,
    });
  }

  /** The fault to apply to this call, if any (one use is consumed). */
  take(scope: Scope): FaultKind | undefined {
    const f = this.list.find((x) => inScope(x, scope));
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.list = this.list.filter((x) => x !== f);
    return f.kind;
  }

  clear(): void {
    this.list = [];
  }

  snapshot(): unknown[] {
    return this.list.map((f) => ({
      ...f,
      remaining: Number.isFinite(f.remaining) ? f.remaining : 'Infinity',
    }));
  }
}

export function faultError(kind: 'throttling' | 'unavailable' | 'internal'): SimError {
  return kind === 'throttling'
    ? Errors.throttlingUser()
    : kind === 'unavailable'
      ? Errors.serviceUnavailable()
      : Errors.internal();
}

/** Injected latency rules; the most specific matching rule wins. */
export class Latency {
  private rules: { ms: number; action?: string | undefined; accessKeyId?: string | undefined }[] =
    [];

  set(ms: number, filter: { accessKeyId?: string; action?: string } = {}): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError('ms must be a finite number ≥ 0');
    this.rules = this.rules.filter(
      (r) => r.action !== filter.action || r.accessKeyId !== filter.accessKeyId,
    );
    if (ms > 0) this.rules.push({ ms, action: filter.action, accessKeyId: filter.accessKeyId });
  }

  for(scope: Scope): number {
    const matching = this.rules.filter((r) => inScope(r, scope));
    matching.sort(
      (a, b) =>
        Number(b.action !== undefined) +
        Number(b.accessKeyId !== undefined) -
        (Number(a.action !== undefined) + Number(a.accessKeyId !== undefined)),
    );
    return matching[0]?.ms ?? 0;
  }

  clear(): void {
    this.rules = [];
  }

  snapshot(): unknown[] {
    return [...this.rules];
  }
}

export interface ThrottleConfig {
  rps: number;
  burst: number;
}

export const DEFAULT_THROTTLE: ThrottleConfig = { rps: 100, burst: 200 };

/** Real flow control: a token bucket per (accessKeyId, action), on the wall clock. */
export class Throttle {
  private config: ThrottleConfig = { ...DEFAULT_THROTTLE };
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  configure(c: ThrottleConfig): void {
    if (!(c.rps > 0) || !(c.burst >= 1)) throw new RangeError('rps must be > 0 and burst ≥ 1');
    this.config = { rps: c.rps, burst: c.burst };
    this.buckets.clear();
  }

  get settings(): ThrottleConfig {
    return { ...this.config };
  }

  /** Takes a token; false when the bucket is empty. */
  take(scope: Scope, now: number): boolean {
    const key = `${scope.accessKeyId}\n${scope.action}`;
    const b = this.buckets.get(key) ?? { tokens: this.config.burst, at: now };
    b.tokens = Math.min(this.config.burst, b.tokens + ((now - b.at) / 1000) * this.config.rps);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  reset(): void {
    this.config = { ...DEFAULT_THROTTLE };
    this.buckets.clear();
  }
}

export interface RecordedRequest {
  /** Simulated time, ms. */
  at: number;
  product: string;
  action: string;
  method: string;
  path: string;
  params: Record<string, string>;
  accessKeyId: string;
  /** HTTP status answered; 0 when the fault was hang, hang-after or drop. */
  status: number;
  code?: string;
}

export interface RequestFilter {
  accessKeyId?: string;
  action?: string;
  product?: string;
}

export class Recorder {
  private list: RecordedRequest[] = [];
  private readonly cap: number;

  constructor(cap = 20_000) {
    this.cap = cap;
  }

  add(r: RecordedRequest): void {
    this.list.push(r);
    if (this.list.length > this.cap) this.list.splice(0, this.list.length - this.cap);
  }

  query(f: RequestFilter = {}): RecordedRequest[] {
    return this.list.filter(
      (r) =>
        (f.accessKeyId === undefined || r.accessKeyId === f.accessKeyId) &&
        (f.action === undefined || r.action === f.action) &&
        (f.product === undefined || r.product.toLowerCase() === f.product.toLowerCase()),
    );
  }

  clear(): void {
    this.list = [];
  }
}
