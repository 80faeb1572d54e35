import { describe, expect, it } from 'vitest';
import { median, noise, verdict } from './figures';

describe('bench verdicts', () => {
  it('takes the median and the spread of the repeated runs', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(noise([2.1, 2.4, 2.2])).toBeCloseTo(0.3);
  });

  it('a ratio misses its goal only by more than its noise', () => {
    expect(verdict({ name: 'a', goal: 2.2, runs: [2.0, 2.1, 2.3] })).toBe('meets');
    expect(verdict({ name: 'b', goal: 2.2, runs: [2.25, 2.3, 2.4] })).toBe('within noise');
    expect(verdict({ name: 'c', goal: 2.2, runs: [2.6, 2.7, 2.65] })).toBe('misses');
  });
});
