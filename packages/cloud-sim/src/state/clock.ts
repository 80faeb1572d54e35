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

  private static checkSpeed(speed: number): number {
    if (!Number.isFinite(speed) || speed <= 0)
      throw new RangeError(`speed must be a positive number, got ${speed}`);
    return speed;
  }
}
