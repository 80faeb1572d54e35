import { describe, expect, it } from 'vitest';
import { reason } from './eligibility';

describe('reasons in the user language', () => {
  it("say the cloud's state in words, keeping the raw value in params", () => {
    const r = reason('notRunning', 'zh-CN', { status: 'Creating' });
    expect(r.message).toBe('状态为创建中，需要运行中的实例');
    expect(r.params).toEqual({ status: 'Creating' });
    expect(reason('notRunning', 'en', { status: 'Stopped' }).message).toBe('Its status is stopped; it must be running');
    expect(reason('notRunning', 'zh-CN', { status: 'Weird' }).message).toContain('Weird');
  });
});
