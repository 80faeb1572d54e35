import { describe, expect, it } from 'vitest';
import { isDrawable, isRequired, namedParameter, templateValueProblem, type TemplateParameter } from './parameter-rules';

const base: TemplateParameter = namedParameter('Level', { label: { 'zh-CN': '级别', en: 'Level' } });

describe('templateValueProblem', () => {
  it('requires a value only when the template has no Default', () => {
    expect(templateValueProblem(base, '', 'en')).toBe('The template parameter Level is required');
    expect(templateValueProblem({ ...base, default: 'x' }, undefined, 'en')).toBeUndefined();
    expect(isRequired(base)).toBe(true);
  });

  it("prefers the template's constraint text in the user's language", () => {
    const p = { ...base, allowedPattern: '[a-z][a-z0-9_]*', constraintDescription: { 'zh-CN': '小写字母开头', en: 'Lower case first' } };
    expect(templateValueProblem(p, 'Postgres', 'zh-CN')).toBe('小写字母开头');
    expect(templateValueProblem(p, 'postgres', 'en')).toBeUndefined();
    expect(templateValueProblem({ ...p, constraintDescription: null }, 'Postgres', 'en')).toBe(
      "Does not match the template's pattern [a-z][a-z0-9_]*",
    );
  });

  it('checks allowed values, lengths, numbers and booleans', () => {
    expect(templateValueProblem({ ...base, allowedValues: ['INFO', 'DEBUG'] }, 'TRACE', 'en')).toBe('Must be one of: INFO, DEBUG');
    expect(templateValueProblem({ ...base, minLength: 8, maxLength: 30 }, 'short', 'en')).toBe('Must be 8-30 characters long');
    const n = { ...base, type: 'Number', minValue: 10, maxValue: 500 };
    expect(templateValueProblem(n, 5, 'en')).toBe('Must be between 10 and 500');
    expect(templateValueProblem(n, 'abc', 'en')).toBe('Must be a number');
    expect(templateValueProblem(n, '40', 'en')).toBeUndefined();
    expect(templateValueProblem({ ...base, type: 'Boolean' }, 'yes', 'en')).toBe('Must be true or false');
    expect(isDrawable({ type: 'Json' })).toBe(false);
  });
});
