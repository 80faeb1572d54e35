import type { AccessRequest, AccessState } from '@dify-console/shared/api/access';
import type { z } from 'zod';
import type { AccessRequestSchema } from '@dify-console/shared/api/access';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { isCloudError } from '../../errors/cloud-error';
import type { AccountContext } from '../account';
import { asNotFound } from '../deployments/deployment.service';
import { fieldParameters, regionOf } from '../deployments/mapping';
import type { ComputeNestPort, ServiceInstanceRecord } from '../../ports/deployments';
import { ProblemError } from '../../errors/problem-error';
import { EntryChecker, type CheckerOptions } from './checks';
import {
  ADDON,
  CCM_ADDRESS_TYPE,
  clusterIpPatch,
  CONTROLLER_NAMESPACE,
  CONTROLLER_SERVICE,
  desiredIngress,
  INGRESS,
  INGRESS_CLASS,
  ingressBody,
  ingressEntryAnnotations,
  ingressMatches,
  loadBalancerPatch,
  NAMESPACE,
  NGINX_PREFIX,
  secretMatches,
  SERVICE,
  serviceEntryAnnotations,
  serviceMatches,
  TLS_SECRET,
  tlsSecret,
} from './desired';
import type { AddonsPort, ClusterApi, ClusterPort, ClusterRef, EdgePort, EventRecord, IngressObject, LoadBalancerIngress, ServiceObject } from '../../ports/access';
import { checkTls, describeCertificate } from './tls';
import { t } from './texts';

type ParsedRequest = z.output<typeof AccessRequestSchema>;

export interface AccessPorts {
  computeNest: Pick<ComputeNestPort, 'getServiceInstance'>;
  clusters: ClusterPort;
  addons: AddonsPort;
  edge: EdgePort;
}

export interface AccessServiceOptions {
  /** Ports the entries listen on (config `entry`): 80/443 in the real cloud. */
  httpPort: number;
  httpsPort: number;
  checks?: CheckerOptions;
  now?: () => number;
}

interface Target {
  instanceId: string;
  ref: ClusterRef;
  api: ClusterApi;
}

interface InstallTask {
  regionId: string;
  taskId: string | null;
}

/** The newest load-balancer event decides: SyncLoadBalancerFailed after the last success means failed. */
function lbFailure(events: EventRecord[]): string | null {
  const relevant = events.filter((e) => e.reason === 'SyncLoadBalancerFailed' || e.reason === 'EnsuredLoadBalancer');
  const last = relevant[relevant.length - 1];
  return last?.reason === 'SyncLoadBalancerFailed' ? plainCcmMessage(last.message) : null;
}

/** CCM messages carry a Go error chain; the last part is what the cloud said. */
function plainCcmMessage(message: string): string {
  const cleaned = message
    .replace(/\s+/g, ' ')
    .replace(/^Error syncing load balancer:?\s*/i, '')
    .replace(/^failed to ensure load balancer:?\s*/i, '')
    .trim();
  return cleaned.length > 400 ? `${cleaned.slice(0, 400)}…` : cleaned;
}

const firstAddress = (list: LoadBalancerIngress[]): { ip: string | null; hostname: string | null } | null => {
  const a = list.find((i) => i.ip || i.hostname);
  return a ? { ip: a.ip ?? null, hostname: a.hostname ?? null } : null;
};

/**
 * The access entry of a deployment: Service ack-dify as a load balancer, or Ingress ack-dify-nginx
 * of the nginx add-on, read from the deployment's cluster and applied idempotently (nothing is
 * written when the cluster already matches; switching kinds removes the other).
 */
export class AccessService {
  private readonly checker: EntryChecker;
  private readonly installs = new Map<string, InstallTask>();
  private readonly now: () => number;

  constructor(
    private readonly ports: AccessPorts,
    private readonly account: AccountContext,
    private readonly options: AccessServiceOptions,
  ) {
    this.checker = new EntryChecker(ports.edge, options.checks);
    this.now = options.now ?? Date.now;
  }

  /** Waits for the checks in flight (tests, shutdown). */
  settle(): Promise<void> {
    return this.checker.settle();
  }

  // ── which cluster ────────────────────────────────────────────────────────────────────────

  private async target(instanceId: string, locale: Locale, seen?: ServiceInstanceRecord): Promise<Target> {
    let record;
    try {
      record = seen ?? (await this.ports.computeNest.getServiceInstance(instanceId));
    } catch (err) {
      throw asNotFound(err, instanceId, locale);
    }
    if (record.Status !== 'Deployed') {
      throw new ProblemError(409, { code: 'DeploymentNotDeployed', message: t('notDeployed', locale, { id: instanceId, status: record.Status }) });
    }
    // Our fields from the template's names, recognised by their shape (a version may rename them).
    const { parameters } = fieldParameters(record);
    const clusterId = typeof parameters.clusterId === 'string' ? parameters.clusterId : '';
    const regionId = regionOf(record);
    if (!clusterId || !regionId) throw new ProblemError(409, { code: 'DeploymentWithoutCluster', message: t('noCluster', locale, { id: instanceId }) });
    const ref = { accountId: await this.account.id(), regionId, clusterId };
    return { instanceId, ref, api: this.ports.clusters.cluster(ref) };
  }

  private async difyService(api: ClusterApi, locale: Locale): Promise<ServiceObject> {
    const svc = await api.readService(NAMESPACE, SERVICE);
    if (!svc) throw new ProblemError(409, { code: 'DifyServiceMissing', message: t('serviceMissing', locale) });
    return svc;
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────

  async get(instanceId: string, locale: Locale): Promise<AccessState> {
    const target = await this.target(instanceId, locale);
    return this.read(target, locale);
  }

  /**
   * Dify's `/install` through the deployment's access entry, as the entry checks find it (waiting
   * for a check in flight): null when there is no entry yet; `pending` while the entry has no
   * address (the reason says why).
   */
  async installThroughEntry(
    instanceId: string,
    locale: Locale,
    record?: ServiceInstanceRecord,
  ): Promise<{ url: string | null; status: 'pass' | 'fail' | 'pending'; detail: string } | null> {
    const target = await this.target(instanceId, locale, record);
    let state = await this.read(target, locale);
    if (state.kind === 'none') return null;
    let install = state.checks.find((c) => c.id === 'install');
    if (state.state === 'ready' && install?.status === 'pending') {
      await this.checker.settle();
      state = await this.read(target, locale);
      install = state.checks.find((c) => c.id === 'install');
    }
    if (state.state !== 'ready' || !install) return { url: state.url, status: 'pending', detail: state.reason ?? install?.detail ?? '' };
    return { url: state.url, status: install.status, detail: install.detail };
  }

  private installKey(ref: ClusterRef) {
    return `${ref.accountId}|${ref.regionId}|${ref.clusterId}`;
  }

  /** The add-on as installed, or as being installed by a task this console started. */
  private async addon(ref: ClusterRef): Promise<{ installed: boolean; state: string | null; failure: string | null }> {
    const key = this.installKey(ref);
    const instance = await this.ports.addons.getClusterAddonInstance(ref.regionId, ref.clusterId, ADDON);
    if (instance?.state === 'active') {
      this.installs.delete(key);
      return { installed: true, state: instance.state, failure: null };
    }
    const task = this.installs.get(key);
    if (task?.taskId) {
      const info = await this.ports.addons.describeTaskInfo(task.regionId, task.taskId);
      if (info.state === 'failed' || info.state === 'fail') {
        return { installed: false, state: 'failed', failure: info.error?.message ?? info.error?.code ?? info.state };
      }
      if (info.state !== 'success') return { installed: false, state: 'installing', failure: null };
      this.installs.delete(key);
    }
    if (instance) return { installed: instance.state !== 'installing', state: instance.state || null, failure: null };
    return task ? { installed: false, state: 'installing', failure: null } : { installed: false, state: null, failure: null };
  }

  private async read(target: Target, locale: Locale): Promise<AccessState> {
    const { api, ref } = target;
    const [svc, ing, addon] = await Promise.all([this.difyService(api, locale), api.readIngress(NAMESPACE, INGRESS), this.addon(ref)]);
    const base = { addon: { installed: addon.installed, state: addon.state } };

    if (svc.spec.type === 'LoadBalancer') {
      const address = firstAddress(svc.status.loadBalancer.ingress);
      const settings = {
        addressType: svc.metadata.annotations?.[CCM_ADDRESS_TYPE] === 'intranet' ? ('intranet' as const) : ('internet' as const),
        host: null,
        tls: null,
        annotations: serviceEntryAnnotations(svc),
      };
      if (!address) {
        const failure = lbFailure(await api.listEvents(NAMESPACE, SERVICE, 'Service'));
        return {
          kind: 'loadBalancer',
          state: failure ? 'failed' : 'pending',
          reason: failure ? t('lbFailed', locale, { message: failure }) : t('lbCreating', locale),
          settings,
          address: null,
          url: null,
          hostsLine: null,
          ...base,
          checks: EntryChecker.waiting(locale),
        };
      }
      const name = address.ip ?? address.hostname ?? '';
      const url = this.url('http', name);
      const ip = await this.ipOf(address);
      const checks = ip
        ? this.checker.current(
            `${ref.accountId}|${target.instanceId}|lb|${svc.metadata.resourceVersion ?? ''}|${ip}`,
            { scheme: 'http', connectTo: ip, port: this.options.httpPort, host: name },
            url,
            { kind: 'loadBalancer', bufferingOff: true },
            locale,
          )
        : EntryChecker.waiting(locale, 'checkUnresolved', { hostname: name });
      return { kind: 'loadBalancer', state: 'ready', reason: null, settings, address, url, hostsLine: null, ...base, checks };
    }

    if (ing && (ing.spec.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class']) === INGRESS_CLASS) {
      return this.readIngress(target, ing, addon, locale);
    }

    return {
      kind: 'none',
      state: 'none',
      reason: t('noEntry', locale),
      settings: { addressType: null, host: null, tls: null, annotations: {} },
      address: null,
      url: null,
      hostsLine: null,
      ...base,
      checks: [],
    };
  }

  private async readIngress(
    target: Target,
    ing: IngressObject,
    addon: { installed: boolean; state: string | null; failure: string | null },
    locale: Locale,
  ): Promise<AccessState> {
    const { api, ref } = target;
    const host = ing.spec.rules.find((r) => r.host)?.host ?? null;
    const secretName = ing.spec.tls.find((x) => x.secretName)?.secretName;
    const secret = secretName ? await api.readSecret(NAMESPACE, secretName) : null;
    const crt = secret?.data['tls.crt'];
    const tls = crt ? describeCertificate(Buffer.from(crt, 'base64').toString('utf8')) : null;
    const annotations = ingressEntryAnnotations(ing);
    const settings = { addressType: null, host, tls, annotations };
    const base = { kind: 'ingress' as const, settings, addon: { installed: addon.installed, state: addon.state } };
    const address = firstAddress(ing.status.loadBalancer.ingress);

    if (!address) {
      let state: 'pending' | 'failed' = 'pending';
      let reason = t('ingressWaiting', locale);
      if (addon.failure) {
        state = 'failed';
        reason = t('addonFailed', locale, { message: addon.failure });
      } else if (addon.state === 'installing') {
        reason = t('addonInstalling', locale);
      } else if (!addon.installed) {
        state = 'failed';
        reason = t('addonGone', locale);
      } else {
        const failure = lbFailure(await api.listEvents(CONTROLLER_NAMESPACE, CONTROLLER_SERVICE, 'Service'));
        if (failure) {
          state = 'failed';
          reason = t('controllerLbFailed', locale, { message: failure });
        }
      }
      return { ...base, state, reason, address: null, url: null, hostsLine: null, checks: EntryChecker.waiting(locale) };
    }

    const scheme = tls ? 'https' : 'http';
    const ip = await this.ipOf(address);
    const shownHost = host ?? address.ip ?? address.hostname ?? '';
    const url = this.url(scheme, shownHost);
    // A hosts line only for an address that is an IP: a host name (a network load balancer) may
    // change its IPs, so the user adds a CNAME to it instead (the page says so).
    const hostsLine = host && address.ip ? `${address.ip} ${host}` : null;
    const checks = ip
      ? this.checker.current(
          `${ref.accountId}|${target.instanceId}|ing|${ing.metadata.resourceVersion ?? ''}|${secret?.metadata.resourceVersion ?? ''}|${ip}`,
          { scheme, connectTo: ip, port: scheme === 'https' ? this.options.httpsPort : this.options.httpPort, host: shownHost },
          url,
          { kind: 'ingress', bufferingOff: annotations[`${NGINX_PREFIX}proxy-buffering`] === 'off' },
          locale,
        )
      : EntryChecker.waiting(locale, 'checkUnresolved', { hostname: address.hostname ?? '' });
    return { ...base, state: 'ready', reason: null, address, url, hostsLine, checks };
  }

  /** `scheme://host[:port]/install`, the port only when it is not the scheme's default. */
  private url(scheme: 'http' | 'https', host: string): string {
    const port = scheme === 'https' ? this.options.httpsPort : this.options.httpPort;
    const shownPort = (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80) ? '' : `:${port}`;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return `${scheme}://${shownHost}${shownPort}/install`;
  }

  /** An IP of the address: itself, or the host name resolved with the configured DNS servers. */
  private async ipOf(address: { ip: string | null; hostname: string | null }): Promise<string | null> {
    if (address.ip) return address.ip;
    if (!address.hostname) return null;
    return (await this.ports.edge.resolve(address.hostname))[0] ?? null;
  }

  // ── applying ─────────────────────────────────────────────────────────────────────────────

  async put(instanceId: string, request: ParsedRequest | AccessRequest, locale: Locale): Promise<AccessState> {
    // The certificate is checked before anything else: a bad one changes nothing.
    const tls = request.kind === 'ingress' && request.tls ? checkTls(request.tls, request.host, this.now(), locale) : null;
    const target = await this.target(instanceId, locale);
    // A concurrent change (409 Conflict on a stale resourceVersion) is read again and retried once.
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (request.kind === 'loadBalancer') await this.applyLoadBalancer(target, request.addressType, locale);
        else await this.applyIngress(target, { host: request.host, installAddon: request.installAddon ?? false, tls }, locale);
        break;
      } catch (err) {
        if (attempt < 2 && isCloudError(err) && err.code === 'Kubernetes.Conflict') continue;
        throw err;
      }
    }
    return this.read(target, locale);
  }

  private async applyLoadBalancer(target: Target, addressType: 'internet' | 'intranet', locale: Locale): Promise<void> {
    const { api } = target;
    const svc = await this.difyService(api, locale);
    if (!serviceMatches(svc, addressType)) {
      const isClb = svc.spec.type === 'LoadBalancer' && !svc.spec.loadBalancerClass;
      const currentType = svc.metadata.annotations?.[CCM_ADDRESS_TYPE] ?? 'internet';
      if (isClb && currentType !== addressType) {
        // A CLB cannot change its address type: release it (back to ClusterIP), then ask for a new one.
        await api.patchService(NAMESPACE, SERVICE, clusterIpPatch(svc));
      }
      await api.patchService(NAMESPACE, SERVICE, loadBalancerPatch(addressType));
    }
    // The Ingress entry, if any, goes (with its certificate).
    if (await api.readIngress(NAMESPACE, INGRESS)) await api.deleteIngress(NAMESPACE, INGRESS);
    if (await api.readSecret(NAMESPACE, TLS_SECRET)) await api.deleteSecret(NAMESPACE, TLS_SECRET);
  }

  private async ensureAddon(target: Target, installAddon: boolean, locale: Locale): Promise<void> {
    const { ref } = target;
    const key = this.installKey(ref);
    const instance = await this.ports.addons.getClusterAddonInstance(ref.regionId, ref.clusterId, ADDON);
    if (instance) return;
    const task = this.installs.get(key);
    if (task?.taskId) {
      const info = await this.ports.addons.describeTaskInfo(task.regionId, task.taskId);
      if (info.state !== 'failed' && info.state !== 'fail') return; // still installing (or just done)
    }
    if (!installAddon) {
      throw new ProblemError(409, {
        code: 'IngressAddonMissing',
        message: t('addonMissingTitle', locale),
        issues: [{ path: ['installAddon'], message: t('addonMissing', locale) }],
      });
    }
    const offered = (await this.ports.addons.listAddons(ref.regionId, ref.clusterId)).find((a) => a.name === ADDON);
    if (!offered) throw new ProblemError(409, { code: 'IngressAddonNotOffered', message: t('addonNotOffered', locale) });
    const { taskId } = await this.ports.addons.installClusterAddons(ref.regionId, ref.clusterId, [
      { name: ADDON, version: offered.version, config: JSON.stringify({ IngressSlbNetworkType: 'internet' }) },
    ]);
    this.installs.set(key, { regionId: ref.regionId, taskId });
  }

  private async applyIngress(
    target: Target,
    want: { host: string; installAddon: boolean; tls: ReturnType<typeof checkTls> | null },
    locale: Locale,
  ): Promise<void> {
    const { api } = target;
    const svc = await this.difyService(api, locale);
    await this.ensureAddon(target, want.installAddon, locale);

    // The certificate first, so the Ingress never points at a missing Secret.
    const secret = await api.readSecret(NAMESPACE, TLS_SECRET);
    if (want.tls) {
      const body = tlsSecret(want.tls.certificatePem, want.tls.privateKeyPem, secret);
      if (!secret) await api.createSecret(NAMESPACE, body);
      else if (secret.type !== body.type) {
        // The type of a Secret cannot change.
        await api.deleteSecret(NAMESPACE, TLS_SECRET);
        await api.createSecret(NAMESPACE, tlsSecret(want.tls.certificatePem, want.tls.privateKeyPem, null));
      } else if (!secretMatches(secret, body)) await api.replaceSecret(NAMESPACE, TLS_SECRET, body);
    }

    const desired = desiredIngress(want.host, Boolean(want.tls));
    const current = await api.readIngress(NAMESPACE, INGRESS);
    if (!current) await api.createIngress(NAMESPACE, ingressBody(desired, null));
    else if (!ingressMatches(current, desired)) await api.replaceIngress(NAMESPACE, INGRESS, ingressBody(desired, current));

    if (!want.tls && secret) await api.deleteSecret(NAMESPACE, TLS_SECRET);
    // The load-balancer entry, if any, goes: back to ClusterIP (the CCM releases its load balancer).
    if (svc.spec.type === 'LoadBalancer') await api.patchService(NAMESPACE, SERVICE, clusterIpPatch(svc));
  }
}
