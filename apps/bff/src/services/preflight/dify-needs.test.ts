import { describe, expect, it } from 'vitest';
import {
  atLeast,
  isArmInstanceType,
  majorMinor,
  podSourceRanges,
  podVSwitchesFromEniConf,
  podVSwitchesFromParameters,
  requiredCapacity,
} from './dify-needs';
import { evaluatePolicies, ramUserName } from './policies';

describe("Dify's needs", () => {
  it('sizes HA and non-HA', () => {
    expect(requiredCapacity(true)).toMatchObject({ cpuM: 3000, memoryMiB: 6272 });
    expect(requiredCapacity(false)).toMatchObject({ cpuM: 1800, memoryMiB: 3712 });
  });

  it('reads versions and compares them', () => {
    expect(majorMinor('1.31.1-aliyun.1')).toEqual([1, 31]);
    expect(majorMinor('16.0')).toEqual([16, 0]);
    expect(majorMinor('v2.4')).toEqual([2, 4]);
    expect(atLeast([1, 24], [1, 24])).toBe(true);
    expect(atLeast([1, 22], [1, 24])).toBe(false);
    expect(atLeast([2, 0], [1, 24])).toBe(true);
  });

  it('knows ARM instance families', () => {
    expect(isArmInstanceType('ecs.g8y')).toBe(true);
    expect(isArmInstanceType('ecs.c6r.xlarge')).toBe(true);
    expect(isArmInstanceType('ecs.g7.xlarge')).toBe(false);
    expect(isArmInstanceType('ecs.u1-c1m2.xlarge')).toBe(false);
  });

  it('works out where pods come from: terway pod vSwitches, else the VPC; flannel node IPs', () => {
    expect(podSourceRanges({ plugin: 'terway', podVSwitchCidrs: ['10.0.64.0/18'], workerIps: [], vpcVSwitchCidrs: ['10.0.0.0/24'] })).toEqual({
      ranges: ['10.0.64.0/18'],
      basis: 'podVSwitches',
    });
    expect(podSourceRanges({ plugin: 'terway', podVSwitchCidrs: null, workerIps: [], vpcVSwitchCidrs: ['10.0.0.0/24', '10.0.64.0/18'] })).toEqual({
      ranges: ['10.0.0.0/24', '10.0.64.0/18'],
      basis: 'vpcVSwitches',
    });
    expect(podSourceRanges({ plugin: 'flannel', podVSwitchCidrs: null, workerIps: ['172.16.0.10', '172.16.0.10'], vpcVSwitchCidrs: [] })).toEqual({
      ranges: ['172.16.0.10/32'],
      basis: 'nodeIps',
    });
    // Flannel with the node vSwitches read: their CIDRs, plus any worker outside them by its IP.
    expect(
      podSourceRanges({ plugin: 'flannel', podVSwitchCidrs: null, nodeVSwitchCidrs: ['172.16.0.0/24'], workerIps: ['172.16.0.10', '172.16.9.4'], vpcVSwitchCidrs: [] }),
    ).toEqual({ ranges: ['172.16.0.0/24', '172.16.9.4/32'], basis: 'nodeVSwitches' });
    expect(podSourceRanges({ plugin: 'flannel', podVSwitchCidrs: null, nodeVSwitchCidrs: [], workerIps: ['172.16.0.10'], vpcVSwitchCidrs: [] }).basis).toBe('nodeIps');
  });

  it("reads pod vSwitch ids from terway's eni_conf and from cluster parameters", () => {
    expect(podVSwitchesFromEniConf(JSON.stringify({ vswitches: { 'cn-hangzhou-k': ['vsw-a'], 'cn-hangzhou-j': ['vsw-b', 'vsw-a'] } }))).toEqual(['vsw-a', 'vsw-b']);
    expect(podVSwitchesFromEniConf('not json')).toEqual([]);
    expect(podVSwitchesFromParameters({}, { PodVswitchIds: '["vsw-x","vsw-y"]' })).toEqual(['vsw-x', 'vsw-y']);
    expect(podVSwitchesFromParameters({ PodVswitchIds: 'vsw-1, vsw-2' })).toEqual(['vsw-1', 'vsw-2']);
  });
});

describe('guide policies', () => {
  it('grants directly, through a group, or by AdministratorAccess; Milvus read-only is not enough', () => {
    const grants = evaluatePolicies({
      direct: ['AliyunECSFullAccess', 'AliyunMilvusReadOnlyAccess'],
      groups: [{ name: 'ops', policies: ['AliyunRDSFullAccess'] }],
    });
    const by = Object.fromEntries(grants.map((g) => [g.name, g]));
    expect(by.AliyunECSFullAccess).toMatchObject({ status: 'granted', via: 'user' });
    expect(by.AliyunRDSFullAccess).toMatchObject({ status: 'granted', via: 'group:ops' });
    expect(by.AliyunMilvusFullAccess).toMatchObject({ status: 'missing', via: null });
    const admin = evaluatePolicies({ direct: [], groups: [{ name: 'admins', policies: ['AdministratorAccess'] }] });
    expect(admin.every((g) => g.status === 'granted' && g.via === 'AdministratorAccess')).toBe(true);
    expect(grants).toHaveLength(8);
  });

  it('takes the user name from the ARN', () => {
    expect(ramUserName('acs:ram::1420000000000001:user/dify-partial')).toBe('dify-partial');
    expect(ramUserName('acs:ram::1420000000000001:root')).toBeNull();
  });
});
