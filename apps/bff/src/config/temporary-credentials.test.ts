import { startCloudSim, type CloudSim, type SimAccountKeys } from '@dify-console/cloud-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prerequisites } from '@dify-console/shared/api/preflight';
import { createTransport } from '../cloud/pop-client';
import { appOn, testEnv } from '../testing/harness';
import { decideCloud, sandboxCloud } from './cloud';

// The console on temporary credentials (STS AssumeRole of the local cloud's role dify-console):
// the token goes with every call; without it the cloud refuses and the console says so.

let sim: CloudSim;
let me: SimAccountKeys;
let creds: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string };

beforeAll(async () => {
  sim = await startCloudSim();
  me = await sim.createAccount('default');
  const transport = createTransport(sandboxCloud(testEnv(), sim.endpoint, me));
  const res = (await transport.rpc('sts', 'cn-hangzhou', 'AssumeRole', {
    RoleArn: `acs:ram::${me.accountId}:role/dify-console`,
    RoleSessionName: 'dify-console',
  })) as { Credentials: typeof creds };
  creds = res.Credentials;
});
afterAll(async () => {
  await sim.close();
});

describe('temporary credentials (ALIBABA_CLOUD_SECURITY_TOKEN)', () => {
  it('signs every call with the token: the console acts as the assumed role', async () => {
    const env = testEnv({
      CLOUD_SIM_ENDPOINT: sim.endpoint,
      ALIBABA_CLOUD_ACCESS_KEY_ID: creds.AccessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: creds.AccessKeySecret,
      ALIBABA_CLOUD_SECURITY_TOKEN: creds.SecurityToken,
    });
    const { cloud } = await decideCloud(env, () => Promise.reject(new Error('must not start')));
    const { app } = await appOn(cloud);
    const res = await app.inject({ url: '/api/v1/prerequisites', headers: { 'accept-language': 'en' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Prerequisites>().identity).toMatchObject({
      type: 'AssumedRoleUser',
      arn: `acs:ram::${me.accountId}:assumed-role/dify-console/dify-console`,
    });
    const clusters = await app.inject({ url: '/api/v1/regions/cn-hangzhou/clusters' });
    expect(clusters.statusCode, clusters.body).toBe(200);
    expect(clusters.body).not.toContain(creds.SecurityToken);
    await app.close();
  });

  it('a temporary key without its token is refused, and the console names the cause', async () => {
    const { app } = await appOn(sandboxCloud(testEnv(), sim.endpoint, { accessKeyId: creds.AccessKeyId, accessKeySecret: creds.AccessKeySecret }));
    const res = await app.inject({ url: '/api/v1/prerequisites', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ code: 'Cloud.CredentialsRefused' });
    expect(res.body).toMatch(/MissingSecurityToken/);
    expect(res.body).toMatch(/STS token/);
    await app.close();
  });
});
