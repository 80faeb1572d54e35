import { describe, expect, it } from 'vitest';
import { installCheck } from './health.service';

describe('the /install check when the request through the entry fails', () => {
  it("keeps an exception's own (English) words as evidence, apart from a sentence in the user's language", () => {
    const zh = installCheck({ error: 'socket hang up', localized: false }, 'zh-CN');
    expect(zh).toMatchObject({ id: 'install', status: 'warn', evidence: 'socket hang up' });
    expect(zh.detail).toMatch(/^无法通过访问入口检查 \/install/);
    expect(zh.detail).not.toContain('socket');
    expect(installCheck({ error: 'socket hang up', localized: false }, 'en').detail).toMatch(/^Could not check \/install through the access entry/);
  });

  it('shows a sentence the console already wrote in this language as it is, with no evidence', () => {
    const c = installCheck({ error: '访问入口的地址无法解析', localized: true }, 'zh-CN');
    expect(c).toEqual({ id: 'install', status: 'warn', title: expect.any(String), detail: '访问入口的地址无法解析' });
  });
});
