import { describe, expect, it } from 'vitest';
import { Limiter, SingleFlight, TtlCache, fetchAllPages } from './utils';

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

describe('Limiter', () => {
  it('never runs more than its bound at once, starts the waiting calls in order, and frees a slot on failure', async () => {
    const limiter = new Limiter(2);
    const gates = [deferred<void>(), deferred<void>(), deferred<void>(), deferred<void>()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        await gate.promise;
        if (i === 0) throw new Error('boom');
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[0]?.resolve();
    await expect(runs[0]).rejects.toThrow('boom');
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[1]?.resolve();
    gates[2]?.resolve();
    gates[3]?.resolve();
    expect(await Promise.all(runs.slice(1))).toEqual([1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
  });
});

describe('fetchAllPages', () => {
  const source = Array.from({ length: 23 }, (_, i) => i);
  const pager = (log: number[]) => async (page: number, size: number) => {
    log.push(page);
    return { items: source.slice((page - 1) * size, page * size), totalCount: source.length };
  };

  it('asks the first page, then all the others at once, and concatenates in page order', async () => {
    const pending = new Map<number, ReturnType<typeof deferred<{ items: number[]; totalCount: number }>>>();
    const firsts: [number[], boolean][] = [];
    const all = fetchAllPages(
      (page) => {
        const d = deferred<{ items: number[]; totalCount: number }>();
        pending.set(page, d);
        return d.promise;
      },
      5,
      new Limiter(10),
      (items, complete) => firsts.push([items, complete]),
    );
    await Promise.resolve();
    expect([...pending.keys()]).toEqual([1]);
    pending.get(1)?.resolve({ items: source.slice(0, 5), totalCount: 23 });
    await new Promise((r) => setTimeout(r, 0));
    // The second wave is in flight as a whole before any of its pages answers.
    expect([...pending.keys()]).toEqual([1, 2, 3, 4, 5]);
    expect(firsts).toEqual([[source.slice(0, 5), false]]);
    for (const page of [5, 3, 2, 4]) pending.get(page)?.resolve({ items: source.slice((page - 1) * 5, page * 5), totalCount: 23 });
    expect(await all).toEqual(source);
  });

  it('stops after one page when everything fits, and says the first page is the whole list', async () => {
    const log: number[] = [];
    const firsts: boolean[] = [];
    expect(await fetchAllPages(pager(log), 50, new Limiter(4), (_, complete) => firsts.push(complete))).toHaveLength(23);
    expect(log).toEqual([1]);
    expect(firsts).toEqual([true]);
  });

  it('keeps the calls in flight under the limiter, shared by two listings', async () => {
    let running = 0;
    let peak = 0;
    const limiter = new Limiter(3);
    const page = async (n: number) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 1));
      running -= 1;
      return { items: [n], totalCount: 8 };
    };
    const [a, b] = await Promise.all([fetchAllPages(page, 1, limiter), fetchAllPages(page, 1, limiter)]);
    expect(a).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(b).toEqual(a);
    expect(peak).toBe(3);
  });
});
