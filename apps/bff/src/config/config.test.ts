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

  it('reads which endpoint of the clusters\' API servers to use (public by default)', () => {
    expect(base().clusterApiAccess).toBe('public');
    expect(base({ CLUSTER_API_ACCESS: 'intranet' }).clusterApiAccess).toBe('intranet');
    expect(() => base({ CLUSTER_API_ACCESS: 'vpc' })).toThrow(/CLUSTER_API_ACCESS must be 'public' .* or 'intranet'/);
  });

  it('reads the calls in flight per listing API, for all or per API', () => {
    expect(base().listConcurrency).toEqual({});
    expect(base({ CLOUD_LIST_CONCURRENCY: '6' }).listConcurrency).toEqual({ vpcs: 6, clusters: 6, rds: 6, redis: 6, milvus: 6 });
    expect(base({ CLOUD_LIST_CONCURRENCY: 'rds=12, vpcs=3' }).listConcurrency).toEqual({ rds: 12, vpcs: 3 });
    expect(() => base({ CLOUD_LIST_CONCURRENCY: 'ecs=3' })).toThrow(/CLOUD_LIST_CONCURRENCY must be a number of calls in flight .* \(got "ecs=3"\)/);
    expect(() => base({ CLOUD_LIST_CONCURRENCY: '0' })).toThrow(/CLOUD_LIST_CONCURRENCY must be at least 1/);
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
    const home = homeWith({ current: 'default', profiles: [{ name: 'default', mode: 'Bogus' }] });
    await expect(resolveCredentials(base({ HOME: home }).credentials)).rejects.toThrow(
      /aliyun CLI profile "default" .*\(mode Bogus\) gives no credentials: unsupported profile mode 'Bogus'/,
    );
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
});

describe('credentials URI and OIDC role', () => {
  let server: Server;
  let uri: string;
  let served = 0;
  let status = 200;
  beforeAll(async () => {
    server = createServer((req, res) => {
      served += 1;
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(
        status === 200
          ? JSON.stringify({
              Code: 'Success',
              AccessKeyId: `STS.uri${served}`,
              AccessKeySecret: 'uri-secret',
              SecurityToken: 'uri-token',
              Expiration: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
            })
          : JSON.stringify({ Code: 'Forbidden' }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/credentials`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('takes temporary credentials from ALIBABA_CLOUD_CREDENTIALS_URI, after the CLI profile', async () => {
    status = 200;
    const found = await resolveCredentials(base({ ALIBABA_CLOUD_CREDENTIALS_URI: uri }).credentials);
    expect(found?.source).toBe('credentials URI');
    const creds = await found?.provider.getCredentials();
    expect(creds).toMatchObject({ accessKeySecret: 'uri-secret', securityToken: 'uri-token' });
    expect(creds?.accessKeyId).toMatch(/^STS\.uri\d+$/);
    const home = homeWith({ current: 'default', profiles: [{ name: 'default', mode: 'AK', access_key_id: 'ak', access_key_secret: 'sk' }] });
    expect((await resolveCredentials(base({ HOME: home, ALIBABA_CLOUD_CREDENTIALS_URI: uri }).credentials))?.source).toBe('aliyun CLI profile "default"');
  });

  it('says so when the credentials URI gives none', async () => {
    status = 403;
    await expect(resolveCredentials(base({ ALIBABA_CLOUD_CREDENTIALS_URI: uri }).credentials)).rejects.toThrow(
      /ALIBABA_CLOUD_CREDENTIALS_URI=http:\/\/127\.0\.0\.1:\d+\/credentials gave no credentials: .*403/,
    );
    status = 200;
  });

  it('uses the OIDC role (RRSA) before the CLI profile; all three variables or a clear error', async () => {
    const dir = emptyHome();
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'eyJhbGciOiJSUzI1NiJ9.e30.sig');
    const home = homeWith({ current: 'default', profiles: [{ name: 'default', mode: 'AK', access_key_id: 'ak', access_key_secret: 'sk' }] });
    await expect(
      resolveCredentials(base({ HOME: home, ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/dify-console', ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile }).credentials),
    ).rejects.toThrow(/needs ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE together; missing ALIBABA_CLOUD_OIDC_PROVIDER_ARN/);
    // The STS that would answer AssumeRoleWithOIDC is unreachable here: the role is tried, not skipped.
    const env = base({
      HOME: home,
      ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/dify-console',
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::1:oidc-provider/ack-rrsa-c1',
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
    });
    await expect(resolveCredentials(env.credentials, { stsEndpoint: '127.0.0.1:1' })).rejects.toThrow(
      /ALIBABA_CLOUD_ROLE_ARN=acs:ram::1:role\/dify-console: AssumeRoleWithOIDC failed/,
    );
    // The environment's keys come first.
    const withKeys = base({ ...{ ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret' }, ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/x' });
    expect((await resolveCredentials(withKeys.credentials))?.source).toBe('environment variables');
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
