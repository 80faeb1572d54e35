import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudSim, type CloudSim, type SimAccountKeys } from '../../index';
import { rejectionOf, roa, rpc } from '../../test-clients';

// STS AssumeRole on the fixtures' roles, and how the local cloud checks temporary credentials.

let sim: CloudSim;
let me: SimAccountKeys;

interface Assumed {
  AssumedRoleUser: { Arn: string; AssumedRoleId: string };
  Credentials: {
    AccessKeyId: string;
    AccessKeySecret: string;
    SecurityToken: string;
    Expiration: string;
  };
}

const sts = (keys: Parameters<typeof rpc>[2]) => rpc(sim.endpoint, '2015-04-01', keys);
const assume = (role: string, extra: Record<string, string | number> = {}) =>
  sts(me).request<Assumed>(
    'AssumeRole',
    { RoleArn: `acs:ram::${me.accountId}:role/${role}`, RoleSessionName: 'console', ...extra },
    { method: 'POST' },
  );
const temporary = (a: Assumed, securityToken?: string) => ({
  accessKeyId: a.Credentials.AccessKeyId,
  accessKeySecret: a.Credentials.AccessKeySecret,
  ...(securityToken !== undefined ? { securityToken } : {}),
});

beforeAll(async () => {
  sim = await startCloudSim();
  me = await sim.createAccount('default');
});
afterAll(async () => {
  await sim.close();
});

describe('STS AssumeRole and temporary credentials', () => {
  it('issues credentials for a fixture role; GetCallerIdentity answers AssumedRoleUser', async () => {
    const a = await assume('dify-console', { DurationSeconds: 900 });
    expect(a.Credentials.AccessKeyId).toMatch(/^STS\.[A-Za-z0-9]+$/);
    expect(a.Credentials.SecurityToken).toMatch(/^CAIS/);
    expect(Date.parse(a.Credentials.Expiration) - sim.now()).toBeGreaterThan(890_000);
    expect(a.AssumedRoleUser.Arn).toBe(`acs:ram::${me.accountId}:role/dify-console/console`);
    const who = await sts(temporary(a, a.Credentials.SecurityToken)).request<
      Record<string, string>
    >('GetCallerIdentity', {}, { method: 'POST' });
    expect(who).toMatchObject({
      IdentityType: 'AssumedRoleUser',
      AccountId: me.accountId,
      Arn: `acs:ram::${me.accountId}:assumed-role/dify-console/console`,
      PrincipalId: a.AssumedRoleUser.AssumedRoleId,
    });
    // ROA products take the token in x-acs-security-token.
    const clusters = await roa(
      sim.endpoint,
      '2015-12-15',
      temporary(a, a.Credentials.SecurityToken),
    ).get<{
      clusters: unknown[];
    }>('/api/v1/clusters', { region_id: 'cn-hangzhou' });
    expect(clusters.clusters.length).toBeGreaterThan(0);
  });

  it("refuses a temporary key without its token, with a wrong or another key's token, and after expiry", async () => {
    const a = await assume('dify-console', { DurationSeconds: 900 });
    const b = await assume('dify-console', { RoleSessionName: 'other' });
    const call = (keys: Parameters<typeof rpc>[2]) =>
      rejectionOf(sts(keys).request('GetCallerIdentity', {}, { method: 'POST' }));
    expect((await call(temporary(a))).code).toBe('MissingSecurityToken');
    expect((await call(temporary(a, 'CAISnotatoken'))).code).toBe('InvalidSecurityToken.Malformed');
    expect((await call(temporary(a, b.Credentials.SecurityToken))).code).toBe(
      'InvalidSecurityToken.MismatchWithAccessKey',
    );
    sim.advance(901_000);
    const expired = await call(temporary(a, a.Credentials.SecurityToken));
    expect(expired.code).toBe('InvalidSecurityToken.Expired');
    // The longer session still works.
    const still = await sts(temporary(b, b.Credentials.SecurityToken)).request<{
      IdentityType: string;
    }>('GetCallerIdentity', {}, { method: 'POST' });
    expect(still.IdentityType).toBe('AssumedRoleUser');
  });

  it("a role session has the role's policies; bad RoleArn, session name or duration are refused", async () => {
    const ro = await assume('dify-readonly');
    const denied = await rejectionOf(
      rpc(sim.endpoint, '2014-08-15', temporary(ro, ro.Credentials.SecurityToken)).request(
        'DescribeDBInstances',
        { RegionId: 'cn-hangzhou' },
        { method: 'POST' },
      ),
    );
    expect(denied.code).toBe('Forbidden.RAM');
    expect((await rejectionOf(assume('nope'))).code).toBe('EntityNotExist.Role');
    expect((await rejectionOf(assume('dify-console', { RoleSessionName: 'a b' }))).code).toBe(
      'InvalidParameter.RoleSessionName',
    );
    expect((await rejectionOf(assume('dify-console', { DurationSeconds: 7200 }))).code).toBe(
      'InvalidParameter.DurationSeconds',
    );
    // A RAM user without sts:AssumeRole may not assume it.
    const deployer = {
      accessKeyId: `${me.accessKeyId}RamDeployer`,
      accessKeySecret: `${me.accessKeySecret}RamDeployer`,
    };
    const noSts = await rejectionOf(
      sts(deployer).request(
        'AssumeRole',
        { RoleArn: `acs:ram::${me.accountId}:role/dify-console`, RoleSessionName: 'x1' },
        { method: 'POST' },
      ),
    );
    expect(noSts.code).toBe('NoPermission');
  });
});
