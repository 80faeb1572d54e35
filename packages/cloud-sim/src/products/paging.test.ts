import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken, paginate, tokenPage } from './paging';

const items = Array.from({ length: 23 }, (_, i) => i);

describe('paginate', () => {
  it('slices 1-based pages and reports the total', () => {
    expect(paginate(items, 1, 10).items).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(paginate(items, 3, 10).items).toEqual([20, 21, 22]);
    expect(paginate(items, 3, 10).total).toBe(23);
    expect(paginate(items, 4, 10).items).toEqual([]);
    expect(paginate([], 1, 10)).toEqual({ items: [], total: 0, pageNumber: 1, pageSize: 10 });
  });

  it('covers every item exactly once across pages', () => {
    for (const size of [1, 7, 10, 23, 50]) {
      const seen: number[] = [];
      for (let p = 1; p <= Math.ceil(items.length / size); p++)
        seen.push(...paginate(items, p, size).items);
      expect(seen).toEqual(items);
    }
  });

  it('rejects page 0', () => {
    expect(() => paginate(items, 0, 10)).toThrow(RangeError);
  });
});

describe('token paging', () => {
  it('round-trips tokens and ends without a token', () => {
    expect(decodeToken(encodeToken(30))).toBe(30);
    expect(decodeToken('zz')).toBeUndefined();
    const first = tokenPage(items, 0, 10);
    expect(first.items).toHaveLength(10);
    const second = tokenPage(items, decodeToken(first.nextToken!)!, 10);
    const third = tokenPage(items, decodeToken(second.nextToken!)!, 10);
    expect(third.items).toEqual([20, 21, 22]);
    expect(third.nextToken).toBeUndefined();
  });
});
