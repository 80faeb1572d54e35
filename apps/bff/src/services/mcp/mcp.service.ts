import type {
  ConnectRequestSchema,
  Connection,
  DifyCard,
  DifyView,
  McpServerDetail,
  McpServerPage,
  MseRegistry,
  ToolChange,
} from '@dify-console/shared/api/mcp';
import { MIN_NACOS_VERSION } from '@dify-console/shared/api/mcp';
import { joinList, type Locale } from '@dify-console/shared/domain/i18n';
import type { z } from 'zod';
import { isNacosError } from '../../errors/nacos-error';
import { ProblemError } from '../../errors/problem-error';
import { fetchAllPages } from '../../lib/utils';
import type { McpDetailWire, McpReachabilityPorts, MsePort, NacosAuth, NacosPort, NacosRegistryClient } from '../../ports/mcp';
import { missingRanges, splitList } from '../preflight/cidr';
import { fieldParameters, regionOf } from '../deployments/mapping';
import { podVSwitchesFromParameters } from '../preflight/dify-needs';
import { compareVersions, detailOf, editTool, maskKeyId, summaryOf, toolsOf, updateFrom, visibleToDify } from './mcp-model';
import { t } from './texts';

type ConnectInput = z.output<typeof ConnectRequestSchema>;

interface Current {
  client: NacosRegistryClient;
  kind: 'mse' | 'selfHosted';
  label: string;
  version: string;
  auth: NacosAuth;
  mse: { instanceId: string; regionId: string; vpcId: string; intranetAddress: string | null; internetAddress: string | null } | null;
  namespaces: { id: string; name: string; description: string }[];
  expiresAt: number | null;
  timer: NodeJS.Timeout | null;
}

const RUNNING = 'RESTART_SUCCESS';
const MASK = '••••••••';
const ROUTER_URL = 'http://nacos-mcp-router.dify-system.svc.cluster.local:8000/mcp';

/** What Nacos (or the network) said, verbatim: shown apart from our sentence as its own answer, never inside it. */
const evidenceOf = (err: { message: string }) => (err.message.trim() ? { evidence: err.message.trim().slice(0, 1000) } : {});
const hostPort = (domain: string, port: string | undefined) => (domain ? `${domain}:${port || '8848'}` : null);

/**
 * The Nacos MCP Registry: one connection at a time (credentials in this object only, forgotten on
 * disconnect, after `keepMinutes`, or when the console stops), its MCP servers and tools, and what
 * Dify's `nacos_mcp` plugin needs and will see.
 */
export class McpRegistryService {
  private current: Current | null = null;

  constructor(
    private readonly ports: { mse: MsePort; nacos: NacosPort } & McpReachabilityPorts,
    private readonly options: { now?: () => number } = {},
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  // ── registries and the connection ───────────────────────────────────────────────────────

  async listRegistries(regionId: string, locale: Locale): Promise<{ items: MseRegistry[] }> {
    const all = await fetchAllPages((n, size) => this.ports.mse.listClusters(regionId, n, size), 50, 4);
    return {
      items: all.map((c) => {
        const reason =
          c.ClusterType !== 'Nacos-Ans'
            ? t('mseNotNacos', locale, { engine: c.ClusterType || '?' })
            : compareVersions(c.AppVersion, MIN_NACOS_VERSION) < 0
              ? t('mseTooOld', locale, { version: c.AppVersion })
              : c.InitStatus !== RUNNING
                ? t('mseNotRunning', locale, { state: c.InitStatus })
                : null;
        return {
          instanceId: c.InstanceId,
          name: c.ClusterAliasName || c.ClusterName || c.InstanceId,
          regionId,
          engine: c.ClusterType,
          version: c.AppVersion,
          edition: c.MseVersion,
          state: c.InitStatus,
          running: c.InitStatus === RUNNING,
          vpcId: c.VpcId,
          intranetAddress: hostPort(c.IntranetDomain, undefined),
          internetAddress: hostPort(c.InternetDomain, undefined),
          eligible: reason === null,
          reason,
        };
      }),
    };
  }

  connection(): Connection {
    const c = this.live();
    if (!c)
      return { connected: false, kind: null, label: null, address: null, version: null, authType: null, principal: null, mse: null, expiresAt: null, namespaces: [] };
    return {
      connected: true,
      kind: c.kind,
      label: c.label,
      address: c.client.address,
      version: c.version,
      authType: c.auth.type,
      principal: c.auth.type === 'password' ? c.auth.username : maskKeyId(c.auth.accessKeyId),
      mse: c.mse,
      expiresAt: c.expiresAt === null ? null : new Date(c.expiresAt).toISOString(),
      namespaces: c.namespaces,
    };
  }

  async connect(input: ConnectInput, locale: Locale): Promise<Connection> {
    let address: string;
    let mse: Current['mse'] = null;
    let label: string;
    if (input.target.kind === 'mse') {
      const d = await this.ports.mse.queryClusterDetail(input.target.regionId, input.target.instanceId);
      if (d.ClusterType !== 'Nacos-Ans')
        throw new ProblemError(400, { code: 'Mcp.NotNacos', message: t('mseNotNacos', locale, { engine: d.ClusterType || '?' }) });
      if (compareVersions(d.AppVersion, MIN_NACOS_VERSION) < 0)
        throw new ProblemError(400, { code: 'Mcp.VersionTooOld', message: t('versionTooOld', locale, { version: d.AppVersion }) });
      const intranet = hostPort(d.IntranetDomain, d.IntranetPort);
      const internet = hostPort(d.InternetDomain, d.InternetPort);
      const chosen = input.target.network === 'internet' ? internet : intranet;
      if (!chosen) throw new ProblemError(400, { code: 'Mcp.NoInternetAddress', message: t('mseNoInternet', locale) });
      address = chosen;
      label = d.ClusterAliasName || d.InstanceId;
      mse = { instanceId: d.InstanceId, regionId: input.target.regionId, vpcId: d.VpcId, intranetAddress: intranet, internetAddress: internet };
    } else {
      address = input.target.address.includes(':') ? input.target.address : `${input.target.address}:8848`;
      label = address;
    }
    const auth: NacosAuth = input.auth;
    const client = this.ports.nacos.client(address, auth);
    const version = await this.call(() => client.serverVersion(), locale, { address, auth });
    if (compareVersions(version, MIN_NACOS_VERSION) < 0)
      throw new ProblemError(400, { code: 'Mcp.VersionTooOld', message: t('versionTooOld', locale, { version }) });
    await this.call(() => client.login(), locale, { address, auth });
    const namespaces = await this.call(() => client.namespaces(), locale, { address, auth });
    this.forget();
    const expiresAt = input.keepMinutes === null ? null : this.now() + input.keepMinutes * 60_000;
    const timer = expiresAt === null ? null : setTimeout(() => this.forget(), expiresAt - this.now());
    timer?.unref();
    this.current = {
      client,
      kind: input.target.kind,
      label,
      version,
      auth,
      mse,
      namespaces: namespaces.map((n) => ({ id: n.namespace, name: n.namespaceShowName ?? n.namespace, description: n.namespaceDesc ?? '' })),
      expiresAt,
      timer,
    };
    return this.connection();
  }

  disconnect(): Connection {
    this.forget();
    return this.connection();
  }

  private forget(): void {
    if (this.current?.timer) clearTimeout(this.current.timer);
    this.current = null;
  }

  private live(): Current | null {
    if (this.current?.expiresAt !== null && this.current !== null && this.current.expiresAt <= this.now()) this.forget();
    return this.current;
  }

  private connected(locale: Locale): Current {
    const c = this.live();
    if (!c) throw new ProblemError(409, { code: 'Mcp.NotConnected', message: t('notConnected', locale) });
    return c;
  }

  /** Runs a Nacos call; its failure becomes a refusal in plain words. */
  private async call<T>(run: () => Promise<T>, locale: Locale, ctx: { address: string; auth: NacosAuth; namespace?: string }): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (!isNacosError(err)) throw err;
      const { address } = ctx;
      switch (err.kind) {
        case 'unreachable':
          throw new ProblemError(502, { code: 'Mcp.Unreachable', message: t('unreachable', locale, { address }), ...evidenceOf(err) });
        case 'timeout':
          throw new ProblemError(504, { code: 'Mcp.Timeout', message: t('timeout', locale, { address }) });
        case 'auth':
          throw new ProblemError(400, {
            code: 'Mcp.WrongCredentials',
            message: t(ctx.auth.type === 'password' ? 'wrongCredentials' : 'wrongAccessKey', locale),
            ...evidenceOf(err),
          });
        case 'notFound':
          throw new ProblemError(400, { code: 'Mcp.NotNacos3', message: t('notNacos3', locale, { address }) });
        case 'api':
          if (err.status === 404)
            throw new ProblemError(404, { code: 'Mcp.NotFound', message: t('serverNotFound', locale, { namespace: ctx.namespace ?? 'public' }), ...evidenceOf(err) });
          throw new ProblemError(err.status >= 400 && err.status < 500 ? err.status : 502, {
            code: `Mcp.Nacos${err.code ?? err.status}`,
            message: t('nacosRefused', locale),
            ...evidenceOf(err),
          });
        default:
          throw new ProblemError(502, { code: 'Mcp.UnexpectedAnswer', message: t('nacosUnexpected', locale), ...evidenceOf(err) });
      }
    }
  }

  private run<T>(c: Current, locale: Locale, namespace: string, f: (client: NacosRegistryClient) => Promise<T>): Promise<T> {
    return this.call(() => f(c.client), locale, { address: c.client.address, auth: c.auth, namespace });
  }

  // ── servers and tools ───────────────────────────────────────────────────────────────────

  async listServers(q: { namespaceId: string; search?: string | undefined; pageNo: number; pageSize: number }, locale: Locale): Promise<McpServerPage> {
    const c = this.connected(locale);
    const search = q.search?.trim() ? q.search.trim() : undefined;
    const page = await this.run(c, locale, q.namespaceId, (n) =>
      n.listMcp({ namespaceId: q.namespaceId, ...(search ? { mcpName: search } : {}), search: 'blur', pageNo: q.pageNo, pageSize: q.pageSize }),
    );
    return { items: page.pageItems.map(summaryOf), totalCount: page.totalCount, pageNo: q.pageNo, pageSize: q.pageSize };
  }

  /** A version as Nacos has it now; without a version, the published latest. */
  private async read(c: Current, mcpId: string, namespaceId: string, version: string | undefined, locale: Locale): Promise<McpDetailWire> {
    const get = (v?: string) => this.run(c, locale, namespaceId, (n) => n.getMcp({ namespaceId, mcpId, ...(v ? { version: v } : {}) }));
    const d = await get(version);
    if (version) return d;
    // Without a version Nacos answers the last one added, which need not be the published one.
    const latest = d.allVersions?.find((v) => v.is_latest)?.version;
    return latest && latest !== d.versionDetail?.version ? get(latest) : d;
  }

  async getServer(mcpId: string, q: { namespaceId: string; version?: string | undefined }, locale: Locale): Promise<McpServerDetail> {
    const c = this.connected(locale);
    return detailOf(await this.read(c, mcpId, q.namespaceId, q.version, locale), q.namespaceId);
  }

  /** Reads the version again; refuses (409) when it is not what the user changed. */
  private async fresh(c: Current, mcpId: string, namespaceId: string, version: string, revision: string, locale: Locale) {
    const d = await this.read(c, mcpId, namespaceId, version, locale);
    const now = detailOf(d, namespaceId);
    if (now.revision !== revision)
      throw new ProblemError(409, { code: 'Mcp.ConcurrentChange', message: t('concurrentChange', locale, { server: d.name, version }) });
    return d;
  }

  async changeTool(mcpId: string, toolName: string, body: ToolChange, locale: Locale): Promise<McpServerDetail> {
    const c = this.connected(locale);
    const d = await this.fresh(c, mcpId, body.namespaceId, body.version, body.revision, locale);
    if (!toolsOf(d).some((x) => x.name === toolName))
      throw new ProblemError(404, { code: 'Mcp.ToolNotFound', message: t('toolNotFound', locale, { server: d.name, version: body.version, tool: toolName }) });
    const form = updateFrom(d, body.namespaceId, editTool(toolName, { enabled: body.enabled, description: body.description }));
    await this.run(c, locale, body.namespaceId, (n) => n.updateMcp(form));
    return detailOf(await this.read(c, mcpId, body.namespaceId, body.version, locale), body.namespaceId);
  }

  async publish(mcpId: string, body: { namespaceId: string; version: string; revision: string }, locale: Locale): Promise<McpServerDetail> {
    const c = this.connected(locale);
    const d = await this.fresh(c, mcpId, body.namespaceId, body.version, body.revision, locale);
    const form = updateFrom(d, body.namespaceId, () => undefined, true);
    await this.run(c, locale, body.namespaceId, (n) => n.updateMcp(form));
    return detailOf(await this.read(c, mcpId, body.namespaceId, body.version, locale), body.namespaceId);
  }

  // ── Dify ────────────────────────────────────────────────────────────────────────────────

  /**
   * What the `nacos_mcp` plugin offers: it lists the namespace's servers, keeps mcp-sse and
   * mcp-streamable ones, reads each one's detail without a version (as the plugin does) and drops
   * the tools switched off.
   */
  async difyView(namespaceId: string, locale: Locale): Promise<DifyView> {
    const c = this.connected(locale);
    const all = await fetchAllPages(
      async (pageNo, pageSize) => {
        const p = await this.run(c, locale, namespaceId, (n) => n.listMcp({ namespaceId, search: 'accurate', pageNo, pageSize }));
        return { items: p.pageItems, totalCount: p.totalCount };
      },
      100,
      2,
    );
    const hidden: DifyView['hidden'] = [];
    const servers: DifyView['servers'] = [];
    for (const s of all) {
      if (!visibleToDify(s.protocol)) {
        hidden.push({ name: s.name, reason: t('hiddenProtocol', locale, { protocol: s.protocol }) });
        continue;
      }
      const d = await this.run(c, locale, namespaceId, (n) => n.getMcp({ namespaceId, mcpName: s.name }));
      const tools = toolsOf(d);
      for (const tool of tools.filter((x) => !x.enabled)) hidden.push({ name: `${s.name} / ${tool.name}`, reason: t('hiddenTool', locale, { tool: tool.name }) });
      servers.push({
        name: s.name,
        description: s.description ?? '',
        protocol: s.protocol,
        version: d.versionDetail?.version ?? d.version ?? '',
        tools: tools.filter((x) => x.enabled).map((x) => ({ name: x.name, description: x.description })),
      });
    }
    return { namespaceId, servers, hidden };
  }

  async difyCard(namespaceId: string, deploymentId: string | undefined, locale: Locale): Promise<DifyCard> {
    const c = this.connected(locale);
    const addr = c.mse ? (c.mse.intranetAddress ?? c.client.address) : c.client.address;
    const password = c.auth.type === 'password';
    const env: Record<string, string> = {
      NACOS_ADDR: addr,
      NACOS_NAMESPACE: namespaceId,
      TRANSPORT_TYPE: 'streamable_http',
      PORT: '8000',
      MODE: 'router',
      ...(password
        ? { NACOS_USERNAME: c.auth.type === 'password' ? c.auth.username : '', NACOS_PASSWORD: MASK }
        : { ACCESS_KEY_ID: c.auth.type === 'accessKey' ? maskKeyId(c.auth.accessKeyId) : '', ACCESS_KEY_SECRET: MASK }),
    };
    return {
      plugin: {
        nacos_addr: addr,
        nacos_username: c.auth.type === 'password' ? c.auth.username : null,
        nacos_password: password ? MASK : null,
        nacos_accessKey: c.auth.type === 'accessKey' ? maskKeyId(c.auth.accessKeyId) : null,
        nacos_secretKey: password ? null : MASK,
        namespace_id: namespaceId,
      },
      addressNote: c.mse ? t('addrMse', locale, { vpc: c.mse.vpcId }) : t('addrSelf', locale),
      steps: [t('step1', locale), t('step2', locale), t('step3', locale, { namespace: namespaceId })],
      router: { url: ROUTER_URL, env, note: t('routerNote', locale) },
      reachability: deploymentId ? await this.reachability(c, deploymentId, locale) : null,
    };
  }

  /** Can the deployment's cluster reach the registry: same VPC, and the MSE whitelist admits its ranges. */
  private async reachability(c: Current, deploymentId: string, locale: Locale): Promise<NonNullable<DifyCard['reachability']>> {
    const si = await this.ports.computeNest.getServiceInstance(deploymentId);
    // Our fields from the template's names, recognised by their shape (a version may rename them).
    const fields = fieldParameters(si).parameters;
    const clusterId = typeof fields.clusterId === 'string' ? fields.clusterId : '';
    const regionId = regionOf(si);
    if (!clusterId || !regionId) throw new ProblemError(409, { code: 'DeploymentWithoutCluster', message: t('noCluster', locale, { id: deploymentId }) });
    const cluster = await this.ports.clusters.describeClusterDetail(regionId, clusterId);
    const checks: NonNullable<DifyCard['reachability']>['checks'] = [];
    if (!c.mse) {
      checks.push({
        id: 'network',
        status: 'warn',
        title: t('checkVpcTitle', locale),
        detail: t('checkSelfHosted', locale, { cluster: cluster.name || clusterId, vpc: cluster.vpc_id, address: c.client.address }),
      });
      return { deploymentId, clusterId, checks };
    }
    const sameVpc = cluster.vpc_id === c.mse.vpcId;
    checks.push({
      id: 'vpc',
      status: sameVpc ? 'pass' : 'fail',
      title: t('checkVpcTitle', locale),
      detail: sameVpc
        ? t('checkVpcPass', locale, { cluster: cluster.name || clusterId, vpc: cluster.vpc_id })
        : t('checkVpcFail', locale, { cluster: cluster.name || clusterId, clusterVpc: cluster.vpc_id, mseVpc: c.mse.vpcId }),
    });
    const detail = await this.ports.mse.queryClusterDetail(c.mse.regionId, c.mse.instanceId);
    const acl = splitList(detail.AclEntryList ?? '');
    if (acl.length === 0) {
      checks.push({ id: 'whitelist', status: 'pass', title: t('checkAclTitle', locale), detail: t('checkAclOpen', locale) });
      return { deploymentId, clusterId, checks };
    }
    // The ranges Dify's pods come from: the cluster's node and pod vSwitches (every vSwitch of its VPC when unknown).
    const vsws = await fetchAllPages((n, size) => this.ports.vswitches.describeVSwitches(regionId, cluster.vpc_id, n, size), 50, 4);
    const own = new Set([...cluster.vswitch_ids, ...podVSwitchesFromParameters(cluster.parameters, cluster.meta_data)]);
    const mine = vsws.filter((v) => own.has(v.VSwitchId)).map((v) => v.CidrBlock);
    const ranges = mine.length > 0 ? mine : vsws.map((v) => v.CidrBlock);
    const missing = missingRanges(ranges, acl);
    checks.push({
      id: 'whitelist',
      status: missing.length === 0 ? 'pass' : 'fail',
      title: t('checkAclTitle', locale),
      detail:
        missing.length === 0
          ? t('checkAclPass', locale, { acl: joinList(acl, locale), ranges: joinList(ranges, locale) })
          : t('checkAclFail', locale, { acl: joinList(acl, locale), missing: joinList(missing, locale) }),
    });
    return { deploymentId, clusterId, checks };
  }
}
