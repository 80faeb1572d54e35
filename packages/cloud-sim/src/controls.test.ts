import { describe, expect, it } from 'vitest';
import { Faults, Latency, Throttle } from './controls';
import { SimClock } from './state/clock';

const scope = { accessKeyId: 'k', action: 'DescribeVpcs' };

describe('Throttle (token bucket)', () => {
  it('allows the burst, then refills at rps on the injected clock', () => {
    const t = new Throttle();
    t.configure({ rps: 10, burst: 3 });
    expect([t.take(scope, 0), t.take(scope, 0), t.take(scope, 0), t.take(scope, 0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(t.take(scope, 99)).toBe(false);
    expect(t.take(scope, 101)).toBe(true);
    expect(t.take({ ...scope, action: 'Other' }, 101)).toBe(true);
  });
});

describe('Faults and Latency', () => {
  it('consumes faults by count and scope', () => {
    const f = new Faults();
    f.add({ kind: 'internal', action: 'DescribeVpcs', times: 2 });
    expect(f.take({ ...scope, action: 'Other' })).toBeUndefined();
    expect([f.take(scope), f.take(scope), f.take(scope)]).toEqual([
      'internal',
      'internal',
      undefined,
    ]);
    f.add({ kind: 'drop', times: Infinity });
    for (let i = 0; i < 5; i++) expect(f.take(scope)).toBe('drop');
  });

  it('picks the most specific latency rule', () => {
    const l = new Latency();
    l.set(10);
    l.set(50, { action: 'DescribeVpcs' });
    l.set(90, { action: 'DescribeVpcs', accessKeyId: 'k' });
    expect(l.for(scope)).toBe(90);
    expect(l.for({ ...scope, accessKeyId: 'other' })).toBe(50);
    expect(l.for({ accessKeyId: 'x', action: 'Y' })).toBe(10);
  });
});

describe('SimClock', () => {
  it('runs simulated time at speed from the moment it is set', () => {
    let wall = 1_000;
    const c = new SimClock(() => wall, 1);
    wall += 100;
    expect(c.now()).toBe(1_100);
    c.setSpeed(10);
    wall += 100;
    expect(c.now()).toBe(2_100);
    expect(c.wallNow()).toBe(1_200);
    expect(() => c.setSpeed(0)).toThrow(RangeError);
  });
});
