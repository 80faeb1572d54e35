import { describe, expect, it, vi } from 'vitest';
import { applyProblemIssues } from './problem-issues';

describe('applyProblemIssues', () => {
  it('maps issue paths onto fields and returns the rest', () => {
    const setFields = vi.fn();
    const form = { setFields, getFieldsValue: () => ({ postgresPassword: '', regionId: 'cn-hangzhou' }) };
    const rest = applyProblemIssues(form, {
      issues: [
        { path: ['body', 'parameters', 'postgresPassword'], message: '密码长度须为8-30个字符' },
        { path: ['regionId'], message: '请选择地域' },
        { path: ['body', 'clientToken'], message: 'missing' },
      ],
    });
    expect(setFields).toHaveBeenCalledWith([
      { name: 'postgresPassword', errors: ['密码长度须为8-30个字符'] },
      { name: 'regionId', errors: ['请选择地域'] },
    ]);
    expect(rest).toEqual([{ path: ['body', 'clientToken'], message: 'missing' }]);
  });

  it("puts a drawn parameter's issue on that parameter's own field", () => {
    const setFields = vi.fn();
    const form = { setFields, getFieldsValue: () => ({}) };
    const rest = applyProblemIssues(
      form,
      {
        issues: [
          { path: ['templateParameters', 'LogLevel'], message: 'Must be one of: INFO, DEBUG' },
          { path: ['templateParameters'], message: 'not an object' },
        ],
      },
      ['regionId', 'templateParameters'],
      ['templateParameters'],
    );
    expect(setFields).toHaveBeenCalledWith([{ name: ['templateParameters', 'LogLevel'], errors: ['Must be one of: INFO, DEBUG'] }]);
    expect(rest).toEqual([{ path: ['templateParameters'], message: 'not an object' }]);
  });
});
