import { describe, expect, it } from 'vitest';
import { PREFILL } from '../../test/review-flow';
import { isDeployPrefill } from './form-values';

describe('isDeployPrefill (the history state "back to edit parameters" hands the wizard)', () => {
  it('accepts a prefill', () => {
    expect(isDeployPrefill(PREFILL)).toBe(true);
  });
  it.each([
    ['nothing', undefined],
    ['a string', 'prefill'],
    ['no reason', { ...PREFILL, reason: undefined }],
    ['parameters as a list', { ...PREFILL, parameters: [] }],
    ['a field that is not a name', { ...PREFILL, invalidFields: [1] }],
  ])('refuses %s', (_what, value) => {
    expect(isDeployPrefill(value)).toBe(false);
  });
});
