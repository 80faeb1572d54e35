import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { pagedListing, type PagedFetchOptions } from './paged-listing';

type L = { items: number[]; complete: boolean };

/** A fake BFF: the first page at once, the whole list when the test lets it through. */
function bff(pages: { first: L; whole: number[] }) {
  const asked: PagedFetchOptions[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const fetchList = async (options: PagedFetchOptions): Promise<L> => {
    asked.push({ firstPage: options.firstPage, refresh: options.refresh });
    if (options.firstPage) return pages.first;
    await gate;
    return { items: pages.whole, complete: true };
  };
  return { fetchList, asked, release };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('pagedListing', () => {
  it('shows the first page while the rest is fetched, then the whole list', async () => {
    const client = new QueryClient();
    const { fetchList, asked, release } = bff({ first: { items: [1, 2], complete: false }, whole: [1, 2, 3, 4] });
    const done = client.fetchQuery({ queryKey: ['list'], queryFn: pagedListing(fetchList, false) });
    await tick();
    expect(client.getQueryData(['list'])).toEqual({ items: [1, 2], complete: false });
    expect(client.getQueryState(['list'])?.fetchStatus).toBe('fetching');
    release();
    expect(await done).toEqual({ items: [1, 2, 3, 4], complete: true });
    expect(asked).toEqual([{ firstPage: true, refresh: false }, { firstPage: undefined, refresh: undefined }]);
  });

  it('asks once when the first page is the whole list', async () => {
    const client = new QueryClient();
    const { fetchList, asked } = bff({ first: { items: [1], complete: true }, whole: [] });
    expect(await client.fetchQuery({ queryKey: ['list'], queryFn: pagedListing(fetchList, false) })).toEqual({ items: [1], complete: true });
    expect(asked).toHaveLength(1);
  });

  it('a refresh keeps the shown list until the whole new one is in', async () => {
    const client = new QueryClient();
    client.setQueryData(['list'], { items: [9, 9, 9], complete: true });
    const { fetchList, asked, release } = bff({ first: { items: [1], complete: false }, whole: [1, 2] });
    const done = client.fetchQuery({ queryKey: ['list'], queryFn: pagedListing(fetchList, true), staleTime: 0 });
    await tick();
    expect(client.getQueryData(['list'])).toEqual({ items: [9, 9, 9], complete: true });
    release();
    expect(await done).toEqual({ items: [1, 2], complete: true });
    expect(asked[0]).toEqual({ firstPage: true, refresh: true });
  });
});
