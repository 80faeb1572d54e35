import { describe, expect, it } from 'vitest';
import { mcpEn } from './mcp.en';
import { mcpZhCN } from './mcp.zh-CN';

describe('MCP page dictionaries', () => {
  it('have the same keys and no empty text in both languages', () => {
    expect(Object.keys(mcpEn).sort()).toEqual(Object.keys(mcpZhCN).sort());
    for (const v of [...Object.values(mcpEn), ...Object.values(mcpZhCN)]) expect(v.trim()).not.toBe('');
  });
});
