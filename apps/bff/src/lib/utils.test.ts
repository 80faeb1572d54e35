import { describe, expect, it } from 'vitest';
import { SingleFlight, TtlCache, fetchAllPages, mapBounded } from './utils';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('SingleFlight', () => {
  it('shares one call between identical keys in flight, then forgets it', async () => {
    const sf = new SingleFlight<number>();
    const d = deferred<number>();
    let calls = 0;
    const fn = () => {
      calls += 1;
      return d.promise;
    };
    const a = sf.run('k', fn);
    const b = sf.run('k', fn);
    const c = sf.run('other', async () => 7);
    d.resolve(42);
    expect(await Promise.all([a, b, c])).toEqual([42, 42, 7]);
    expect(calls).toBe(1);
    expect(sf.size).toBe(0);
    await sf.run('k', fn);
    expect(calls).toBe(2);
  });

  it('shares a failure and lets the next call retry', async () => {
    const sf = new SingleFlight<number>();
    const d = deferred<number>();
    const a = sf.run('k', () => d.promise);
    const b = sf.run('k', () => d.promise);
    d.reject(new Error('boom'));
    await expect(a).rejects.toThrow('boom');
    await expect(b).rejects.toThrow('boom');
    expect(await sf.run('k', async () => 1)).toBe(1);
  });
});

describe('TtlCache', () => {
  it('expires entries after the TTL', () => {
    let now = 1000;
    const cache = new TtlCache<string>(30_000, () => now);
    cache.set('a', 'x');
    now += 29_999;
    expect(cache.get('a')).toBe('x');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('evicts the oldest entry beyond its capacity', () => {
    const cache = new TtlCache<number>(1000, () => 0, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    expect(cache.get('c')).toBe(3);
  });
});

describe('mapBounded', () => {
  it('never runs more than the bound at once and keeps the order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapBounded([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5 + (n % 3)));
      running -= 1;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(peak).toBe(4);
  });

  it('handles an empty list', async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
  });
});

describe('fetchAllPages', () => {
  const source = Array.from({ length: 23 }, (_, i) => i);
  const pager = (log: number[]) => async (page: number, size: number) => {
    log.push(page);
    return { items: source.slice((page - 1) * size, page * size), totalCount: source.length };
  };

  it('asks the first page, then the rest in parallel, and concatenates in page order', async () => {
    const log: number[] = [];
    const all = await fetchAllPages(pager(log), 5, 2);
    expect(all).toEqual(source);
    expect(log[0]).toBe(1);
    expect([...log].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops after one page when everything fits', async () => {
    const log: number[] = [];
    expect(await fetchAllPages(pager(log), 50, 4)).toHaveLength(23);
    expect(log).toEqual([1]);
  });

  it('pages really in parallel, bounded', async () => {
    let running = 0;
    let peak = 0;
    await fetchAllPages(
      async (page) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 10));
        running -= 1;
        return { items: [page], totalCount: 10 };
      },
      1,
      4,
    );
    expect(peak).toBe(4);
  });
});
