import { isIPv6 } from 'node:net';
import { SimError } from '../protocol/errors';
import type { ClusterRecord } from './cs/model';

// Whitelists as RDS and Tair/Redis keep them: comma-separated IPs and CIDR blocks per group (IPv4;
// RDS also keeps IPv6 groups, which the address maths below leaves aside).

export function ipNum(ip: string): number | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return undefined;
  const p = ip.split('.').map(Number);
  if (p.some((x) => x > 255)) return undefined;
  return (((p[0] ?? 0) << 24) | ((p[1] ?? 0) << 16) | ((p[2] ?? 0) << 8) | (p[3] ?? 0)) >>> 0;
}

/** [first, last] address of an IP or CIDR entry; undefined when it is not valid IPv4. */
export function rangeOf(entry: string): [number, number] | undefined {
  const [base = '', bits, extra] = entry.trim().split('/');
  if (extra !== undefined) return undefined;
  const a = ipNum(base);
  if (a === undefined) return undefined;
  if (bits === undefined) return [a, a];
  // Prefix length 1–32 (the APIs' documented range; 0.0.0.0/0 is the one /0 they accept).
  if (!/^\d{1,2}$/.test(bits)) return undefined;
  const n = Number(bits);
  if (n > 32 || (n === 0 && a !== 0)) return undefined;
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  const first = (a & mask) >>> 0;
  return [first, (first | (~mask >>> 0)) >>> 0];
}

export function entries(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Whether every address of `cidr` is admitted by some entry of the groups. */
export function admits(groups: readonly { ips: string }[], cidr: string): boolean {
  const want = rangeOf(cidr);
  if (!want) return false;
  // Merge the admitted ranges, then look for one that spans the wanted range.
  const ranges = groups
    .flatMap((g) => entries(g.ips))
    .map(rangeOf)
    .filter((r): r is [number, number] => r !== undefined)
    .sort((x, y) => x[0] - y[0]);
  let cur: [number, number] | undefined;
  for (const r of ranges) {
    if (cur && r[0] <= cur[1] + 1) cur[1] = Math.max(cur[1], r[1]);
    else {
      if (cur && cur[0] <= want[0] && cur[1] >= want[1]) return true;
      cur = [r[0], r[1]];
    }
  }
  return cur !== undefined && cur[0] <= want[0] && cur[1] >= want[1];
}

export interface WhitelistLimits {
  /** Entries across all groups of the instance. */
  maxEntries: number;
  maxGroups: number;
}

export interface GroupLike {
  name: string;
  attribute: '' | 'hidden';
  ips: string;
}

const err = (code: string, message: string) => new SimError(code, 400, message);

/** An IPv6 address or CIDR block (prefix 1–128). */
export function isIpv6Entry(entry: string): boolean {
  const [base = '', bits, extra] = entry.trim().split('/');
  if (extra !== undefined || !isIPv6(base)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) >= 1 && Number(bits) <= 128);
}

/**
 * Validates the SecurityIps list of a ModifySecurityIps call: IPv4 addresses or CIDR blocks
 * (prefix 1–32, or 0.0.0.0/0), or IPv6 ones for an IPv6 list, no duplicates. Codes and messages
 * from the RDS/Tair error tables.
 */
export function parseSecurityIps(raw: string, ipType: 'IPv4' | 'IPv6' = 'IPv4'): string[] {
  const list = entries(raw);
  const valid = ipType === 'IPv6' ? isIpv6Entry : (e: string) => rangeOf(e) !== undefined;
  if (list.length === 0 || list.some((e) => !valid(e)))
    throw err('InvalidSecurityIPList.Format', 'Specified security IP list format is not valid.');
  if (new Set(list).size !== list.length)
    throw err(
      'InvalidSecurityIPList.Duplicate',
      'Specified security IP list is not valid: Duplicate IP address in the list',
    );
  return list;
}

/**
 * Applies Cover / Append / Delete to one group (created on demand by Cover/Append), checking the
 * per-instance entry quota. Returns the new group list; the caller stores it.
 */
export function modifyGroups<G extends GroupLike>(
  groups: readonly G[],
  name: string,
  attribute: '' | 'hidden' | undefined,
  mode: 'Cover' | 'Append' | 'Delete',
  ips: string[],
  limits: WhitelistLimits,
  make: (g: GroupLike) => G,
): G[] {
  const out = groups.map((g) => ({ ...g }));
  let group = out.find((g) => g.name === name);
  if (!group) {
    if (mode === 'Delete')
      throw err(
        'InvalidSecurityIPList.Format',
        `Specified security IP list format is not valid: whitelist group ${name} does not exist.`,
      );
    if (out.length >= limits.maxGroups)
      throw err(
        'InvalidSecurityIPList.QuotaExceeded',
        `Specified security IP list is not valid: at most ${limits.maxGroups} whitelist groups per instance.`,
      );
    group = make({ name, attribute: attribute ?? '', ips: '' });
    out.push(group);
  }
  const current = entries(group.ips);
  let next: string[];
  if (mode === 'Cover') next = ips;
  else if (mode === 'Append') next = [...current, ...ips.filter((ip) => !current.includes(ip))];
  else next = current.filter((ip) => !ips.includes(ip));
  group.ips = next.join(',');
  if (attribute !== undefined && mode !== 'Delete') group.attribute = attribute;
  const total = out.reduce((n, g) => n + entries(g.ips).length, 0);
  if (mode === 'Delete') {
    // At least one address must stay on the instance; a group left empty goes away.
    if (total === 0)
      throw err(
        'InvalidSecurityIPList.Format',
        'Specified security IP list format is not valid: at least one IP address must remain in the whitelist.',
      );
    if (next.length === 0) return out.filter((g) => g !== group);
  }
  if (total > limits.maxEntries)
    throw err(
      'InvalidSecurityIPList.QuotaExceeded',
      'Specified security IP list is not valid: Exceeding the allowed amount of IP address in the list.',
    );
  return out;
}

/**
 * The source ranges of a cluster's pods as a database sees them. Terway: pods take addresses
 * from the pod vSwitches, so every pod vSwitch CIDR must be admitted (a pod may land in any).
 * Flannel (and terway without pod vSwitches): pod traffic leaves SNATed behind the node, so the
 * worker nodes' IPs must be admitted; the flannel container CIDR never reaches the database.
 */
export function clusterSourceRanges(
  cluster: Pick<ClusterRecord, 'network_plugin' | 'pod_vswitch_ids' | 'nodes'>,
  vswitchCidr: (id: string) => string | undefined,
): string[] {
  if (cluster.network_plugin === 'terway' && cluster.pod_vswitch_ids.length > 0)
    return cluster.pod_vswitch_ids.map((id) => vswitchCidr(id) ?? '').filter(Boolean);
  return cluster.nodes.filter((n) => n.instance_role === 'Worker').map((n) => `${n.ip_address}/32`);
}
