import { describe, expect, it } from 'vitest';
import { format, joinList } from './i18n';

describe('format', () => {
  it('fills placeholders and leaves unknown ones as they are', () => {
    expect(format('{count} of {total}', { count: 3, total: 10 })).toBe('3 of 10');
    expect(format('{missing} stays', {})).toBe('{missing} stays');
  });

  it('picks the singular only for exactly one, the plural for everything else', () => {
    const t = '{count} more {count|cluster|clusters} in other VPCs';
    expect(format(t, { count: 1 })).toBe('1 more cluster in other VPCs');
    expect(format(t, { count: 0 })).toBe('0 more clusters in other VPCs');
    expect(format(t, { count: 2 })).toBe('2 more clusters in other VPCs');
    expect(format(t, { count: '1' })).toBe('1 more cluster in other VPCs');
    expect(format('{n|one|}', { n: 5 })).toBe('');
    expect(format('{n|a|b}', {})).toBe('{n|a|b}');
  });

  it('joins lists in the language of the text', () => {
    expect(joinList(['a', 'b'], 'zh-CN')).toBe('a、b');
    expect(joinList(['a', 'b'], 'en')).toBe('a, b');
  });
});
