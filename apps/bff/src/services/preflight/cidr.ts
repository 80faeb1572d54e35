/**
 * IPv4 whitelist maths: which of the addresses a database must admit are not covered by its
 * whitelist entries (IPs and CIDR blocks, over all groups). IPv6 entries are ignored.
 */

export type Range = readonly [first: number, last: number];

/** `a.b.c.d` → 32-bit number; undefined when not a valid IPv4 address. */
export function ipToNumber(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

/** `a.b.c.d` or `a.b.c.d/n` → [first, last]; undefined when not valid IPv4. */
export function parseRange(entry: string): Range | undefined {
  const [base = '', bits, extra] = entry.trim().split('/');
  if (extra !== undefined) return undefined;
  const ip = ipToNumber(base);
  if (ip === undefined) return undefined;
  if (bits === undefined) return [ip, ip];
  if (!/^\d{1,2}$/.test(bits)) return undefined;
  const n = Number(bits);
  if (n > 32) return undefined;
  const size = 2 ** (32 - n);
  const first = Math.floor(ip / size) * size;
  return [first, first + size - 1];
}

/** Sorted, merged (adjacent or overlapping joined) ranges of the valid entries. */
export function mergeRanges(entries: readonly string[]): Range[] {
  const ranges = entries
    .map(parseRange)
    .filter((r): r is Range => r !== undefined)
    .sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [first, last] of ranges) {
    const cur = out[out.length - 1];
    if (cur && first <= cur[1] + 1) cur[1] = Math.max(cur[1], last);
    else out.push([first, last]);
  }
  return out;
}

/** Whether every address of `entry` is admitted by the merged ranges. */
export function covered(entry: string, admitted: readonly Range[]): boolean {
  const want = parseRange(entry);
  if (!want) return false;
  return admitted.some(([first, last]) => first <= want[0] && last >= want[1]);
}

/** The required entries (in their order, without duplicates) that the whitelist does not fully admit. */
export function missingRanges(required: readonly string[], whitelist: readonly string[]): string[] {
  const admitted = mergeRanges(whitelist);
  return [...new Set(required.map((r) => r.trim()).filter(Boolean))].filter((r) => !covered(r, admitted));
}

/** Splits a comma-separated whitelist into its entries. */
export function splitList(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
