export interface Page<T> {
  items: T[];
  total: number;
  pageNumber: number;
  pageSize: number;
}

/** 1-based page maths: page N holds items [(N-1)*size, N*size); a page past the end is empty. */
export function paginate<T>(all: readonly T[], pageNumber: number, pageSize: number): Page<T> {
  if (pageNumber < 1 || pageSize < 1) throw new RangeError('pageNumber and pageSize start at 1');
  const start = (pageNumber - 1) * pageSize;
  return { items: all.slice(start, start + pageSize), total: all.length, pageNumber, pageSize };
}

/** Opaque NextToken for token paging (an offset in disguise, as the cloud's are opaque). */
export function encodeToken(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('hex');
}

export function decodeToken(token: string): number | undefined {
  if (!/^[0-9a-f]+$/.test(token)) return undefined;
  const m = /^o:(\d+)$/.exec(Buffer.from(token, 'hex').toString('utf8'));
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

export function tokenPage<T>(
  all: readonly T[],
  offset: number,
  max: number,
): { items: T[]; nextToken?: string } {
  const items = all.slice(offset, offset + max);
  const next = offset + max;
  return next < all.length ? { items, nextToken: encodeToken(next) } : { items };
}
