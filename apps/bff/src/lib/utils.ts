/** Small generic helpers used by the services: single-flight, a TTL cache, a bounded parallel map. */

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

/** `fn` over `items` with at most `concurrency` calls running at once; results keep input order. */
export async function mapBounded<I, O>(
  items: readonly I[],
  concurrency: number,
  fn: (item: I, index: number) => Promise<O>,
): Promise<O[]> {
  const results = new Array<O>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as I, index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
}

/**
 * Every page of a paged list: the first page, then the remaining ones in parallel (bounded),
 * concatenated in page order.
 */
export async function fetchAllPages<T>(
  fetchPage: (pageNumber: number, pageSize: number) => Promise<Page<T>>,
  pageSize: number,
  concurrency: number,
): Promise<T[]> {
  const first = await fetchPage(1, pageSize);
  const pageCount = Math.ceil(first.totalCount / pageSize);
  if (pageCount <= 1 || first.items.length === 0) return first.items;
  const rest = Array.from({ length: pageCount - 1 }, (_, i) => i + 2);
  const pages = await mapBounded(rest, concurrency, (n) => fetchPage(n, pageSize));
  return [first.items, ...pages.map((p) => p.items)].flat();
}
