import { describe, expect, it } from 'vitest';
import { covered, ipToNumber, mergeRanges, missingRanges, parseRange, splitList } from './cidr';

describe('CIDR maths', () => {
  it('parses addresses and blocks, rejecting what is not IPv4', () => {
    expect(ipToNumber('10.0.0.1')).toBe(167772161);
    expect(ipToNumber('256.0.0.1')).toBeUndefined();
    expect(parseRange('172.16.0.10')).toEqual([ipToNumber('172.16.0.10'), ipToNumber('172.16.0.10')]);
    expect(parseRange('172.16.64.0/18')).toEqual([ipToNumber('172.16.64.0'), ipToNumber('172.16.127.255')]);
    // A block written with host bits is normalised to its network.
    expect(parseRange('172.16.1.7/24')).toEqual([ipToNumber('172.16.1.0'), ipToNumber('172.16.1.255')]);
    expect(parseRange('0.0.0.0/0')).toEqual([0, 2 ** 32 - 1]);
    expect(parseRange('fe80::1/64')).toBeUndefined();
    expect(parseRange('10.0.0.0/33')).toBeUndefined();
    expect(parseRange('10.0.0.0/8/1')).toBeUndefined();
  });

  it('merges adjacent and overlapping ranges', () => {
    expect(mergeRanges(['10.0.1.0/24', '10.0.0.0/24', '10.0.0.128/25', 'junk'])).toEqual([[ipToNumber('10.0.0.0'), ipToNumber('10.0.1.255')]]);
  });

  it('knows containment, also across two adjacent entries', () => {
    const admitted = mergeRanges(['172.16.0.0/12']);
    expect(covered('172.16.64.0/18', admitted)).toBe(true);
    expect(covered('172.16.0.10/32', admitted)).toBe(true);
    expect(covered('192.168.0.0/16', admitted)).toBe(false);
    expect(covered('10.0.0.0/23', mergeRanges(['10.0.0.0/24', '10.0.1.0/24']))).toBe(true);
    // Partly admitted is not admitted.
    expect(covered('10.0.0.0/23', mergeRanges(['10.0.0.0/24']))).toBe(false);
    expect(covered('anything', mergeRanges(['0.0.0.0/0']))).toBe(false);
    expect(covered('8.8.8.8', mergeRanges(['0.0.0.0/0']))).toBe(true);
  });

  it('lists exactly the missing required entries, once each, in order', () => {
    const whitelist = splitList('127.0.0.1, 203.0.113.0/24');
    expect(missingRanges(['172.16.64.0/18', '172.16.128.0/18', '172.16.64.0/18'], whitelist)).toEqual(['172.16.64.0/18', '172.16.128.0/18']);
    expect(missingRanges(['203.0.113.7/32', '172.16.0.10/32'], whitelist)).toEqual(['172.16.0.10/32']);
    expect(missingRanges(['172.16.0.10/32'], ['172.16.0.0/12'])).toEqual([]);
  });
});
