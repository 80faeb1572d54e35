import { describe, expect, it } from 'vitest';
import { en } from './en';
import { pagesEn } from './pages.en';
import { pagesZhCN } from './pages.zh-CN';
import { zhCN } from './zh-CN';

const PAIRS = [
  ['core', zhCN, en],
  ['pages', pagesZhCN, pagesEn],
] as const;

describe.each(PAIRS)('UI dictionaries (%s)', (_name, zh, english) => {
  const zhDict = zh as Record<string, string>;
  const enDict = english as Record<string, string>;

  it('have exactly the same keys', () => {
    expect(Object.keys(enDict).sort()).toEqual(Object.keys(zhDict).sort());
  });

  it('have no empty values', () => {
    for (const dict of [zhDict, enDict]) {
      for (const [key, value] of Object.entries(dict)) expect(value.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhDict)) {
      expect(names(enDict[key] ?? ''), key).toEqual(names(zhDict[key] ?? ''));
    }
  });
});

describe('page dictionaries', () => {
  it('never redefine a core key', () => {
    const core = new Set(Object.keys(zhCN));
    expect(Object.keys(pagesZhCN).filter((k) => core.has(k))).toEqual([]);
  });
});
