import { afterEach, describe, expect, it } from 'vitest';
import { CloudError } from '../../errors/cloud-error';
import { FakeComputeNest } from '../../testing/fake-computenest';
import { ManualClock } from '../../testing/manual-clock';
import { AccountContext } from '../account';
import { DeploymentHub, type HubEvent } from './deployment-hub';

const INTERVALS = [10, 20, 40];
const hubs: DeploymentHub[] = [];

function setup() {
  const cloud = new FakeComputeNest();
  cloud.pageSize = 3;
  cloud.add({ ServiceInstanceId: 'si-1', Status: 'Deploying', Progress: 10 });
  cloud.log('si-1', 'Start creating service instance', 'Creating');
  cloud.log('si-1', 'Checking parameters');
  const clock = new ManualClock();
  const hub = new DeploymentHub(cloud, new AccountContext({ getCallerIdentity: async () => ({ AccountId: '1' }) }), { intervalsMs: INTERVALS, clock });
  hubs.push(hub);
  return { cloud, hub, clock };
}
afterEach(() => {
  for (const h of hubs.splice(0)) h.close();
});

function collector() {
  const events: HubEvent[] = [];
  return {
    events,
    listener: (e: HubEvent) => void events.push(e),
    statuses: () => events.filter((e) => e.type === 'status').map((e) => (e.type === 'status' ? `${e.record.Status}:${e.record.Progress}` : '')),
    lines: () => events.flatMap((e) => (e.type === 'logs' ? e.entries.map((l) => l.content) : [])),
    ended: () => events.some((e) => e.type === 'end'),
  };
}

describe('DeploymentHub', () => {
  it('tells its listeners once when a watched deployment reaches Deployed (the smoke test runs then), not for one opened already finished', async () => {
    const { cloud, hub, clock } = setup();
    const deployed: string[] = [];
    hub.onDeployed((id, record) => deployed.push(`${id}:${record.Status}`));
    const a = collector();
    await hub.subscribe('si-1', a.listener);
    cloud.update('si-1', { Progress: 90 });
    await clock.runUntil(() => a.statuses().length === 2);
    expect(deployed).toEqual([]);
    cloud.update('si-1', { Status: 'Deployed', Progress: 100 });
    await clock.runUntil(() => a.ended());
    expect(deployed).toEqual(['si-1:Deployed']);

    // Opened again later: already Deployed at the first poll, nothing new happened.
    const b = collector();
    await hub.subscribe('si-1', b.listener);
    await clock.runUntil(() => b.ended());
    expect(deployed).toEqual(['si-1:Deployed']);
  });

  it('serves three subscribers with one poller; each gets the state so far, then the changes, then the end', async () => {
    const { cloud, hub, clock } = setup();
    const a = collector();
    const b = collector();
    await Promise.all([hub.subscribe('si-1', a.listener), hub.subscribe('si-1', b.listener)]);
    expect(hub.size).toBe(1);
    expect(a.statuses()).toEqual(['Deploying:10']);
    expect(a.lines()).toEqual(['Start creating service instance', 'Checking parameters']);
    expect(cloud.count('GetServiceInstance')).toBe(1);

    cloud.log('si-1', 'Installing Helm chart ack-dify');
    cloud.update('si-1', { Progress: 50 });
    await clock.runUntil(() => a.statuses().length === 2 && b.statuses().length === 2);
    expect(a.lines().at(-1)).toBe('Installing Helm chart ack-dify');

    const c = collector(); // a late subscriber: the state so far at once, no extra cloud call for it
    const before = cloud.count('GetServiceInstance');
    await hub.subscribe('si-1', c.listener);
    expect(cloud.count('GetServiceInstance')).toBe(before);
    expect(c.statuses()).toEqual(['Deploying:50']);
    expect(c.lines()).toHaveLength(3);

    cloud.log('si-1', 'Deploy successfully', 'Deployed');
    cloud.update('si-1', { Status: 'Deployed', Progress: 100 });
    await clock.runUntil(() => a.ended() && b.ended() && c.ended());
    for (const x of [a, b, c]) {
      expect(x.statuses().at(-1)).toBe('Deployed:100');
      expect(x.lines().at(-1)).toBe('Deploy successfully');
      expect(x.events.at(-1)?.type).toBe('end');
      // no line twice
      expect(new Set(x.lines()).size).toBe(x.lines().length);
    }
    expect(hub.size).toBe(0);
    expect(clock.pending).toBe(0); // stopped after the final state: no poll is scheduled
  });

  it('backs off while nothing changes and resets on a change', async () => {
    const { cloud, hub, clock } = setup();
    const times: number[] = [];
    const original = cloud.getServiceInstance.bind(cloud);
    cloud.getServiceInstance = async (id: string) => {
      times.push(clock.now());
      return original(id);
    };
    const unsubscribe = await hub.subscribe('si-1', () => undefined);
    await clock.runUntil(() => times.length >= 5);
    const gaps = (from: number) => times.slice(from + 1).map((t, i) => t - times[from + i]!);
    // after the first read (a change): 10, then nothing new: 20, 40, 40 (the maximum)
    expect(gaps(0)).toEqual([INTERVALS[0], INTERVALS[1], INTERVALS[2], INTERVALS[2]]);
    cloud.update('si-1', { Progress: 60 });
    const seen = times.length;
    await clock.runUntil(() => times.length >= seen + 2);
    // the poll that saw the change (after the longest delay), then the shortest delay again
    expect(gaps(seen - 1)).toEqual([INTERVALS[2], INTERVALS[0]]);
    unsubscribe();
  });

  it('stops polling when the last subscriber leaves', async () => {
    const { cloud, hub, clock } = setup();
    const u1 = await hub.subscribe('si-1', () => undefined);
    const u2 = await hub.subscribe('si-1', () => undefined);
    u1();
    expect(hub.size).toBe(1);
    expect(clock.pending).toBe(1);
    u2();
    expect(hub.size).toBe(0);
    const calls = cloud.count('GetServiceInstance');
    expect(clock.pending).toBe(0);
    expect(await clock.next()).toBe(false);
    expect(cloud.count('GetServiceInstance')).toBe(calls);
  });

  it('rejects a subscription to an unknown instance and keeps no poller', async () => {
    const { hub, clock } = setup();
    await expect(hub.subscribe('si-nope', () => undefined)).rejects.toMatchObject({ code: 'ServiceInstanceNotFound' });
    expect(hub.size).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('tells subscribers about a failed poll and keeps polling', async () => {
    const { cloud, hub, clock } = setup();
    const a = collector();
    await hub.subscribe('si-1', a.listener);
    const original = cloud.getServiceInstance.bind(cloud);
    let failures = 1;
    cloud.getServiceInstance = async (id: string) => {
      if (failures-- > 0) throw new Error('boom');
      return original(id);
    };
    cloud.update('si-1', { Status: 'Deployed', Progress: 100 });
    await clock.runUntil(() => a.ended());
    expect(a.events.map((e) => e.type)).toEqual(['logs', 'status', 'error', 'status', 'end']);
  });

  it('recovers within one poll interval of the cloud coming back, then polls at the shortest interval', async () => {
    const { cloud, hub, clock } = setup();
    const a = collector();
    const times: number[] = [];
    const original = cloud.getServiceInstance.bind(cloud);
    let down = false;
    cloud.getServiceInstance = async (id: string) => {
      times.push(clock.now());
      if (down) throw new CloudError({ code: 'ServiceUnavailable', message: 'down', httpStatus: 503, action: 'GetServiceInstance' });
      return original(id);
    };
    await hub.subscribe('si-1', a.listener);
    down = true;
    await clock.runUntil(() => times.length >= 7); // a long outage: the backoff reaches its longest interval
    const gaps = () => times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps().slice(-2)).toEqual([INTERVALS[2], INTERVALS[2]]); // never beyond it
    expect(a.events.filter((e) => e.type === 'error').length).toBeGreaterThan(3);

    const back = clock.now(); // just after a failed poll, the cloud answers again (nothing changed meanwhile)
    down = false;
    const errorsBefore = a.events.length;
    await clock.runUntil(() => a.events.length > errorsBefore);
    expect(clock.now() - back).toBeLessThanOrEqual(INTERVALS[2]!);
    // the subscriber hears that it is live again: the current status, no new error
    expect(a.events.slice(errorsBefore).map((e) => e.type)).toEqual(['status']);
    const seen = times.length;
    await clock.runUntil(() => times.length >= seen + 2);
    expect(gaps().slice(-2)).toEqual([INTERVALS[0], INTERVALS[1]]); // the backoff was reset by the success
  });

  it('ends every subscription on close', async () => {
    const { hub, clock } = setup();
    const a = collector();
    await hub.subscribe('si-1', a.listener);
    hub.close();
    expect(a.ended()).toBe(true);
    expect(hub.size).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
