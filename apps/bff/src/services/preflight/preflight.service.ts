import { randomUUID } from 'node:crypto';
import type { PreflightCheck, PreflightRequest, PreflightResult, Prerequisites, WhitelistFix } from '@dify-console/shared/api/preflight';
import { CHECK_GROUPS } from '@dify-console/shared/api/preflight';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { DIFY_SERVICE_ID, toComputeNestParameters } from '@dify-console/shared/template/templates';
import { isCloudError } from '../../errors/cloud-error';
import { withSecretsScrubbed } from '../deployments/secrets';
import { ProblemError } from '../../errors/problem-error';
import { fetchAllPages } from '../../lib/utils';
import { missingRanges, splitList } from './cidr';
import {
  atLeast,
  DATABASES,
  hostRanges,
  HYBRID_MILVUS,
  isArmInstanceType,
  majorMinor,
  MIN_KUBERNETES,
  MIN_MILVUS,
  MIN_REDIS,
  NAMESPACE,
  podSourceRanges,
  podVSwitchesFromEniConf,
  podVSwitchesFromParameters,
  POSTGRES_MINIMUM,
  POSTGRES_SUPPORTED,
  RELEASE,
  requiredCapacity,
  urlBreakingChars,
  WHITELIST_GROUP,
  type SourceBasis,
} from './dify-needs';
import { evaluatePolicies, GUIDE_POLICIES, MILVUS_POLICY, ramUserName, type PolicyGrant } from './policies';
import type { ClusterDetailRecord, ClusterInspection, KubeNodeInfo, PreflightPorts } from '../../ports/preflight';
import { text, type TextKey } from './texts';

type Group = (typeof CHECK_GROUPS)[number];
type Outcome = Pick<PreflightCheck, 'status' | 'detail' | 'fix'>;
type Target = 'postgres' | 'redis';

interface CheckDef {
  id: string;
  group: Group;
  title: string;
  run: () => Promise<Outcome>;
}

export interface PreflightOptions {
  /** Per check (its cloud and cluster calls together). */
  checkTimeoutMs?: number;
  now?: () => number;
}

/** Where Dify's pods reach a database from. */
interface Sources {
  ranges: string[];
  basis: SourceBasis;
  podVSwitchIds: string[];
  nodeVSwitchIds: string[];
  /** Flannel: today's worker nodes as /32 (empty for terway). */
  workerRanges: string[];
  clusterVpc: string;
}

/**
 * What a whitelist lacks of the sources. Flannel: a whitelist that admits every worker node today
 * (by whatever entries) passes; the node vSwitch CIDRs are what a fix adds, so scaling keeps working.
 */
function whitelistGap(src: Sources, entries: readonly string[]): { missing: string[]; nodesOnly: boolean } {
  const missing = missingRanges(src.ranges, entries);
  if (missing.length > 0 && src.workerRanges.length > 0 && missingRanges(src.workerRanges, entries).length === 0) return { missing: [], nodesOnly: true };
  return { missing, nodesOnly: false };
}

/** A check that cannot look: said as a warn with the reason, never a crash. */
class CannotVerify extends Error {}

const FORBIDDEN = /^(Forbidden|NoPermission|ErrorCheckAcl|StatusForbidden|Kubernetes\.Forbidden)|\.NoPermission$|^Forbidden\.RAM/;
const isForbidden = (err: unknown) => isCloudError(err) && FORBIDDEN.test(err.code);
const isNotFound = (err: unknown) => isCloudError(err) && /NotFound|NotExist/.test(err.code);

/** Memoises one async read for the duration of a run. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
}

const GiB = (mib: number) => (mib / 1024).toFixed(1);
const cores = (m: number) => (m / 1000).toFixed(2).replace(/\.?0+$/, '');
const hostOf = (endpoint: string) => endpoint.replace(/^[a-z]+:\/\//i, '').replace(/[:/].*$/, '').toLowerCase();

const CONSOLE_URL: Record<Target, (regionId: string, id: string) => string> = {
  postgres: (regionId, id) => `https://rdsnext.console.aliyun.com/detail/${id}/whitelist?region=${regionId}`,
  redis: (regionId, id) => `https://kvstore.console.aliyun.com/Redis/instance/${regionId}/${id}/whitelist`,
};

/**
 * The pre-flight checks before the quote: identity and permissions, Compute Nest's own checks and
 * dry run, the VPC topology, the cluster, PostgreSQL, Redis and Milvus, all at once, each under a
 * short deadline. A check whose cloud call fails is a warn ("could not verify"), never a crash.
 */
export class PreflightService {
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly ports: PreflightPorts,
    options: PreflightOptions = {},
  ) {
    this.timeoutMs = options.checkTimeoutMs ?? 8000;
    this.now = options.now ?? Date.now;
  }

  async run(request: PreflightRequest, locale: Locale): Promise<PreflightResult> {
    const started = performance.now();
    const facts = this.facts(request.regionId, request.parameters.clusterId);
    const defs = [
      ...this.identityChecks(request, locale, facts),
      ...this.computeNestChecks(request, locale),
      ...this.topologyChecks(request, locale, facts),
      ...this.clusterChecks(request, locale, facts),
      ...this.postgresChecks(request, locale, facts),
      ...this.redisChecks(request, locale, facts),
      ...this.milvusChecks(request, locale, facts),
    ];
    const checks = await Promise.all(defs.map((d) => this.guard(d, locale)));
    checks.sort((a, b) => CHECK_GROUPS.indexOf(a.group) - CHECK_GROUPS.indexOf(b.group));
    const summary = { pass: 0, warn: 0, fail: 0 };
    for (const c of checks) summary[c.status] += 1;
    return { checks, summary, durationMs: Math.round(performance.now() - started), checkedAt: new Date(this.now()).toISOString() };
  }

  private async guard(def: CheckDef, locale: Locale): Promise<PreflightCheck> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CannotVerify(text('timedOut', locale, { seconds: this.timeoutMs / 1000 }))), this.timeoutMs);
    });
    try {
      const outcome = await Promise.race([def.run(), deadline]);
      return { id: def.id, group: def.group, title: def.title, ...outcome };
    } catch (err) {
      return { id: def.id, group: def.group, title: def.title, status: 'warn', detail: text('couldNotVerify', locale, { reason: this.reason(err, locale) }) };
    } finally {
      clearTimeout(timer);
    }
  }

  private reason(err: unknown, locale: Locale): string {
    if (err instanceof CannotVerify) return err.message;
    if (isCloudError(err)) {
      if (isForbidden(err)) return text('forbiddenReason', locale, { action: `${err.product ?? ''}${err.product ? ':' : ''}${err.action}`, code: err.code });
      return `${err.code}: ${err.message}`;
    }
    return err instanceof Error ? err.message : String(err);
  }

  // ── shared reads of one run ──

  private facts(regionId: string, clusterId: string) {
    const p = this.ports;
    const caller = once(() => p.caller.getCallerIdentity());
    const cluster = once(() => p.clusters.describeClusterDetail(regionId, clusterId));
    const csNodes = once(() => fetchAllPages((n, size) => p.clusters.describeClusterNodes(regionId, clusterId, n, size), 100, 4));
    const kube = once(async (): Promise<ClusterInspection> => {
      const [c, who] = await Promise.all([cluster(), caller()]);
      if (c.state !== 'running') throw new CannotVerify('');
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

  // ── identity ──

  private identityChecks(request: PreflightRequest, locale: Locale, facts: ReturnType<PreflightService['facts']>): CheckDef[] {
    const t = (k: TextKey, params?: Record<string, string | number>) => text(k, locale, params);
    return [
      {
        id: 'identity.caller',
        group: 'identity',
        title: t('tCaller'),
        run: async () => {
          const c = await facts.caller();
          const user = ramUserName(c.Arn ?? '');
          const detail =
            c.IdentityType === 'RAMUser' && user
              ? t('callerUser', { accountId: c.AccountId, userName: user })
              : c.IdentityType === 'AssumedRoleUser'
                ? t('callerRole', { accountId: c.AccountId, arn: c.Arn ?? '' })
                : t('callerAccount', { accountId: c.AccountId });
          return { status: 'pass', detail };
        },
      },
      {
        id: 'identity.policies',
        group: 'identity',
        title: t('tPolicies'),
        run: async () => {
          const c = await facts.caller();
          const milvus = t('milvusNote');
          if (c.IdentityType === 'AssumedRoleUser') return { status: 'warn', detail: t('policiesRole') };
          const user = c.IdentityType === 'RAMUser' ? ramUserName(c.Arn ?? '') : null;
          if (!user) return { status: 'pass', detail: t('policiesRoot') };
          const grants = await this.userGrants(user);
          if ('denied' in grants) {
            return { status: 'warn', detail: t('policiesDenied', { userName: user, code: grants.denied, policies: GUIDE_POLICIES.map((g) => g.name).join(', ') }) };
          }
          const missing = grants.filter((g) => g.status === 'missing').map((g) => g.name);
          if (missing.length > 0) {
            return {
              status: 'fail',
              detail: t('policiesMissing', { userName: user, missing: missing.join(', '), milvus }),
              fix: { kind: 'link', label: t('linkRamUser'), url: `https://ram.console.aliyun.com/users/${encodeURIComponent(user)}` },
            };
          }
          return { status: 'pass', detail: t('policiesGranted', { list: grants.map((g) => `${g.name} (${g.via ?? ''})`).join(', '), milvus }) };
        },
      },
      {
        id: 'identity.computeNest',
        group: 'identity',
        title: t('tComputeNestPolicy'),
        run: async () => {
          const missing = await withSecretsScrubbed(this.secrets(request), () =>
            this.ports.computeNest.generateServicePolicy({
              serviceId: DIFY_SERVICE_ID,
              templateName: request.templateName,
              parameters: toComputeNestParameters(request.regionId, request.parameters),
            }),
          );
          const actions = missing.flatMap((m) => m.Action);
          if (actions.length === 0) return { status: 'pass', detail: t('cnPolicyOk') };
          return { status: 'fail', detail: t('cnPolicyMissing', { actions: actions.join(', ') }) };
        },
      },
    ];
  }

  /** The guide's policies of a RAM user, or the code with which RAM refused to tell. */
  private async userGrants(userName: string): Promise<PolicyGrant[] | { denied: string }> {
    try {
      const [direct, groups] = await Promise.all([this.ports.ram.listPoliciesForUser(userName), this.ports.ram.listGroupsForUser(userName)]);
      const groupPolicies = await Promise.all(
        groups.map(async (g) => ({ name: g.GroupName, policies: (await this.ports.ram.listPoliciesForGroup(g.GroupName)).map((x) => x.PolicyName) })),
      );
      return evaluatePolicies({ direct: direct.map((x) => x.PolicyName), groups: groupPolicies });
    } catch (err) {
      if (isForbidden(err) && isCloudError(err)) return { denied: err.code };
      throw err;
    }
  }

  private secrets(request: PreflightRequest) {
    const p = request.parameters;
    return [p.postgresPassword, p.redisPassword, p.milvusPassword];
  }

  // ── Compute Nest ──

  private computeNestChecks(request: PreflightRequest, locale: Locale): CheckDef[] {
    const t = (k: TextKey, params?: Record<string, string | number>) => text(k, locale, params);
    const parameters = toComputeNestParameters(request.regionId, request.parameters);
    return [
      {
        id: 'computeNest.deployable',
        group: 'computeNest',
        title: t('tDeployable'),
        run: async () => {
          const results = await this.ports.computeNest.checkServiceDeployable({ serviceId: DIFY_SERVICE_ID, templateName: request.templateName });
          const failed = results.filter((r) => r.Value.toLowerCase() !== 'true');
          const items = (rs: typeof results) => rs.map((r) => `${r.Type}${r.Message ? `: ${r.Message}` : ''}`).join('; ');
          const hard = failed.filter((r) => !r.Skippable);
          if (hard.length > 0) return { status: 'fail', detail: t('deployableFail', { items: items(hard) }) };
          if (failed.length > 0) return { status: 'warn', detail: t('deployableSkippable', { items: items(failed) }) };
          return { status: 'pass', detail: t('deployableOk') };
        },
      },
      {
        id: 'computeNest.dryRun',
        group: 'computeNest',
        title: t('tDryRun'),
        run: async () => {
          try {
            await withSecretsScrubbed(this.secrets(request), () =>
              this.ports.computeNest.createServiceInstance({
                serviceId: DIFY_SERVICE_ID,
                templateName: request.templateName,
                name: 'dify-preflight',
                parameters,
                clientToken: `preflight-${randomUUID()}`,
                dryRun: true,
              }),
            );
            // An answer without an error also means the request was accepted.
            return { status: 'pass', detail: t('dryRunOk') };
          } catch (err) {
            if (!isCloudError(err)) throw err;
            if (err.code === 'DryRunOperation') return { status: 'pass', detail: t('dryRunOk') };
            if (isForbidden(err)) return { status: 'fail', detail: t('dryRunNoPermission', { message: err.message }) };
            if (err.httpStatus >= 400 && err.httpStatus < 500 && !/Throttling/.test(err.code)) {
              return { status: 'fail', detail: t('dryRunRejected', { code: err.code, message: err.message }) };
            }
            throw err;
          }
        },
      },
    ];
  }

  // ── topology ──

  private topologyChecks(request: PreflightRequest, locale: Locale, facts: ReturnType<PreflightService['facts']>): CheckDef[] {
    const t = (k: TextKey, params?: Record<string, string | number>) => text(k, locale, params);
    const p = request.parameters;
    const vpcId = p.vpcId;
    const judge = (name: string, actual: string): Outcome =>
      actual === vpcId ? { status: 'pass', detail: t('topologyOk', { name, vpcId }) } : { status: 'fail', detail: t('topologyFail', { name, actual: actual || '?', vpcId }) };
    const kind = (zh: string, en: string) => t('tTopology', { kind: locale === 'zh-CN' ? zh : en });
    return [
      {
        id: 'topology.cluster',
        group: 'topology',
        title: kind('ACK 集群', 'ACK cluster'),
        run: async () => this.notFoundIsFail(locale, p.clusterId, async () => {
          const c = await facts.cluster();
          return judge(`${c.name} (${c.cluster_id})`, c.vpc_id);
        }),
      },
      {
        id: 'topology.postgres',
        group: 'topology',
        title: kind('PostgreSQL', 'PostgreSQL'),
        run: async () => this.notFoundIsFail(locale, p.postgresInstanceId, async () => {
          const d = await this.pgAttribute(request);
          return judge(d.DBInstanceId, d.VpcId);
        }),
      },
      {
        id: 'topology.redis',
        group: 'topology',
        title: kind('Redis', 'Redis'),
        run: async () => this.notFoundIsFail(locale, p.redisInstanceId, async () => {
          const r = await this.redisAttribute(request);
          return judge(r.InstanceId, r.VpcId);
        }),
      },
      {
        id: 'topology.milvus',
        group: 'topology',
        title: kind('Milvus', 'Milvus'),
        run: async () => {
          const m = await this.findMilvus(request);
          if (!m) return { status: 'warn', detail: t('milvusUnknown', { regionId: request.regionId, endpoint: p.milvusEndpoint }) };
          return judge(`${m.ClusterName || m.InstanceId} (${m.InstanceId})`, m.VpcId);
        },
      },
    ];
  }

  private async notFoundIsFail(locale: Locale, what: string, run: () => Promise<Outcome>): Promise<Outcome> {
    try {
      return await run();
    } catch (err) {
      if (isNotFound(err) && isCloudError(err)) return { status: 'fail', detail: text('notFound', locale, { what, code: err.code }) };
      throw err;
    }
  }

  private readonly attrCache = new WeakMap<PreflightRequest, Map<string, Promise<unknown>>>();
  private memo<T>(request: PreflightRequest, key: string, load: () => Promise<T>): Promise<T> {
    let m = this.attrCache.get(request);
    if (!m) {
      m = new Map();
      this.attrCache.set(request, m);
    }
    let v = m.get(key) as Promise<T> | undefined;
    if (!v) {
      v = load();
      m.set(key, v);
    }
    return v;
  }

  private pgAttribute(request: PreflightRequest) {
    const { regionId, parameters: p } = request;
    return this.memo(request, 'pg', async () => {
      const d = await this.ports.rds.describeDBInstanceAttribute(regionId, p.postgresInstanceId);
      if (!d) throw new CannotVerify(`DescribeDBInstanceAttribute: ${p.postgresInstanceId}`);
      return d;
    });
  }

  private redisAttribute(request: PreflightRequest) {
    const { regionId, parameters: p } = request;
    return this.memo(request, 'redis', async () => {
      const r = await this.ports.redis.describeInstanceAttribute(regionId, p.redisInstanceId);
      if (!r) throw new CannotVerify(`DescribeInstanceAttribute: ${p.redisInstanceId}`);
      return r;
    });
  }

  private findMilvus(request: PreflightRequest) {
    const { regionId, parameters: p } = request;
    return this.memo(request, 'milvus', async () => {
      const all = await fetchAllPages((n, size) => this.ports.milvus.listInstances(regionId, n, size), 50, 4);
      if (p.milvusInstanceId) return all.find((m) => m.InstanceId === p.milvusInstanceId) ?? null;
      const host = hostOf(p.milvusEndpoint);
      return all.find((m) => hostOf(m.ClusterInfo?.IntranetUrl ?? '') === host) ?? null;
    });
  }

  // ── cluster ──

  private clusterChecks(request: PreflightRequest, locale: Locale, facts: ReturnType<PreflightService['facts']>): CheckDef[] {
    const t = (k: TextKey, params?: Record<string, string | number>) => text(k, locale, params);
    const ha = request.parameters.highAvailability !== false;
    const id = request.parameters.clusterId;
    const insideNodes = async (): Promise<KubeNodeInfo[]> => {
      try {
        return await facts.kubeNodes();
      } catch (err) {
        if (err instanceof CannotVerify && !err.message) throw new CannotVerify(t('clusterNotRunning'));
        throw err;
      }
    };
    const inside = async () => {
      try {
        return await facts.kube();
      } catch (err) {
        if (err instanceof CannotVerify && !err.message) throw new CannotVerify(t('clusterNotRunning'));
        throw err;
      }
    };
    const usable = (nodes: KubeNodeInfo[]) => nodes.filter((n) => n.ready && n.schedulable);
    return [
      {
        id: 'cluster.kind',
        group: 'cluster',
        title: t('tClusterKind'),
        run: () => this.notFoundIsFail(locale, id, async () => {
          const c = await facts.cluster();
          if (c.cluster_type === 'ManagedKubernetes' && (c.profile === '' || c.profile === 'Default')) {
            const kind = c.cluster_spec === 'ack.pro.small' ? (locale === 'zh-CN' ? 'ACK 托管集群 Pro 版' : 'ACK managed cluster (Pro)') : locale === 'zh-CN' ? 'ACK 托管集群基础版' : 'ACK managed cluster (Basic)';
            return { status: 'pass', detail: t('kindOk', { name: c.name, kind }) };
          }
          return { status: 'fail', detail: t('kindFail', { name: c.name, type: c.cluster_type, profile: c.profile || '-' }) };
        }),
      },
      {
        id: 'cluster.state',
        group: 'cluster',
        title: t('tClusterState'),
        run: () => this.notFoundIsFail(locale, id, async () => {
          const c = await facts.cluster();
          return c.state === 'running' ? { status: 'pass', detail: t('stateOk') } : { status: 'fail', detail: t('stateFail', { state: c.state }) };
        }),
      },
      {
        id: 'cluster.version',
        group: 'cluster',
        title: t('tClusterVersion'),
        run: () => this.notFoundIsFail(locale, id, async () => {
          const c: ClusterDetailRecord = await facts.cluster();
          const v = majorMinor(c.current_version);
          const min = MIN_KUBERNETES.join('.');
          if (!v) throw new CannotVerify(`current_version "${c.current_version}"`);
          return atLeast(v, MIN_KUBERNETES)
            ? { status: 'pass', detail: t('versionOk', { version: c.current_version, min }) }
            : { status: 'fail', detail: t('versionFail', { version: c.current_version, min }) };
        }),
      },
      {
        id: 'cluster.architecture',
        group: 'cluster',
        title: t('tArch'),
        run: async () => {
          let nodes: { name: string; arm: boolean; usable: boolean }[];
          try {
            nodes = (await insideNodes()).map((n) => ({ name: n.name, arm: n.arch !== '' && n.arch !== 'amd64', usable: n.ready && n.schedulable }));
          } catch {
            // The cloud's view: instance type families (g8y, c6r… are ARM).
            nodes = (await facts.csNodes())
              .filter((n) => n.instance_role !== 'Master')
              .map((n) => ({ name: n.node_name || n.instance_id, arm: isArmInstanceType(n.instance_type_family || n.instance_type), usable: n.node_status === 'Ready' }));
          }
          const x86 = nodes.filter((n) => !n.arm && n.usable);
          const arm = nodes.filter((n) => n.arm);
          if (x86.length === 0) return { status: 'fail', detail: t('archFail') };
          if (arm.length > 0) return { status: 'warn', detail: t('archMixed', { nodes: arm.map((n) => n.name).join(', ') }) };
          return { status: 'pass', detail: t('archOk', { count: x86.length }) };
        },
      },
      {
        id: 'cluster.capacity',
        group: 'cluster',
        title: t('tCapacity'),
        run: async () => {
          const nodes = usable(await insideNodes()).filter((n) => n.arch === '' || n.arch === 'amd64');
          const cpu = nodes.reduce((s, n) => s + n.allocatableCpuM, 0);
          const mem = nodes.reduce((s, n) => s + n.allocatableMemoryMiB, 0);
          const need = requiredCapacity(ha);
          const params = {
            cpu: cores(cpu),
            mem: GiB(mem),
            needCpu: cores(need.cpuM),
            needMem: GiB(need.memoryMiB),
            pods: need.pods,
            ha: ha ? (locale === 'zh-CN' ? '开' : 'on') : locale === 'zh-CN' ? '关' : 'off',
          };
          return cpu >= need.cpuM && mem >= need.memoryMiB ? { status: 'pass', detail: t('capacityOk', params) } : { status: 'fail', detail: t('capacityFail', params) };
        },
      },
      {
        id: 'cluster.storage',
        group: 'cluster',
        title: t('tStorage'),
        run: async () => {
          const classes = await (await inside()).listStorageClasses();
          const disk = classes.filter((c) => c.name.startsWith('alicloud-disk') || c.provisioner === 'diskplugin.csi.alibabacloud.com').map((c) => c.name);
          const nas = classes.filter((c) => c.name === 'alibabacloud-cnfs-nas' || c.provisioner === 'nasplugin.csi.alibabacloud.com').map((c) => c.name);
          if (disk.length === 0) return { status: 'fail', detail: t('storageNoDisk') };
          if (nas.length === 0) return { status: 'warn', detail: t('storageNoNas', { disk: disk.join(', ') }) };
          return { status: 'pass', detail: t('storageOk', { disk: disk.join(', '), nas: nas.join(', ') }) };
        },
      },
      {
        id: 'cluster.ha',
        group: 'cluster',
        title: t('tHa'),
        run: async () => {
          if (!ha) return { status: 'pass', detail: t('haOff') };
          const count = usable(await insideNodes()).length;
          return count >= 2 ? { status: 'pass', detail: t('haOk', { count }) } : { status: 'warn', detail: t('haWarn', { count }) };
        },
      },
      {
        id: 'cluster.existing',
        group: 'cluster',
        title: t('tExisting'),
        run: async () => {
          const k = await inside();
          if (!(await k.namespaceExists(NAMESPACE))) return { status: 'pass', detail: t('existingNone') };
          if (await k.releaseExists(NAMESPACE, RELEASE)) return { status: 'warn', detail: t('existingRelease') };
          return { status: 'warn', detail: t('existingNamespace') };
        },
      },
    ];
  }

  // ── PostgreSQL ──

  private postgresChecks(request: PreflightRequest, locale: Locale, facts: ReturnType<PreflightService['facts']>): CheckDef[] {
    const t = (k: TextKey, params?: Record<string, string | number>) => text(k, locale, params);
    const { regionId, parameters: p } = request;
    return [
      {
        id: 'postgres.instance',
        group: 'postgres',
        title: t('tPgInstance'),
        run: () => this.notFoundIsFail(locale, p.postgresInstanceId, async () => {
          const d = await this.pgAttribute(request);
          if (d.Engine !== 'PostgreSQL') return { status: 'fail', detail: t('pgEngine', { engine: d.Engine }) };
          if (d.DBInstanceType === 'Readonly') return { status: 'fail', detail: t('pgReadonly') };
          if (d.DBInstanceStatus !== 'Running') return { status: 'fail', detail: t('pgState', { state: d.DBInstanceStatus }) };
          const major = majorMinor(d.EngineVersion)?.[0] ?? 0;
          const params = { version: d.EngineVersion, supported: POSTGRES_SUPPORTED };
          if (major < POSTGRES_MINIMUM) return { status: 'fail', detail: t('pgTooOld', params) };
          if (major < POSTGRES_SUPPORTED) return { status: 'warn', detail: t('pgOld', params) };
          return { status: 'pass', detail: t('pgOk', params) };
        }),
      },
      {
        id: 'postgres.account',
        group: 'postgres',
        title: t('tPgAccount'),
        run: async () => {
          const accounts = await this.ports.rds.describeAccounts(regionId, p.postgresInstanceId);
          const a = accounts.find((x) => x.AccountName === p.postgresAccount);
          const name = p.postgresAccount;
          if (!a) return { status: 'fail', detail: t('accountMissing', { name }) };
          if (a.AccountType !== 'Super') return { status: 'fail', detail: t('accountNormal', { name }) };
          if (a.AccountStatus && a.AccountStatus !== 'Available') return { status: 'fail', detail: t('accountUnavailable', { name, state: a.AccountStatus }) };
          return { status: 'pass', detail: t('accountOk', { name }) };
        },
      },
      {
        id: 'postgres.whitelist',
        group: 'postgres',
        title: t('tWhitelist', { kind: 'PostgreSQL' }),
        run: () => this.whitelistOutcome('postgres', regionId, p.postgresInstanceId, facts, locale),
      },
      {
        id: 'postgres.databases',
        group: 'postgres',
        title: t('tPgDatabases'),
        run: async () => {
          const names = new Set((await this.ports.rds.describeDatabases(regionId, p.postgresInstanceId)).map((d) => d.DBName));
          const present = DATABASES.filter((d) => names.has(d));
          const absent = DATABASES.filter((d) => !names.has(d));
          if (absent.length === 0) return { status: 'pass', detail: t('dbBoth') };
          return { status: 'pass', detail: t('dbSome', { present: present.join(', ') || '-', absent: absent.join(', ') }) };
        },
      },
    ];
  }

  // ── whitelists (shared by the check and the fix) ──

  private async whitelistEntries(target: Target, regionId: string, instanceId: string): Promise<string[]> {
    if (target === 'postgres') {
      const groups = await this.ports.rds.describeDBInstanceIPArrayList(regionId, instanceId);
      return groups.flatMap((g) => splitList(g.SecurityIPList));
    }
    const groups = await this.ports.redis.describeSecurityIps(regionId, instanceId);
    return groups.flatMap((g) => splitList(g.SecurityIpList));
  }

  private basisText(src: Sources, locale: Locale): string {
    if (src.basis === 'podVSwitches') return text('basisPod', locale, { ids: src.podVSwitchIds.join(', ') });
    if (src.basis === 'nodeVSwitches') return text('basisNodeVsw', locale, { ids: src.nodeVSwitchIds.join(', ') });
    if (src.basis === 'nodeIps') return text('basisNode', locale);
    return text('basisVpc', locale);
  }

  private async whitelistOutcome(
    target: Target,
    regionId: string,
    instanceId: string,
    facts: ReturnType<PreflightService['facts']>,
    locale: Locale,
  ): Promise<Outcome> {
    const [src, entries] = await Promise.all([facts.sources(), this.whitelistEntries(target, regionId, instanceId)]);
    const { missing, nodesOnly } = whitelistGap(src, entries);
    const basis = this.basisText(src, locale);
    if (nodesOnly) return { status: 'pass', detail: text('whitelistNodesOk', locale, { nodes: src.workerRanges.join(', '), ranges: src.ranges.join(', ') }) };
    if (missing.length === 0) return { status: 'pass', detail: text('whitelistOk', locale, { ranges: src.ranges.join(', '), basis }) };
    const fix: WhitelistFix = { kind: 'whitelist', target, instanceId, groupName: WHITELIST_GROUP, add: missing };
    return {
      status: 'fail',
      detail: text('whitelistMissing', locale, { missing: missing.join(', '), basis, group: WHITELIST_GROUP, url: CONSOLE_URL[target](regionId, instanceId) }),
      fix,
    };
  }

  // ── Redis ──

  private redisChecks(request: PreflightRequest, locale: Locale, facts: ReturnType<PreflightService['facts']>): CheckDef[] {
    const t = (k: TextKey, params?: Record<string, string | number>) => text(k, locale, params);
    const { regionId, parameters: p } = request;
    return [
      {
        id: 'redis.instance',
        group: 'redis',
        title: t('tRedisInstance'),
        run: () => this.notFoundIsFail(locale, p.redisInstanceId, async () => {
          const r = await this.redisAttribute(request);
          if (r.InstanceStatus !== 'Normal') return { status: 'fail', detail: t('redisState', { state: r.InstanceStatus }) };
          const v = majorMinor(r.EngineVersion);
          if (v && !atLeast(v, MIN_REDIS)) return { status: 'fail', detail: t('redisOld', { version: r.EngineVersion, min: MIN_REDIS.join('.') }) };
          return { status: 'pass', detail: t('redisOk', { version: r.EngineVersion }) };
        }),
      },
      {
        id: 'redis.architecture',
        group: 'redis',
        title: t('tRedisArch'),
        run: async () => {
          const r = await this.redisAttribute(request);
          const arch = r.ArchitectureType.toLowerCase();
          if (arch === 'cluster') return { status: 'fail', detail: t('archCluster') };
          if (arch === 'rwsplit') return { status: 'warn', detail: t('archRwsplit') };
          return { status: 'pass', detail: t('archStandard') };
        },
      },
      {
        id: 'redis.whitelist',
        group: 'redis',
        title: t('tWhitelist', { kind: 'Redis' }),
        run: () => this.whitelistOutcome('redis', regionId, p.redisInstanceId, facts, locale),
      },
      {
        id: 'redis.password',
        group: 'redis',
        title: t('tRedisPassword'),
        run: async () => {
          const chars = urlBreakingChars(p.redisPassword);
          return chars.length === 0 ? { status: 'pass', detail: t('passwordOk') } : { status: 'warn', detail: t('passwordWarn', { chars: chars.join(' ') }) };
        },
      },
    ];
  }

  // ── Milvus ──

  private milvusChecks(request: PreflightRequest, locale: Locale, facts: ReturnType<PreflightService['facts']>): CheckDef[] {
    void facts;
    const t = (k: TextKey, params?: Record<string, string | number>) => text(k, locale, params);
    const { regionId, parameters: p } = request;
    return [
      {
        id: 'milvus.instance',
        group: 'milvus',
        title: t('tMilvusInstance'),
        run: async () => {
          const m = await this.findMilvus(request);
          if (!m) {
            return p.milvusInstanceId
              ? { status: 'fail', detail: t('milvusNotFound', { regionId, id: p.milvusInstanceId }) }
              : { status: 'warn', detail: t('milvusUnknown', { regionId, endpoint: p.milvusEndpoint }) };
          }
          if (m.InstanceStatus !== 'running') return { status: 'fail', detail: t('milvusState', { state: m.InstanceStatus }) };
          const v = majorMinor(m.Version);
          if (v && !atLeast(v, MIN_MILVUS)) return { status: 'fail', detail: t('milvusOld', { version: m.Version, min: MIN_MILVUS.join('.') }) };
          if (v && !atLeast(v, HYBRID_MILVUS)) return { status: 'pass', detail: t('milvusNoHybrid', { version: m.Version }) };
          return { status: 'pass', detail: t('milvusOk', { version: m.Version }) };
        },
      },
      {
        id: 'milvus.endpoint',
        group: 'milvus',
        title: t('tMilvusEndpoint'),
        run: async () => {
          const m = await this.findMilvus(request);
          if (!m) return { status: 'warn', detail: t('milvusUnknown', { regionId, endpoint: p.milvusEndpoint }) };
          const expected = hostOf(m.ClusterInfo?.IntranetUrl ?? '');
          const given = hostOf(p.milvusEndpoint);
          if (expected && given !== expected) return { status: 'fail', detail: t('endpointMismatch', { endpoint: p.milvusEndpoint, id: m.InstanceId, expected }) };
          return { status: 'pass', detail: t('endpointOk', { endpoint: p.milvusEndpoint, id: m.InstanceId }) };
        },
      },
    ];
  }

  // ── the whitelist fix ──

  /**
   * Recomputes what the instance's whitelist misses for the cluster (never the browser's list) and
   * appends exactly that to the dedicated group dify_ack; no other group is touched.
   */
  async applyWhitelistFix(
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
    const facts = this.facts(regionId, clusterId);
    const [src, entries] = await Promise.all([facts.sources(), this.whitelistEntries(target, regionId, instanceId)]);
    const { missing } = whitelistGap(src, entries);
    if (missing.length === 0) throw new ProblemError(409, { code: 'WhitelistComplete', message: text('fixNothing', locale) });
    if (target === 'postgres') await this.ports.rds.appendSecurityIps(regionId, instanceId, WHITELIST_GROUP, missing);
    else await this.ports.redis.appendSecurityIps(regionId, instanceId, WHITELIST_GROUP, missing);
    return { instanceId, groupName: WHITELIST_GROUP, added: missing };
  }

  // ── prerequisites ──

  async prerequisites(locale: Locale): Promise<Prerequisites> {
    const c = await this.ports.caller.getCallerIdentity();
    const type = c.IdentityType === 'RAMUser' || c.IdentityType === 'AssumedRoleUser' ? c.IdentityType : 'Account';
    const userName = type === 'RAMUser' ? ramUserName(c.Arn ?? '') : null;
    const identity = { type, accountId: c.AccountId, userName, arn: c.Arn ?? `acs:ram::${c.AccountId}:root` } as const;
    const row = (name: string, status: 'granted' | 'missing' | 'unknown' | 'notNeeded', via: string | null) => ({
      name,
      purpose: GUIDE_POLICIES.find((g) => g.name === name)?.purpose[locale] ?? name,
      status,
      via,
    });
    if (type === 'Account') return { identity, policies: GUIDE_POLICIES.map((g) => row(g.name, 'notNeeded', null)), note: text('noteRoot', locale) };
    if (!userName) return { identity, policies: GUIDE_POLICIES.map((g) => row(g.name, 'unknown', null)), note: text('noteRole', locale) };
    const grants = await this.userGrants(userName);
    if ('denied' in grants) {
      return { identity, policies: GUIDE_POLICIES.map((g) => row(g.name, 'unknown', null)), note: text('noteDenied', locale, { userName, code: grants.denied }) };
    }
    return {
      identity,
      policies: grants.map((g) => row(g.name, g.status, g.via)),
      note: grants.some((g) => g.name === MILVUS_POLICY) ? text('milvusNote', locale) : null,
    };
  }
}
