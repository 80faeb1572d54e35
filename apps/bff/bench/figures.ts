/**
 * The bench's figures: each printed with its goal; a ratio with a goal is measured in three
 * repeated runs, and `--check` fails when its median misses the goal by more than the spread of
 * those runs (the noise of this machine at this moment).
 */

export interface Ratio {
  name: string;
  /** One value per repeated run. */
  runs: number[];
  goal: number;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** Spread of the repeated runs: what this machine's noise can move a ratio by. */
export const noise = (xs: readonly number[]): number => (xs.length < 2 ? 0 : Math.max(...xs) - Math.min(...xs));

export type Verdict = 'meets' | 'within noise' | 'misses';

export function verdict(r: Ratio): Verdict {
  const m = median(r.runs);
  if (m <= r.goal) return 'meets';
  return m - r.goal <= noise(r.runs) ? 'within noise' : 'misses';
}

export function describeRatio(r: Ratio): string {
  const runs = r.runs.map((x) => `${x.toFixed(2)}×`).join(', ');
  return `${median(r.runs).toFixed(2)}× (goal ≤ ${r.goal}×; runs ${runs}; noise ±${noise(r.runs).toFixed(2)}) → ${verdict(r)}`;
}

/**
 * `pnpm bench --check`: passes when no ratio misses its goal by more than its noise; a goal
 * expected but not measured (its part failed or was left out) is named too, never passed over.
 */
export function check(ratios: readonly Ratio[], expected: readonly string[] = []): { passed: boolean; problems: string[] } {
  const problems = [
    ...ratios.filter((r) => verdict(r) === 'misses').map((r) => `${r.name} misses its goal: ${describeRatio(r)}`),
    ...expected.filter((name) => !ratios.some((r) => r.name === name)).map((name) => `${name} was not measured`),
  ];
  return { passed: problems.length === 0, problems };
}
