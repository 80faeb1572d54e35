import type { PreflightRequest } from '@dify-console/shared/api/preflight';
import { fetchAllPages } from '../../lib/utils';
import type { ClusterInspection, PreflightPorts } from '../../ports/preflight';
import { CannotVerify, hostOf, once } from './check';
import { missingRanges } from './cidr';
import { hostRanges, podSourceRanges, podVSwitchesFromEniConf, podVSwitchesFromParameters, type SourceBasis } from './dify-needs';

/** Where Dify's pods reach a database from. */
export interface Sources {
  ranges: string[];
  basis: SourceBasis;
  podVSwitchIds: string[];
  nodeVSwitchIds: string[];
  /** Flannel: today's worker nodes as /32 (empty for terway). */
  workerRanges: string[];
  clusterVpc: string;
}

export type ClusterFacts = ReturnType<typeof clusterFacts>;
export type RunFacts = ReturnType<typeof runFacts>;

/** The cluster's reads of one run (each read once): its detail, nodes, network plugin and pod sources. */
export function clusterFacts(p: PreflightPorts, regionId: string, clusterId: string) {
  const caller = once(() => p.caller.getCallerIdentity());
  const cluster = once(() => p.clusters.describeClusterDetail(regionId, clusterId));
  const csNodes = once(() => fetchAllPages((n, size) => p.clusters.describeClusterNodes(regionId, clusterId, n, size), 100, 4));
  const kube = once(async (): Promise<ClusterInspection> => {
    const [c, who] = await Promise.all([cluster(), caller()]);
    if (c.state !== 'running') throw new CannotVerify('clusterNotRunning');
    return p.kube.inspect({ accountId: who.AccountId, regionId, clusterId });
  });
  const kubeNodes = once(async () => (await kube()).listNodes());
  const plugin = once(async (): Promise<'terway' | 'flannel'> => {
    const c = await cluster();
    const raw = c.meta_data.NetworkPlugin ?? c.meta_data.network_plugin;
    const meta = typeof raw === 'string' ? raw.toLowerCase() : '';
    if (meta.includes('terway')) return 'terway';
    if (meta.includes('flannel')) return 'flannel';
    const addons = await p.clusters.listClusterAddonInstances(regionId, clusterId);
    return addons.some((a) => a.name.startsWith('terway')) ? 'terway' : 'flannel';
  });
  /** Where Dify's pods come from, as a database sees them. */
  const sources = once(async (): Promise<Sources> => {
    const c = await cluster();
    const kind = await plugin();
    let podVSwitchIds: string[] = [];
    let workerIps: string[] = [];
    if (kind === 'terway') {
      podVSwitchIds = podVSwitchesFromParameters(c.parameters, c.meta_data);
      if (podVSwitchIds.length === 0 && c.state === 'running') {
        // terway's own configuration: ConfigMap kube-system/eni-config (reading it may be refused).
        const eni = await kube()
          .then((k) => k.readConfigMap('kube-system', 'eni-config'))
          .catch(() => null);
        podVSwitchIds = podVSwitchesFromEniConf(eni?.eni_conf);
      }
    } else {
      workerIps = (await csNodes()).filter((n) => n.instance_role !== 'Master').flatMap((n) => n.ip_address);
    }
    const readVSwitches = () => fetchAllPages((n, size) => p.vswitches.describeVSwitches(regionId, c.vpc_id, n, size), 50, 4);
    // Flannel: when the vSwitches cannot be read, the worker IPs stand in for their vSwitches.
    const vsws = kind === 'terway' ? await readVSwitches() : await readVSwitches().catch(() => []);
    const cidrOf = new Map(vsws.map((v) => [v.VSwitchId, v.CidrBlock]));
    const podVSwitchCidrs = podVSwitchIds.map((id) => cidrOf.get(id)).filter((x): x is string => Boolean(x));
    const workerRanges = hostRanges(workerIps);
    // The nodes' vSwitches: the cluster's own (vswitch_ids) and any other (a node pool's) holding a worker.
    const nodeVSwitches =
      kind === 'flannel'
        ? vsws.filter((v) => v.CidrBlock && (c.vswitch_ids.includes(v.VSwitchId) || missingRanges(workerRanges, [v.CidrBlock]).length < workerRanges.length))
        : [];
    const { ranges, basis } = podSourceRanges({
      plugin: kind,
      podVSwitchCidrs: podVSwitchCidrs.length > 0 ? podVSwitchCidrs : null,
      nodeVSwitchCidrs: nodeVSwitches.map((v) => v.CidrBlock),
      workerIps,
      vpcVSwitchCidrs: vsws.map((v) => v.CidrBlock).filter(Boolean),
    });
    return { ranges, basis, podVSwitchIds, nodeVSwitchIds: nodeVSwitches.map((v) => v.VSwitchId), workerRanges, clusterVpc: c.vpc_id };
  });
  return { caller, cluster, csNodes, kube, kubeNodes, plugin, sources };
}

/** The reads of one pre-flight run: the cluster's, and the picked PostgreSQL, Redis and Milvus instances. */
export function runFacts(p: PreflightPorts, request: PreflightRequest) {
  const { regionId, parameters: params } = request;
  const postgres = once(async () => {
    const d = await p.rds.describeDBInstanceAttribute(regionId, params.postgresInstanceId);
    if (!d) throw new CannotVerify('noAnswer', { id: params.postgresInstanceId, action: 'DescribeDBInstanceAttribute' });
    return d;
  });
  const redis = once(async () => {
    const r = await p.redis.describeInstanceAttribute(regionId, params.redisInstanceId);
    if (!r) throw new CannotVerify('noAnswer', { id: params.redisInstanceId, action: 'DescribeInstanceAttribute' });
    return r;
  });
  const milvus = once(async () => {
    const all = await fetchAllPages((n, size) => p.milvus.listInstances(regionId, n, size), 50, 4);
    if (params.milvusInstanceId) return all.find((m) => m.InstanceId === params.milvusInstanceId) ?? null;
    const host = hostOf(params.milvusEndpoint);
    return all.find((m) => hostOf(m.ClusterInfo?.IntranetUrl ?? '') === host) ?? null;
  });
  return { ...clusterFacts(p, regionId, params.clusterId), postgres, redis, milvus };
}
