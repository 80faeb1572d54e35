import { describe, expect, it } from 'vitest';
import { check, describeRatio, median, noise, verdict } from './figures';

describe('bench verdicts', () => {
  it('takes the median and the spread of the repeated runs', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(noise([2.1, 2.4, 2.2])).toBeCloseTo(0.3);
    expect(noise([1.05])).toBe(0);
  });

  it('a ratio misses its goal only by more than its noise', () => {
    expect(verdict({ name: 'a', goal: 2.2, runs: [2.0, 2.1, 2.3] })).toBe('meets');
    expect(verdict({ name: 'b', goal: 2.2, runs: [2.25, 2.3, 2.4] })).toBe('within noise');
    expect(verdict({ name: 'c', goal: 2.2, runs: [2.6, 2.7, 2.65] })).toBe('misses');
    // One exact figure (bytes, not time) has no noise: any excess misses.
    expect(verdict({ name: 'd', goal: 1.1, runs: [1.11] })).toBe('misses');
  });

  it('prints a figure with its goal, its runs and its noise', () => {
    expect(describeRatio({ name: 'x', goal: 2.2, runs: [2.1, 2.0, 2.3] })).toBe('2.10× (goal ≤ 2.2×; runs 2.10×, 2.00×, 2.30×; noise ±0.30) → meets');
  });
});

describe('bench --check', () => {
  const meets = { name: 'listing', goal: 2.2, runs: [2.1, 2.15, 2.05] };
  const withinNoise = { name: 'tti', goal: 1.2, runs: [1.1, 1.25, 1.3] };
  const misses = { name: 'js', goal: 1.1, runs: [1.42] };

  it('passes when every ratio meets its goal or misses it by no more than its noise', () => {
    expect(check([meets, withinNoise], ['listing', 'tti'])).toEqual({ passed: true, problems: [] });
  });

  it('fails naming each ratio that misses by more than its noise', () => {
    const result = check([meets, misses, withinNoise]);
    expect(result.passed).toBe(false);
    expect(result.problems).toEqual(['js misses its goal: 1.42× (goal ≤ 1.1×; runs 1.42×; noise ±0.00) → misses']);
  });

  it('fails when a goal it expects was not measured', () => {
    expect(check([meets], ['listing', 'tti'])).toEqual({ passed: false, problems: ['tti was not measured'] });
  });
});
