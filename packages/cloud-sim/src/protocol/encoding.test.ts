import { describe, expect, it } from 'vitest';
import { parsePairs, percentDecode, percentEncode } from './encoding';

describe('percentEncode (RFC 3986)', () => {
  it('keeps unreserved characters and encodes the rest with upper-case hex', () => {
    expect(percentEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(percentEncode('a b')).toBe('a%20b');
    expect(percentEncode("*()!'")).toBe('%2A%28%29%21%27');
    expect(percentEncode('/:=&+')).toBe('%2F%3A%3D%26%2B');
    expect(percentEncode('杭州')).toBe('%E6%9D%AD%E5%B7%9E');
  });

  it('round-trips through percentDecode', () => {
    const s = "dify vpc*(~)!' & 杭州+1";
    expect(percentDecode(percentEncode(s))).toBe(s);
  });

  it('decodes + as a space and keeps malformed escapes', () => {
    expect(percentDecode('a+b%20c')).toBe('a b c');
    expect(percentDecode('100%')).toBe('100%');
  });

  it('parses pairs keeping order, duplicates and empty values', () => {
    expect(parsePairs('b=2&a=1&a=&c')).toEqual([
      ['b', '2'],
      ['a', '1'],
      ['a', ''],
      ['c', ''],
    ]);
    expect(parsePairs('')).toEqual([]);
  });
});
