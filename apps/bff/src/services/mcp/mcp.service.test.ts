import { describe, expect, it } from 'vitest';
import type { NacosAuth, NacosPort, NacosRegistryClient } from '../../ports/mcp';
import { McpRegistryService } from './mcp.service';

/** A self-hosted Nacos 3.1.0 that answers the connection's calls and records who asked. */
function fakeNacos(): { port: NacosPort; seen: NacosAuth[] } {
  const seen: NacosAuth[] = [];
  const port: NacosPort = {
    client(address, auth) {
      seen.push(auth);
      const unused = () => Promise.reject(new Error('not used by the connection'));
      const client: NacosRegistryClient = {
        address,
        serverVersion: () => Promise.resolve('3.1.0'),
        login: () => Promise.resolve(),
        namespaces: () => Promise.resolve([{ namespace: 'public' }]),
        listMcp: unused,
        getMcp: unused,
        updateMcp: unused,
      };
      return client;
    },
  };
  return { port, seen };
}

const unusedPorts = {
  mse: { listClusters: () => Promise.reject(new Error('no MSE')), queryClusterDetail: () => Promise.reject(new Error('no MSE')) },
  computeNest: { getServiceInstance: () => Promise.reject(new Error('no deployment')) },
  clusters: { describeClusterDetail: () => Promise.reject(new Error('no cluster')) },
  vswitches: { describeVSwitches: () => Promise.reject(new Error('no vswitch')) },
} as unknown as Omit<ConstructorParameters<typeof McpRegistryService>[0], 'nacos'>;

const connect = (svc: McpRegistryService, keepMinutes: number | null) =>
  svc.connect(
    { target: { kind: 'selfHosted', address: '10.0.0.5:8848' }, auth: { type: 'password', username: 'nacos', password: 'Secret#1' }, keepMinutes },
    'en',
  );

describe('how long the registry credentials are kept', () => {
  it('forgets them once the chosen minutes are over: not connected any more, the next call asks to connect', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const svc = new McpRegistryService({ ...unusedPorts, nacos: fakeNacos().port }, { now: () => now });
    const c = await connect(svc, 30);
    expect(c).toMatchObject({ connected: true, expiresAt: '2026-01-01T00:30:00.000Z' });
    now += 29 * 60_000;
    expect(svc.connection().connected).toBe(true);
    now += 60_000;
    expect(svc.connection()).toMatchObject({ connected: false, address: null, principal: null });
    await expect(svc.listServers({ namespaceId: 'public', search: '', pageNo: 1, pageSize: 10 }, 'en')).rejects.toMatchObject({
      status: 409,
      problem: { code: 'Mcp.NotConnected' },
    });
    svc.disconnect();
  });

  it('keeps them in memory until disconnected when no time is chosen, and never shows the password back', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const svc = new McpRegistryService({ ...unusedPorts, nacos: fakeNacos().port }, { now: () => now });
    const c = await connect(svc, null);
    expect(c).toMatchObject({ connected: true, expiresAt: null, principal: 'nacos' });
    expect(JSON.stringify(c)).not.toContain('Secret#1');
    now += 7 * 24 * 3600_000;
    expect(svc.connection().connected).toBe(true);
    expect(svc.disconnect().connected).toBe(false);
  });
});
