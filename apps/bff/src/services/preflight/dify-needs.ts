import { missingRanges } from './cidr';

/**
 * What Dify (release ack-dify of the 高可用版-已有资源 template) needs of the chosen resources.
 * One table each, so the figures the checks use are stated in one place.
 */

/** The cluster's Kubernetes version must be at least this (NLB Services need 1.24; ACK no longer offers older). */
export const MIN_KUBERNETES: readonly [number, number] = [1, 24];
/** PostgreSQL: the template buys 14.0; 12-13 are untested (warn); below 12 fails. */
export const POSTGRES_SUPPORTED = 14;
export const POSTGRES_MINIMUM = 12;
/** Redis / Tair engine version. */
export const MIN_REDIS: readonly [number, number] = [5, 0];
/** Milvus: Dify's client needs 2.3; hybrid (full-text) search needs 2.5. */
export const MIN_MILVUS: readonly [number, number] = [2, 3];
export const HYBRID_MILVUS: readonly [number, number] = [2, 5];

export const NAMESPACE = 'dify-system';
export const RELEASE = 'ack-dify';
export const WHITELIST_GROUP = 'dify_ack';
export const DATABASES = ['dify', 'dify_plugin'] as const;

/**
 * Requests the console assumes per pod (the template passes `resources: {}`, so these are the
 * console's own sizing figures, from Dify's recommended minimum of 2 vCPU / 4 GiB for a single
 * set plus the plugin daemon), and replicas with HA on/off.
 */
export const COMPONENTS: readonly { name: string; cpuM: number; memoryMiB: number; replicasHa: number; replicas: number }[] = [
  { name: 'api', cpuM: 500, memoryMiB: 1024, replicasHa: 2, replicas: 1 },
  { name: 'worker', cpuM: 500, memoryMiB: 1024, replicasHa: 2, replicas: 1 },
  { name: 'web', cpuM: 100, memoryMiB: 256, replicasHa: 2, replicas: 1 },
  { name: 'sandbox', cpuM: 100, memoryMiB: 256, replicasHa: 2, replicas: 1 },
  { name: 'proxy', cpuM: 100, memoryMiB: 128, replicasHa: 1, replicas: 1 },
  { name: 'plugin-daemon', cpuM: 500, memoryMiB: 1024, replicasHa: 1, replicas: 1 },
];

export function requiredCapacity(ha: boolean): { cpuM: number; memoryMiB: number; pods: string[] } {
  let cpuM = 0;
  let memoryMiB = 0;
  const pods: string[] = [];
  for (const c of COMPONENTS) {
    const n = ha ? c.replicasHa : c.replicas;
    cpuM += c.cpuM * n;
    memoryMiB += c.memoryMiB * n;
    pods.push(`${c.name} ${n}×${c.cpuM}m/${c.memoryMiB}Mi`);
  }
  return { cpuM, memoryMiB, pods };
}

/** `1.31.1-aliyun.1` / `16.0` / `v2.4.3` → [major, minor]; null when unreadable. */
export function majorMinor(version: string): [number, number] | null {
  const m = /(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return null;
  return [Number(m[1]), Number(m[2] ?? 0)];
}

export function atLeast(version: [number, number], min: readonly [number, number]): boolean {
  return version[0] > min[0] || (version[0] === min[0] && version[1] >= min[1]);
}

/** Alibaba Cloud ARM instance families (g6r/c6r, g8y/c8y/r8y…): a `r`/`y` after the generation number. */
export function isArmInstanceType(instanceTypeOrFamily: string): boolean {
  return /^ecs\.[a-z]+\d+[ry](\.|$)/.test(instanceTypeOrFamily);
}

export type SourceBasis = 'podVSwitches' | 'nodeVSwitches' | 'nodeIps' | 'vpcVSwitches';

/** The worker IPs as /32 entries, without duplicates. */
export const hostRanges = (ips: readonly string[]): string[] => [...new Set(ips.map((ip) => (ip.includes('/') ? ip : `${ip}/32`)))];

/**
 * The addresses a database sees Dify's pods come from. Terway: pods take
 * addresses from the pod vSwitches, every one of which must be admitted; when they cannot be read,
 * every vSwitch of the VPC (a superset that surely contains them). Flannel: pod traffic is SNATed
 * behind the worker node (the container CIDR never reaches the database), so the CIDRs of the
 * nodes' vSwitches, which keep admitting the nodes a scale-out adds; a worker outside all of them
 * is added by its IP. Only when the node vSwitches cannot be read: each worker IP as /32.
 */
export function podSourceRanges(input: {
  plugin: 'terway' | 'flannel';
  podVSwitchCidrs: readonly string[] | null;
  /** The CIDRs of the cluster's node vSwitches; null (or empty) when they could not be read. */
  nodeVSwitchCidrs?: readonly string[] | null;
  workerIps: readonly string[];
  vpcVSwitchCidrs: readonly string[];
}): { ranges: string[]; basis: SourceBasis } {
  if (input.plugin === 'terway') {
    if (input.podVSwitchCidrs && input.podVSwitchCidrs.length > 0) return { ranges: [...new Set(input.podVSwitchCidrs)], basis: 'podVSwitches' };
    return { ranges: [...new Set(input.vpcVSwitchCidrs)], basis: 'vpcVSwitches' };
  }
  const workers = hostRanges(input.workerIps);
  const nodeVSwitches = [...new Set(input.nodeVSwitchCidrs ?? [])];
  if (nodeVSwitches.length === 0) return { ranges: workers, basis: 'nodeIps' };
  return { ranges: [...nodeVSwitches, ...missingRanges(workers, nodeVSwitches)], basis: 'nodeVSwitches' };
}

/** Pod vSwitch ids from terway's eni-config (`eni_conf` JSON: `vswitches: {zone: [ids]}` or `vswitch_ids`). */
export function podVSwitchesFromEniConf(eniConf: string | undefined): string[] {
  if (!eniConf) return [];
  try {
    const conf = JSON.parse(eniConf) as { vswitches?: Record<string, unknown>; vswitch_ids?: unknown };
    const list = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);
    const ids: unknown[] = [...Object.values(conf.vswitches ?? {}).flatMap(list), ...list(conf.vswitch_ids)];
    return [...new Set(ids.filter((v): v is string => typeof v === 'string' && v.startsWith('vsw-')))];
  } catch {
    return [];
  }
}

/** Pod vSwitch ids from DescribeClusterDetail `parameters`/`meta_data` (ROS-era `PodVswitchIds`: JSON list or comma list). */
export function podVSwitchesFromParameters(...maps: Record<string, unknown>[]): string[] {
  for (const map of maps) {
    for (const key of ['PodVswitchIds', 'PodVSwitchIds', 'pod_vswitch_ids']) {
      const v = map[key];
      const list = Array.isArray(v) ? v : typeof v === 'string' ? (v.trim().startsWith('[') ? safeArray(v) : v.split(',')) : [];
      const ids = list.filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter((x) => x.startsWith('vsw-'));
      if (ids.length > 0) return [...new Set(ids)];
    }
  }
  return [];
}

function safeArray(v: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}
