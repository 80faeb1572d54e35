/** Small generic helpers used by the services: single-flight, a TTL cache, a concurrency limiter, paging. */

/** Identical calls in flight share one promise; the entry is dropped once it settles. */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  run(key: string, fn: () => Promise<T>): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    const promise = (async () => {
      try {
        return await fn();
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, promise);
    return promise;
  }

  get size(): number {
    return this.inFlight.size;
  }
}

/** A map whose entries expire `ttlMs` after they were set. Expired entries are removed on read. */
export class TtlCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 1000,
  ) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      // Oldest insertion first: Map keeps insertion order.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** At most `max` calls of `run` at once; the others wait their turn in order. */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError('a limiter needs max >= 1');
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await fn();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}

export interface Page<T> {
  items: T[];
  totalCount: number;
}

/**
 * Every page of a paged list in two waves: the first page (it says how many there are), then all
 * the remaining ones at once, concatenated in page order. `bound` limits the calls in flight: a
 * Limiter shared by every listing of the same API (so two listings do not double the load on
 * it), or a number for this listing alone;
 * `onFirst` receives the first page as soon as it is in, and whether it is the whole list.
 */
export async function fetchAllPages<T>(
  fetchPage: (pageNumber: number, pageSize: number) => Promise<Page<T>>,
  pageSize: number,
  bound: Limiter | number,
  onFirst?: (items: T[], complete: boolean) => void,
): Promise<T[]> {
  const limiter = typeof bound === 'number' ? new Limiter(bound) : bound;
  const first = await limiter.run(() => fetchPage(1, pageSize));
  const pageCount = Math.ceil(first.totalCount / pageSize);
  const complete = pageCount <= 1 || first.items.length === 0;
  onFirst?.(first.items, complete);
  if (complete) return first.items;
  const rest = Array.from({ length: pageCount - 1 }, (_, i) => i + 2);
  const pages = await Promise.all(rest.map((n) => limiter.run(() => fetchPage(n, pageSize))));
  return [first.items, ...pages.map((p) => p.items)].flat();
}
