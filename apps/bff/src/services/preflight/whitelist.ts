import type { WhitelistFix } from '@dify-console/shared/api/preflight';
import { joinList, type Locale } from '@dify-console/shared/domain/i18n';
import type { PreflightPorts } from '../../ports/preflight';
import type { Outcome } from './check';
import { missingRanges, splitList } from './cidr';
import { WHITELIST_GROUP } from './dify-needs';
import type { ClusterFacts, Sources } from './facts';
import { text } from './texts';

/** Whitelists of PostgreSQL and Redis: what one lacks of the pods' sources (shared by the check and the fix). */

export type Target = 'postgres' | 'redis';

const CONSOLE_URL: Record<Target, (regionId: string, id: string) => string> = {
  postgres: (regionId, id) => `https://rdsnext.console.aliyun.com/detail/${id}/whitelist?region=${regionId}`,
  redis: (regionId, id) => `https://kvstore.console.aliyun.com/Redis/instance/${regionId}/${id}/whitelist`,
};

/**
 * What a whitelist lacks of the sources. Flannel: a whitelist that admits every worker node today
 * (by whatever entries) passes; the node vSwitch CIDRs are what a fix adds, so scaling keeps working.
 */
export function whitelistGap(src: Sources, entries: readonly string[]): { missing: string[]; nodesOnly: boolean } {
  const missing = missingRanges(src.ranges, entries);
  if (missing.length > 0 && src.workerRanges.length > 0 && missingRanges(src.workerRanges, entries).length === 0) return { missing: [], nodesOnly: true };
  return { missing, nodesOnly: false };
}

export async function whitelistEntries(ports: PreflightPorts, target: Target, regionId: string, instanceId: string): Promise<string[]> {
  if (target === 'postgres') {
    const groups = await ports.rds.describeDBInstanceIPArrayList(regionId, instanceId);
    return groups.flatMap((g) => splitList(g.SecurityIPList));
  }
  const groups = await ports.redis.describeSecurityIps(regionId, instanceId);
  return groups.flatMap((g) => splitList(g.SecurityIpList));
}

function basisText(src: Sources, locale: Locale): string {
  if (src.basis === 'podVSwitches') return text('basisPod', locale, { ids: joinList(src.podVSwitchIds, locale) });
  if (src.basis === 'nodeVSwitches') return text('basisNodeVsw', locale, { ids: joinList(src.nodeVSwitchIds, locale) });
  if (src.basis === 'nodeIps') return text('basisNode', locale);
  return text('basisVpc', locale);
}

/** The whitelist check of one instance: pass, or fail with the one-click fix. */
export async function whitelistOutcome(
  ports: PreflightPorts,
  target: Target,
  regionId: string,
  instanceId: string,
  facts: ClusterFacts,
  locale: Locale,
): Promise<Outcome> {
  const [src, entries] = await Promise.all([facts.sources(), whitelistEntries(ports, target, regionId, instanceId)]);
  const { missing, nodesOnly } = whitelistGap(src, entries);
  const basis = basisText(src, locale);
  if (nodesOnly) return { status: 'pass', detail: text('whitelistNodesOk', locale, { nodes: joinList(src.workerRanges, locale), ranges: joinList(src.ranges, locale) }) };
  if (missing.length === 0) return { status: 'pass', detail: text('whitelistOk', locale, { ranges: joinList(src.ranges, locale), basis }) };
  const fix: WhitelistFix = { kind: 'whitelist', target, instanceId, groupName: WHITELIST_GROUP, add: missing };
  return {
    status: 'fail',
    detail: text('whitelistMissing', locale, { missing: joinList(missing, locale), basis, group: WHITELIST_GROUP, url: CONSOLE_URL[target](regionId, instanceId) }),
    fix,
  };
}
