// RFC 3986 percent-encoding as Alibaba Cloud signs it: unreserved characters
// (A-Z a-z 0-9 - _ . ~) stay literal, everything else becomes %XY with upper-case hex,
// a space is %20 (never +). This is encodeURIComponent plus ! ' ( ) * encoded.
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Decodes one query/form component: `+` is a space, malformed escapes are kept literally. */
export function percentDecode(value: string): string {
  const spaced = value.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
}

export type Pairs = [string, string][];

/** Parses `a=1&b=2` (query string or x-www-form-urlencoded body) keeping order and duplicates. */
export function parsePairs(raw: string): Pairs {
  const out: Pairs = [];
  if (raw === '') return out;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    out.push([percentDecode(name), percentDecode(value)]);
  }
  return out;
}

/** Byte-wise (code unit) ascending comparison, as the gateway sorts parameter names. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
