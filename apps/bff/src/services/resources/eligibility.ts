import type { Cluster, Milvus, Postgres, Redis, Vpc } from '@dify-console/shared/api/resources';
import { reason, type Reason } from '@dify-console/shared/domain/eligibility';
import type { Locale, Localized } from '@dify-console/shared/domain/i18n';
import type { ClusterRecord, DBInstanceRecord, KVStoreRecord, MilvusRecord, VpcRecord } from '../../ports/resources';

/**
 * Which resources Dify can use, and why not. Every candidate is returned; unusable ones carry
 * `eligible: false` and the reasons in the user's language. Cloud field names stop here.
 */

export interface EligibilityContext {
  /** The VPC the user chose; resources elsewhere are marked. */
  vpcId?: string | undefined;
  locale: Locale;
}

const otherVpc = (resourceVpcId: string, ctx: EligibilityContext): Reason[] =>
  ctx.vpcId && resourceVpcId !== ctx.vpcId ? [reason('otherVpc', ctx.locale, { vpcId: resourceVpcId || '-' })] : [];

export function toVpc(v: VpcRecord): Vpc {
  return {
    id: v.VpcId,
    name: v.VpcName || v.VpcId,
    status: v.Status,
    cidrBlock: v.CidrBlock,
    isDefault: v.IsDefault,
    vSwitchCount: v.VSwitchIds?.VSwitchId.length ?? 0,
  };
}

const PROFILE_KINDS: Record<string, Cluster['kind']> = { Serverless: 'serverless', Edge: 'edge', Lingjun: 'lingjun' };

/** Pro and Basic managed clusters (profile Default) are the only kinds Dify's template supports. */
export function clusterKind(c: Pick<ClusterRecord, 'cluster_type' | 'profile' | 'cluster_spec'>): Cluster['kind'] {
  switch (c.cluster_type) {
    case 'ManagedKubernetes': {
      const profile = c.profile || 'Default';
      if (profile === 'Default') return c.cluster_spec === 'ack.pro.small' ? 'pro' : 'basic';
      return PROFILE_KINDS[profile] ?? 'other';
    }
    case 'Kubernetes':
      return 'dedicated';
    case 'ExternalKubernetes':
      return 'external';
    case 'Ask':
      return 'serverless';
    default:
      return 'other';
  }
}

export function toCluster(c: ClusterRecord, ctx: EligibilityContext): Cluster {
  const kind = clusterKind(c);
  const reasons: Reason[] = [...otherVpc(c.vpc_id, ctx)];
  if (kind === 'serverless' || kind === 'edge' || kind === 'lingjun') {
    reasons.push(reason('unsupportedProfile', ctx.locale, { profile: c.profile || 'Serverless' }));
  } else if (kind !== 'pro' && kind !== 'basic') {
    reasons.push(reason('notManagedCluster', ctx.locale, { clusterType: c.cluster_type }));
  }
  if (c.state !== 'running') reasons.push(reason('notRunning', ctx.locale, { status: c.state }));
  return {
    id: c.cluster_id,
    name: c.name || c.cluster_id,
    status: c.state,
    vpcId: c.vpc_id,
    eligible: reasons.length === 0,
    reasons,
    clusterType: c.cluster_type,
    profile: c.profile || (c.cluster_type === 'ManagedKubernetes' ? 'Default' : ''),
    spec: c.cluster_spec,
    kind,
    kubernetesVersion: c.current_version,
    nodeCount: c.size,
  };
}

const RDS_TYPE_NAMES: Record<string, Localized> = {
  Readonly: { 'zh-CN': '只读', en: 'read-only' },
  Guard: { 'zh-CN': '灾备', en: 'disaster recovery' },
  Temp: { 'zh-CN': '临时', en: 'temporary' },
};

/** Standard in-VPC port by engine (DescribeDBInstances carries no port). */
const ENGINE_PORTS: Record<string, number> = { PostgreSQL: 5432, MySQL: 3306, MariaDB: 3306, SQLServer: 1433 };

export function toPostgres(d: DBInstanceRecord, ctx: EligibilityContext): Postgres {
  const reasons: Reason[] = [...otherVpc(d.VpcId, ctx)];
  if (d.Engine !== 'PostgreSQL') reasons.push(reason('notPostgres', ctx.locale, { engine: d.Engine }));
  if (d.DBInstanceType && d.DBInstanceType !== 'Primary') {
    reasons.push(reason('notPrimary', ctx.locale, { type: RDS_TYPE_NAMES[d.DBInstanceType]?.[ctx.locale] ?? d.DBInstanceType }));
  }
  if (d.DBInstanceStatus !== 'Running') reasons.push(reason('notRunning', ctx.locale, { status: d.DBInstanceStatus }));
  if (d.InstanceNetworkType === 'Classic') reasons.push(reason('notVpcNetwork', ctx.locale));
  const port = ENGINE_PORTS[d.Engine];
  return {
    id: d.DBInstanceId,
    name: d.DBInstanceDescription || d.DBInstanceId,
    status: d.DBInstanceStatus,
    vpcId: d.VpcId,
    eligible: reasons.length === 0,
    reasons,
    engine: d.Engine,
    engineVersion: d.EngineVersion,
    instanceClass: d.DBInstanceClass,
    internalAddress: d.ConnectionString && port ? { host: d.ConnectionString, port } : null,
  };
}

export function toRedis(r: KVStoreRecord, ctx: EligibilityContext): Redis {
  const reasons: Reason[] = [...otherVpc(r.VpcId, ctx)];
  if (r.InstanceType === 'Memcache') reasons.push(reason('notRedis', ctx.locale, { type: r.InstanceType }));
  if (r.ArchitectureType === 'cluster') reasons.push(reason('redisClusterArchitecture', ctx.locale));
  if (r.InstanceStatus !== 'Normal') reasons.push(reason('notRunning', ctx.locale, { status: r.InstanceStatus }));
  if (r.NetworkType.toUpperCase() === 'CLASSIC') reasons.push(reason('notVpcNetwork', ctx.locale));
  return {
    id: r.InstanceId,
    name: r.InstanceName || r.InstanceId,
    status: r.InstanceStatus,
    vpcId: r.VpcId,
    eligible: reasons.length === 0,
    reasons,
    engineVersion: r.EngineVersion,
    architecture: r.ArchitectureType,
    instanceType: r.InstanceType,
    internalAddress: r.ConnectionDomain && r.Port ? { host: r.ConnectionDomain, port: r.Port } : null,
  };
}

export function toMilvus(m: MilvusRecord, ctx: EligibilityContext): Milvus {
  const reasons: Reason[] = [...otherVpc(m.VpcId, ctx)];
  if (m.InstanceStatus !== 'running') reasons.push(reason('notRunning', ctx.locale, { status: m.InstanceStatus }));
  return {
    id: m.InstanceId,
    name: m.ClusterName || m.InstanceId,
    status: m.InstanceStatus,
    vpcId: m.VpcId,
    eligible: reasons.length === 0,
    reasons,
    version: m.Version,
    internalEndpoint: m.ClusterInfo?.IntranetUrl || null,
    port: m.ClusterInfo?.ProxyPort ?? null,
  };
}

/** Usable ones first, the cloud's order otherwise. */
export const eligibleFirst = <T extends { eligible: boolean }>(items: T[]): T[] =>
  [...items].sort((a, b) => Number(b.eligible) - Number(a.eligible));
