import type { Clock } from '../lib/clock';

/** Lets the promises started by a timer settle (no time passes). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((r) => setImmediate(r));
}

/** A clock that moves only when a test says so: timers run in order, at their exact times. */
export class ManualClock implements Clock {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; run: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  /** Timers waiting to run. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves to the next timer, runs it and lets what it started settle; false when none is waiting. */
  async next(): Promise<boolean> {
    let first: [number, { at: number; run: () => void }] | undefined;
    for (const entry of this.timers) if (!first || entry[1].at < first[1].at) first = entry;
    if (!first) return false;
    this.timers.delete(first[0]);
    this.time = first[1].at;
    first[1].run();
    await settle();
    return true;
  }

  /** Runs timers one by one until `cond` holds (at most `max` of them). */
  async runUntil(cond: () => boolean, max = 50): Promise<void> {
    await settle();
    for (let i = 0; i < max && !cond(); i += 1) if (!(await this.next())) break;
    if (!cond()) throw new Error('condition not met after the timers ran');
  }
}
