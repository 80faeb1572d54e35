/**
 * The simulated clock. `wallNow` is the injectable real clock (signature time windows and
 * throttling use it); `now` is simulated time, which runs `speed` times faster from the moment
 * the speed was last set (transitions and created timestamps use it).
 */
export class SimClock {
  private readonly wall: () => number;
  private baseWall: number;
  private baseSim: number;
  private currentSpeed: number;

  constructor(wall: () => number = Date.now, speed = 1) {
    this.wall = wall;
    this.baseWall = wall();
    this.baseSim = this.baseWall;
    this.currentSpeed = SimClock.checkSpeed(speed);
  }

  wallNow(): number {
    return this.wall();
  }

  now(): number {
    return this.baseSim + (this.wall() - this.baseWall) * this.currentSpeed;
  }

  get speed(): number {
    return this.currentSpeed;
  }

  setSpeed(speed: number): void {
    const sim = this.now();
    this.baseWall = this.wall();
    this.baseSim = sim;
    this.currentSpeed = SimClock.checkSpeed(speed);
  }

  /** Jumps simulated time forward by `ms` (the wall clock is untouched). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`ms must be a finite number ≥ 0, got ${ms}`);
    this.baseSim += ms;
  }

  /** Resumes simulated time at `simNow` (persistence): never earlier than the current wall time. */
  resumeAt(simNow: number): void {
    this.baseWall = this.wall();
    this.baseSim = Math.max(simNow, this.baseWall);
  }

  private static checkSpeed(speed: number): number {
    if (!Number.isFinite(speed) || speed <= 0)
      throw new RangeError(`speed must be a positive number, got ${speed}`);
    return speed;
  }
}
