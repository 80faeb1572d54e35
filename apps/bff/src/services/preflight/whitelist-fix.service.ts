import type { Locale } from '@dify-console/shared/domain/i18n';
import { ProblemError } from '../../errors/problem-error';
import type { PreflightPorts } from '../../ports/preflight';
import { WHITELIST_GROUP } from './dify-needs';
import { clusterFacts } from './facts';
import { text } from './texts';
import { whitelistEntries, whitelistGap, type Target } from './whitelist';

/** The one-click whitelist fix of the pre-flight page. */
export class WhitelistFixService {
  constructor(private readonly ports: PreflightPorts) {}

  /**
   * Recomputes what the instance's whitelist misses for the cluster (never the browser's list) and
   * appends exactly that to the dedicated group dify_ack; no other group is touched.
   */
  async apply(
    input: { regionId: string; target: Target; instanceId: string; clusterId: string },
    locale: Locale,
  ): Promise<{ instanceId: string; groupName: string; added: string[] }> {
    const { regionId, target, instanceId, clusterId } = input;
    const cluster = await this.ports.clusters.describeClusterDetail(regionId, clusterId);
    const instanceVpc =
      target === 'postgres'
        ? (await this.ports.rds.describeDBInstanceAttribute(regionId, instanceId))?.VpcId
        : (await this.ports.redis.describeInstanceAttribute(regionId, instanceId))?.VpcId;
    if (instanceVpc !== undefined && instanceVpc !== cluster.vpc_id) {
      throw new ProblemError(409, { code: 'NotSameVpc', message: text('fixOtherVpc', locale, { instanceVpc, clusterVpc: cluster.vpc_id }) });
    }
    const facts = clusterFacts(this.ports, regionId, clusterId);
    const [src, entries] = await Promise.all([facts.sources(), whitelistEntries(this.ports, target, regionId, instanceId)]);
    const { missing } = whitelistGap(src, entries);
    if (missing.length === 0) throw new ProblemError(409, { code: 'WhitelistComplete', message: text('fixNothing', locale) });
    if (target === 'postgres') await this.ports.rds.appendSecurityIps(regionId, instanceId, WHITELIST_GROUP, missing);
    else await this.ports.redis.appendSecurityIps(regionId, instanceId, WHITELIST_GROUP, missing);
    return { instanceId, groupName: WHITELIST_GROUP, added: missing };
  }
}
