import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliyunHost, decideCloud } from './cloud';
import { resolveCredentials } from './credentials';
import { ConfigError, loadEnv } from './env';

const emptyHome = () => mkdtempSync(join(tmpdir(), 'home-'));
const homeWith = (config: unknown) => {
  const home = emptyHome();
  mkdirSync(join(home, '.aliyun'));
  writeFileSync(join(home, '.aliyun', 'config.json'), JSON.stringify(config));
  return home;
};
const base = (vars: Record<string, string> = {}) => loadEnv({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', HOME: emptyHome(), ...vars });

describe('loadEnv', () => {
  it('has defaults for everything', () => {
    const env = loadEnv({ HOME: '/tmp' });
    expect(env).toMatchObject({ port: 8080, host: '127.0.0.1', loginRequired: false, cloudTimeoutMs: 10_000, computeNestRegion: 'cn-hangzhou' });
  });

  it('names every bad variable and says what to do', () => {
    let error: unknown;
    try {
      loadEnv({ PORT: 'abc', HOST: '0.0.0.0', CLOUD_SIM_ENDPOINT: 'not a url', COMPUTE_NEST_REGION: 'cn-beijing', ALIBABA_CLOUD_ACCESS_KEY_ID: 'id' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).message;
    expect(text).toMatch(/PORT must be a whole number .* \(got "abc"\)/);
    expect(text).toMatch(/HOST=0\.0\.0\.0 .* set CONSOLE_ACCESS_TOKEN/);
    expect(text).toMatch(/CLOUD_SIM_ENDPOINT must be an http\(s\) URL/);
    expect(text).toMatch(/COMPUTE_NEST_REGION must be cn-hangzhou .* or ap-southeast-1/);
    expect(text).toMatch(/ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET must be set together/);
    expect(text).not.toMatch(/at .*\.ts/); // no stack in the sentence
  });

  it('requires a login token beyond loopback and accepts one', () => {
    expect(loadEnv({ HOST: '0.0.0.0', CONSOLE_ACCESS_TOKEN: 'a-long-enough-token' }).loginRequired).toBe(true);
    expect(() => loadEnv({ HOST: '0.0.0.0', CONSOLE_ACCESS_TOKEN: 'short' })).toThrow(/at least 16 characters/);
  });
});

describe('credential chain', () => {
  it('takes the environment variables first', async () => {
    const env = base({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret', ALIBABA_CLOUD_SECURITY_TOKEN: 'tok' });
    const found = await resolveCredentials(env.credentials);
    expect(found?.source).toBe('environment variables');
    expect(await found?.provider.getCredentials()).toEqual({ accessKeyId: 'id', accessKeySecret: 'secret', securityToken: 'tok' });
  });

  it('reads the current aliyun CLI profile in AK mode', async () => {
    const home = homeWith({ current: 'work', profiles: [{ name: 'work', mode: 'AK', access_key_id: 'ak', access_key_secret: 'sk' }] });
    const found = await resolveCredentials(base({ HOME: home }).credentials);
    expect(found?.source).toBe('aliyun CLI profile "work"');
    expect(await found?.provider.getCredentials()).toEqual({ accessKeyId: 'ak', accessKeySecret: 'sk' });
  });

  it('reads a named profile in StsToken mode', async () => {
    const home = homeWith({
      current: 'default',
      profiles: [
        { name: 'default', mode: 'AK', access_key_id: 'a', access_key_secret: 'b' },
        { name: 'sts', mode: 'StsToken', access_key_id: 'STS.x', access_key_secret: 'y', sts_token: 'z' },
      ],
    });
    const found = await resolveCredentials(base({ HOME: home, ALIBABA_CLOUD_PROFILE: 'sts' }).credentials);
    expect(await found?.provider.getCredentials()).toEqual({ accessKeyId: 'STS.x', accessKeySecret: 'y', securityToken: 'z' });
  });

  it('explains an unsupported profile mode or a missing named profile', async () => {
    const home = homeWith({ current: 'default', profiles: [{ name: 'default', mode: 'CloudSSO' }] });
    await expect(resolveCredentials(base({ HOME: home }).credentials)).rejects.toThrow(/mode CloudSSO, which the console does not support/);
    await expect(resolveCredentials(base({ HOME: home, ALIBABA_CLOUD_PROFILE: 'nope' }).credentials)).rejects.toThrow(/no such profile/);
  });

  it('finds none without variables, profile or metadata → the local cloud', async () => {
    const env = base();
    expect(await resolveCredentials(env.credentials)).toBeNull();
    const { cloud, embedded } = await decideCloud(env, async () => ({
      endpoint: 'http://127.0.0.1:1234',
      keys: { accessKeyId: 'SandboxDefaultKeyId', accessKeySecret: 'SandboxDefaultKeySecret' },
      entry: { httpPort: 9180, httpsPort: 9443, dnsServers: ['127.0.0.1:9153'] },
      close: async () => undefined,
    }));
    expect(cloud.mode).toBe('sandbox');
    expect(cloud.endpoint('rds', 'cn-shanghai')).toBe('http://127.0.0.1:1234');
    expect(embedded).not.toBeNull();
    // Entries of the embedded local cloud are reached on its edge port, names through its DNS server.
    expect(cloud.entry).toEqual({ httpPort: 9180, httpsPort: 9443, dnsServers: ['127.0.0.1:9153'] });
  });

  it('never falls back to the local cloud with CLOUD_MODE=aliyun (a console in production), and says what to set', async () => {
    const env = base({ CLOUD_MODE: 'aliyun' });
    await expect(decideCloud(env, () => Promise.reject(new Error('must not start')))).rejects.toThrow(
      /CLOUD_MODE=aliyun, but no Alibaba Cloud credentials were found: .*RRSA role/,
    );
    const real = await decideCloud(base({ CLOUD_MODE: 'aliyun', ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret' }), () =>
      Promise.reject(new Error('must not start')),
    );
    expect(real.cloud.mode).toBe('aliyun');
    expect(() => base({ CLOUD_MODE: 'aliyun', CLOUD_SIM_ENDPOINT: 'http://127.0.0.1:9100' })).toThrow(/contradict/);
    expect(() => base({ CLOUD_MODE: 'real' })).toThrow(/CLOUD_MODE must be auto .* or aliyun/);
  });

  it('uses CLOUD_SIM_ENDPOINT instead of starting a local cloud', async () => {
    const env = base({ CLOUD_SIM_ENDPOINT: 'http://127.0.0.1:9100/' });
    const { cloud, embedded } = await decideCloud(env, () => Promise.reject(new Error('must not start')));
    expect(cloud.endpoint('cs', 'cn-hangzhou')).toBe('http://127.0.0.1:9100');
    expect(cloud.mode).toBe('sandbox');
    expect(embedded).toBeNull();
  });

  it('reaches the entries of an external local cloud through CLOUD_SIM_EDGE_PORT and CLOUD_SIM_DNS; the real cloud on 80/443 and the system DNS', async () => {
    const env = base({ CLOUD_SIM_ENDPOINT: 'http://127.0.0.1:9100', CLOUD_SIM_EDGE_PORT: '9180', CLOUD_SIM_DNS: '127.0.0.1:9153' });
    const { cloud } = await decideCloud(env, () => Promise.reject(new Error('must not start')));
    expect(cloud.entry).toEqual({ httpPort: 9180, httpsPort: 9180, dnsServers: ['127.0.0.1:9153'] });
    const real = await decideCloud(base({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret' }), () =>
      Promise.reject(new Error('must not start')),
    );
    expect(real.cloud.entry).toEqual({ httpPort: 80, httpsPort: 443, dnsServers: [] });
    expect(() => loadEnv({ CLOUD_SIM_EDGE_PORT: 'x', CLOUD_SIM_DNS: 'dns.local' })).toThrow(/CLOUD_SIM_EDGE_PORT must be .*\n.*CLOUD_SIM_DNS must be/s);
  });

  it('signs requests to CLOUD_SIM_ENDPOINT with the sandbox keys given in the environment, never with a real profile', async () => {
    const home = homeWith({ current: 'default', profiles: [{ name: 'default', mode: 'AK', access_key_id: 'RealProfileId', access_key_secret: 'real' }] });
    const other = base({
      HOME: home,
      CLOUD_SIM_ENDPOINT: 'http://127.0.0.1:9100',
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'SandboxKeyForTests',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'SandboxSecretForTests',
    });
    const given = await decideCloud(other, () => Promise.reject(new Error('must not start')));
    expect(given.cloud.mode).toBe('sandbox');
    expect((await given.cloud.credentials.getCredentials()).accessKeyId).toBe('SandboxKeyForTests');

    const fromProfileOnly = await decideCloud(base({ HOME: home, CLOUD_SIM_ENDPOINT: 'http://127.0.0.1:9100' }), () =>
      Promise.reject(new Error('must not start')),
    );
    expect((await fromProfileOnly.cloud.credentials.getCredentials()).accessKeyId).toBe('SandboxDefaultKeyId');
  });

  it('does not ask the metadata service when ALIBABA_CLOUD_ECS_METADATA_DISABLED=true', async () => {
    let asked = 0;
    const spy = (async () => {
      asked += 1;
      return new Response('role');
    }) as typeof fetch;
    expect(await resolveCredentials(base().credentials, { fetch: spy })).toBeNull();
    expect(asked).toBe(0);
  });
});

describe('ECS RAM role via the metadata service', () => {
  let server: Server;
  let imdsBase: string;
  let served = 0;
  let expiration = new Date(Date.now() + 3600_000).toISOString();
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.method === 'PUT' && req.url === '/latest/api/token') return res.end('imds-token');
      if (req.url === '/latest/meta-data/ram/security-credentials/') return res.end('DifyConsoleRole');
      if (req.url === '/latest/meta-data/ram/security-credentials/DifyConsoleRole') {
        served += 1;
        return res.end(
          JSON.stringify({ AccessKeyId: `STS.id${served}`, AccessKeySecret: 'sec', SecurityToken: 'tok', Expiration: expiration, Code: 'Success' }),
        );
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    imdsBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('discovers the role, and refreshes before the expiration', async () => {
    let now = Date.now();
    // A generous wait: this machine's metadata service is a test server that may be slow under load.
    const found = await resolveCredentials(loadEnv({ HOME: emptyHome() }).credentials, { imdsBase, imdsTimeoutMs: 5000, now: () => now });
    expect(found?.source).toBe('ECS RAM role DifyConsoleRole');
    expect((await found?.provider.getCredentials())?.accessKeyId).toBe('STS.id1');
    expiration = new Date(now + 3600_000).toISOString();
    now += 3600_000 - 60_000; // inside the refresh margin
    expect((await found?.provider.getCredentials())?.accessKeyId).toBe('STS.id2');
  });

  it('gives up quickly when there is no metadata service', async () => {
    const started = Date.now();
    expect(await resolveCredentials(loadEnv({ HOME: emptyHome() }).credentials, { imdsBase: 'http://10.255.255.1' })).toBeNull();
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('real endpoints', () => {
  it('follows the per-product rules', () => {
    expect(aliyunHost('vpc', 'cn-hangzhou', 'cn-hangzhou')).toBe('vpc.aliyuncs.com');
    expect(aliyunHost('vpc', 'cn-beijing', 'cn-hangzhou')).toBe('vpc.cn-beijing.aliyuncs.com');
    expect(aliyunHost('ecs', 'cn-hangzhou', 'cn-hangzhou')).toBe('ecs-cn-hangzhou.aliyuncs.com');
    expect(aliyunHost('rds', 'cn-shanghai', 'cn-hangzhou')).toBe('rds.aliyuncs.com');
    expect(aliyunHost('rds', 'cn-chengdu', 'cn-hangzhou')).toBe('rds.cn-chengdu.aliyuncs.com');
    expect(aliyunHost('r-kvstore', 'cn-shenzhen', 'cn-hangzhou')).toBe('r-kvstore.cn-shenzhen.aliyuncs.com');
    expect(aliyunHost('milvus', 'cn-shanghai', 'cn-hangzhou')).toBe('milvus.cn-shanghai.aliyuncs.com');
    expect(aliyunHost('computenest', 'cn-beijing', 'ap-southeast-1')).toBe('computenest.ap-southeast-1.aliyuncs.com');
  });
});
