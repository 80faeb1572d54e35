import type { DeploymentHealth, Diagnosis, SmokeCheck } from '@dify-console/shared/api/deployment-health';
import { joinClauses, joinList, LOCALES, type Locale } from '@dify-console/shared/domain/i18n';
import { ProblemError } from '../../errors/problem-error';
import type { ServiceInstanceRecord } from '../../ports/deployments';
import type { DeploymentInfo, NamespaceEvent, PodInfo, WorkloadsApi, WorkloadsPort } from '../../ports/workloads';
import type { AccountContext } from '../account';
import { asNotFound } from '../deployments/deployment.service';
import { fieldParameters, regionOf } from '../deployments/mapping';
import { CONSOLE_LABELS, PROBE_NAMESPACE } from '../preflight/live/probe-job';
import { healthText, podStateWords } from './health-texts';
import { matchSignature, type Signature } from './signatures';

/**
 * The smoke test of a deployed Dify and the diagnosis of what fails. Reads the release's pods,
 * Deployments, HPA and Events in `dify-system`, asks the api's `/health` inside the cluster (the
 * API server's service proxy to Service `ack-dify-api`), and `/install` through the access entry
 * once there is one. For a failing container: its state and the last lines of its log (the
 * previous attempt's for a crash loop), matched against the signature table; a failure without a
 * known signature is shown with its evidence and no guess. A failed deployment is also diagnosed
 * from Compute Nest's own failure text.
 *
 * It runs by itself once when a deployment reaches Deployed (`autoRun`, from the deployment hub)
 * and again on demand (`run`); the result is kept in the cluster, in a ConfigMap of the console's
 * namespace (`health-<instance id>`, both languages), so any replica, after any restart, shows it.
 */

export const DIFY_NAMESPACE = 'dify-system';
export const DIFY_RELEASE = 'ack-dify';
const COMPONENTS = ['api', 'worker', 'web', 'sandbox', 'plugin-daemon', 'proxy'] as const;
const SPREAD = ['api', 'worker', 'web', 'sandbox'] as const;
const TAIL_LINES = 30;
/** Service and port of Dify's api (the chart's `ack-dify-api`, port `http-api` 5001). */
const API_SERVICE = `${DIFY_RELEASE}-api`;
const API_PORT = 'http-api';

export interface EntryInstall {
  url: string | null;
  status: 'pass' | 'fail' | 'pending';
  detail: string;
}

export interface HealthPorts {
  computeNest: { getServiceInstance(id: string): Promise<ServiceInstanceRecord> };
  kube: WorkloadsPort;
  /** `/install` through the deployment's access entry; null when there is none yet. */
  entry?: { installThroughEntry(instanceId: string, locale: Locale, record: ServiceInstanceRecord): Promise<EntryInstall | null> };
}

type Ctx = { regionId: string; clusterId: string };

/** Everything the smoke test read, before it is put into words. */
interface Observation {
  record: ServiceInstanceRecord;
  ha: boolean;
  ctx: Ctx;
  pods: PodInfo[];
  deployments: DeploymentInfo[];
  hpas: string[];
  events: NamespaceEvent[];
  /** `pod/container` → its log lines: the attempt that matters (`lines`), and the one before when it restarted. */
  logs: Map<string, { lines: string[]; previous: string[] | null }>;
  apiHealth: { status: number; body: string } | { error: string };
  install: Partial<Record<Locale, EntryInstall | null | { error: string; localized: boolean }>>;
}

/** A result before the cluster recorded it (its time is the record's). */
type Unstamped = Omit<DeploymentHealth, 'checkedAt'>;

const storeName = (instanceId: string) => `health-${instanceId}`;

export class HealthService {
  private readonly running = new Map<string, Promise<Record<Locale, DeploymentHealth>>>();

  constructor(
    private readonly ports: HealthPorts,
    private readonly account: AccountContext,
    private readonly onError: (err: unknown, instanceId: string) => void = () => undefined,
  ) {}

  /** The kept result (made when the deployment finished, or by the last "check again"), else a run now. */
  async get(instanceId: string, locale: Locale): Promise<DeploymentHealth> {
    const { record, api } = await this.target(instanceId, locale);
    const kept = await this.kept(api, instanceId, record);
    return kept?.[locale] ?? (await this.runOnce(instanceId, record, api))[locale];
  }

  /** Runs the smoke test again (on demand) and keeps the result. */
  async run(instanceId: string, locale: Locale): Promise<DeploymentHealth> {
    const { record, api } = await this.target(instanceId, locale);
    return (await this.runOnce(instanceId, record, api))[locale];
  }

  /** Once when a deployment reaches Deployed, with the record the hub read (in the background; a kept result is not redone). */
  autoRun(instanceId: string, seen: ServiceInstanceRecord): void {
    void (async () => {
      const { record, api } = await this.target(instanceId, 'en', seen);
      if (await this.kept(api, instanceId, record)) return;
      await this.runOnce(instanceId, record, api);
    })().catch((err: unknown) => this.onError(err, instanceId));
  }

  /** Waits for the runs in flight (tests, shutdown). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  private async target(instanceId: string, locale: Locale, seen?: ServiceInstanceRecord): Promise<{ record: ServiceInstanceRecord; api: WorkloadsApi }> {
    let record: ServiceInstanceRecord;
    try {
      record = seen ?? (await this.ports.computeNest.getServiceInstance(instanceId));
    } catch (err) {
      throw asNotFound(err, instanceId, locale);
    }
    if (record.Status !== 'Deployed' && record.Status !== 'DeployedFailed')
      throw new ProblemError(409, { code: 'DeploymentNotFinished', message: healthText('notFinished', locale, { id: instanceId, status: record.Status }) });
    const { clusterId, regionId } = this.where(record);
    if (!clusterId || !regionId) throw new ProblemError(409, { code: 'DeploymentWithoutCluster', message: healthText('noCluster', locale, { id: instanceId }) });
    return { record, api: this.ports.kube.workloads({ accountId: await this.account.id(), regionId, clusterId }) };
  }

  private where(record: ServiceInstanceRecord): { clusterId: string | undefined; regionId: string | undefined } {
    // Our fields from the template's names, recognised by their shape (no parameter name here).
    const clusterId = fieldParameters(record).parameters.clusterId;
    return { clusterId: typeof clusterId === 'string' ? clusterId : undefined, regionId: regionOf(record) || undefined };
  }

  /** The result kept in the cluster, when it was made for the deployment's current status. */
  private async kept(api: WorkloadsApi, instanceId: string, record: ServiceInstanceRecord): Promise<Record<Locale, DeploymentHealth> | null> {
    const stored = await api.readConfigMap(PROBE_NAMESPACE, storeName(instanceId));
    if (!stored || stored.data.deploymentStatus !== record.Status) return null;
    try {
      const out = {} as Record<Locale, DeploymentHealth>;
      for (const l of LOCALES) out[l] = { ...(JSON.parse(stored.data[l] ?? '') as Unstamped), checkedAt: stored.createdAt };
      return out;
    } catch {
      return null;
    }
  }

  /** One run per instance at a time; the result is kept for the next reader. */
  private runOnce(instanceId: string, record: ServiceInstanceRecord, api: WorkloadsApi): Promise<Record<Locale, DeploymentHealth>> {
    const key = `${instanceId}`;
    const inFlight = this.running.get(key);
    if (inFlight) return inFlight;
    const p = (async () => {
      const seen = await this.observe(instanceId, record, api);
      const data: Record<string, string> = { deploymentStatus: record.Status };
      for (const l of LOCALES) data[l] = JSON.stringify(render(seen, l));
      await api.ensureNamespace(PROBE_NAMESPACE, { ...CONSOLE_LABELS });
      await api.deleteConfigMap(PROBE_NAMESPACE, storeName(instanceId));
      // When it ran is when the cluster recorded it: the API server's clock, the one the deployment's
      // other times (Compute Nest's) are on, never the console's (the local cloud's runs fast).
      const { createdAt } = await api.createConfigMap(PROBE_NAMESPACE, storeName(instanceId), data, { ...CONSOLE_LABELS, 'app.kubernetes.io/component': 'health' });
      const out = {} as Record<Locale, DeploymentHealth>;
      for (const l of LOCALES) out[l] = { ...render(seen, l), checkedAt: createdAt };
      return out;
    })().finally(() => this.running.delete(key));
    this.running.set(key, p);
    return p;
  }

  private async observe(instanceId: string, record: ServiceInstanceRecord, api: WorkloadsApi): Promise<Observation> {
    const { clusterId = '', regionId = '' } = this.where(record);
    const selector = `app.kubernetes.io/instance=${DIFY_RELEASE}`;
    const [pods, deployments, hpas, events, apiHealth] = await Promise.all([
      api.listPods(DIFY_NAMESPACE, selector),
      api.listDeployments(DIFY_NAMESPACE, selector),
      api.listHpaNames(DIFY_NAMESPACE),
      api.listEvents(DIFY_NAMESPACE),
      api.serviceProxyGet(DIFY_NAMESPACE, API_SERVICE, API_PORT, '/health').catch((err: unknown) => ({ error: err instanceof Error ? err.message : String(err) })),
    ]);
    const logs = new Map<string, { lines: string[]; previous: string[] | null }>();
    const read = async (pod: string, container: string, previous: boolean) =>
      ((await api.readPodLog(DIFY_NAMESPACE, pod, container, { previous, tailLines: TAIL_LINES })) ?? '').split('\n').filter((l) => l.trim() !== '');
    for (const pod of pods)
      for (const c of pod.containers) {
        if (c.ready || (!c.waiting && !c.terminated && c.restartCount === 0)) continue;
        const crashed = c.waiting?.reason === 'CrashLoopBackOff' || c.restartCount > 0;
        const lines = await read(pod.name, c.name, crashed && !!c.waiting);
        // Restarted and running again: the attempt that died said why.
        const previous = crashed && !c.waiting ? await read(pod.name, c.name, true) : null;
        logs.set(`${pod.name}/${c.name}`, { lines, previous });
      }
    const install: Observation['install'] = {};
    if (record.Status === 'Deployed' && this.ports.entry)
      for (const l of LOCALES)
        install[l] = await this.ports.entry.installThroughEntry(instanceId, l, record).catch((err: unknown) => ({
          error: err instanceof Error ? err.message : String(err),
          // A ProblemError is already a sentence in this language; anything else is kept as evidence.
          localized: err instanceof ProblemError,
        }));
    return {
      record,
      ha: fieldParameters(record).parameters.highAvailability !== false,
      ctx: { regionId, clusterId },
      pods,
      deployments,
      hpas,
      events,
      logs,
      apiHealth,
      install,
    };
  }
}

/** The smoke test's checks and diagnosis, in one language. */
function render(o: Observation, locale: Locale): Unstamped {
  const t = (k: Parameters<typeof healthText>[0], p?: Record<string, string | number>) => healthText(k, locale, p);
  const { pods, ha } = o;
  const checks: SmokeCheck[] = [];
  for (const component of COMPONENTS) {
    const mine = pods.filter((p) => p.labels.component === component);
    const want = o.deployments.find((d) => d.name === `${DIFY_RELEASE}-${component}`)?.replicas ?? (ha ? 2 : 1);
    const ready = mine.filter((p) => p.containers.length > 0 && p.containers.every((c) => c.ready)).length;
    const title = t('tPods', { component });
    if (mine.length === 0) checks.push({ id: `pods.${component}`, status: 'fail', title, detail: t('podsMissing', { component }) });
    else if (ready >= want) checks.push({ id: `pods.${component}`, status: 'pass', title, detail: t('podsReady', { ready, want }) });
    else {
      const states = [...new Set(mine.map(stateOf))].map((s) => podStateWords(s, locale)).join(t('stateSeparator'));
      checks.push({ id: `pods.${component}`, status: 'fail', title, detail: t('podsNotReady', { ready, want, states }) });
    }
  }
  const hpaName = `${DIFY_RELEASE}-worker`;
  checks.push(
    !ha
      ? { id: 'hpa', status: 'pass', title: t('tHpa'), detail: t('hpaOff') }
      : o.hpas.includes(hpaName)
        ? { id: 'hpa', status: 'pass', title: t('tHpa'), detail: t('hpaOk', { name: hpaName }) }
        : { id: 'hpa', status: 'fail', title: t('tHpa'), detail: t('hpaMissing', { name: hpaName }) },
  );
  if (!ha) checks.push({ id: 'spread', status: 'pass', title: t('tSpread'), detail: t('spreadOff') });
  else {
    const nodesOf = (c: string) => new Set(pods.filter((p) => p.labels.component === c && p.nodeName).map((p) => p.nodeName));
    const lonely = SPREAD.filter((c) => pods.filter((p) => p.labels.component === c).length > 1 && nodesOf(c).size < 2);
    checks.push(
      lonely.length > 0
        ? { id: 'spread', status: 'warn', title: t('tSpread'), detail: t('spreadOne', { components: joinList(lonely, locale) }) }
        : { id: 'spread', status: 'pass', title: t('tSpread'), detail: t('spreadOk', { list: joinClauses(SPREAD.map((c) => `${c}${t('colon')}${joinList([...nodesOf(c)], locale) || '-'}`), locale) }) },
    );
  }
  checks.push(apiHealthCheck(o.apiHealth, locale));
  if (o.record.Status === 'Deployed') checks.push(installCheck(o.install[locale], locale));

  const diagnosis = diagnose(o, locale);
  if (o.record.Status === 'DeployedFailed' && o.record.StatusDetail) {
    // Compute Nest's own failure text: shown when it says more than the pods do.
    const known = matchSignature('log', o.record.StatusDetail);
    const covered = known ? diagnosis.some((d) => d.signature === known.id) : diagnosis.some((d) => d.signature !== null);
    if (!covered) diagnosis.unshift(toDiagnosis(known, 'deployment', null, o.record.StatusDetail, locale, o.ctx));
  }
  const healthy = o.record.Status === 'Deployed' && checks.every((c) => c.status !== 'fail') && diagnosis.length === 0;
  return { status: healthy ? 'healthy' : 'unhealthy', checks, diagnosis };
}

/** Dify's api answers `{"status": "ok", "version": …}` on /health (ext_app_metrics). */
function apiHealthCheck(h: Observation['apiHealth'], locale: Locale): SmokeCheck {
  const title = healthText('tApiHealth', locale, { service: API_SERVICE });
  if ('error' in h) return { id: 'api.health', status: 'fail', title, detail: healthText('apiHealthUnreachable', locale), evidence: h.error };
  let body: { status?: unknown; version?: unknown } = {};
  try {
    body = JSON.parse(h.body) as typeof body;
  } catch {
    // not Dify's JSON
  }
  if (h.status === 200 && body.status === 'ok')
    return { id: 'api.health', status: 'pass', title, detail: healthText('apiHealthOk', locale, { version: typeof body.version === 'string' ? body.version : '?' }) };
  return { id: 'api.health', status: 'fail', title, detail: healthText('apiHealthFail', locale, { status: h.status }), evidence: h.body.slice(0, 200) };
}

export function installCheck(i: EntryInstall | null | { error: string; localized: boolean } | undefined, locale: Locale): SmokeCheck {
  const title = healthText('tInstall', locale);
  if (i === undefined || i === null) return { id: 'install', status: 'warn', title, detail: healthText('installNoEntry', locale) };
  if ('error' in i)
    return i.localized
      ? { id: 'install', status: 'warn', title, detail: i.error }
      : { id: 'install', status: 'warn', title, detail: healthText('installError', locale), evidence: i.error };
  if (i.status === 'pending') return { id: 'install', status: 'warn', title, detail: healthText('installPending', locale, { reason: i.detail }) };
  return { id: 'install', status: i.status, title, detail: i.detail };
}

/** One entry per failing container (the same signature of the same component once). */
function diagnose(o: Observation, locale: Locale): Diagnosis[] {
  const out: Diagnosis[] = [];
  const seen = new Set<string>();
  const add = (d: Diagnosis) => {
    const key = `${d.component}|${d.signature ?? d.evidence}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(d);
  };
  for (const pod of o.pods) {
    const component = pod.labels.component ?? pod.name;
    const scheduled = pod.conditions.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False') {
      const ev = o.events.filter((e) => e.involvedName === pod.name && e.reason === 'FailedScheduling').pop();
      const evidence = ev?.message ?? scheduled.message;
      add(toDiagnosis(matchSignature('event', evidence), component, pod.name, evidence, locale, o.ctx));
      continue;
    }
    for (const c of pod.containers) {
      if (c.ready) continue;
      const state = c.waiting ? `${c.waiting.reason}: ${c.waiting.message}` : c.terminated ? `${c.terminated.reason}: exit code ${c.terminated.exitCode}` : '';
      const last = c.lastTerminated ? `${c.lastTerminated.reason}: exit code ${c.lastTerminated.exitCode}` : '';
      const byState = matchSignature('state', state) ?? matchSignature('state', last);
      if (byState) {
        // A pull failure says why in the kubelet's Failed event ("Failed to pull image …: <the error>").
        const pullEvent =
          byState.id === 'image.pull'
            ? o.events.filter((e) => e.involvedName === pod.name && e.reason === 'Failed' && e.message.startsWith('Failed to pull image')).pop()
            : undefined;
        add(toDiagnosis(byState, component, pod.name, pullEvent?.message ?? (byState.pattern.test(state) ? state : last), locale, o.ctx));
        continue;
      }
      const log = o.logs.get(`${pod.name}/${c.name}`);
      if (!log) continue; // starting: not a failure yet
      const found = lastKnown(log.lines) ?? lastKnown(log.previous ?? []);
      if (found) add(toDiagnosis(found.sig, component, pod.name, found.line, locale, o.ctx));
      else add(toDiagnosis(undefined, component, pod.name, log.lines.slice(-3).join('\n') || state || last, locale, o.ctx));
    }
  }
  return out;
}

/** The last line of a log that matches a known signature. */
function lastKnown(lines: readonly string[]): { sig: Signature; line: string } | undefined {
  for (const line of [...lines].reverse()) {
    const sig = matchSignature('log', line);
    if (sig) return { sig, line };
  }
  return undefined;
}

function stateOf(p: PodInfo): string {
  const c = p.containers.find((x) => !x.ready);
  if (!c) return p.phase;
  return c.waiting?.reason ?? c.terminated?.reason ?? (p.phase === 'Running' ? 'NotReady' : p.phase);
}

function toDiagnosis(sig: Signature | undefined, component: string, pod: string | null, evidence: string, locale: Locale, ctx: Ctx): Diagnosis {
  if (!sig) return { signature: null, component, pod, explanation: null, evidence, fix: null };
  const f = sig.fix;
  const fix =
    f.kind === 'field'
      ? { kind: 'field' as const, field: f.field }
      : f.kind === 'whitelist'
        ? { kind: 'whitelist' as const, target: f.target }
        : f.kind === 'link'
          ? { kind: 'link' as const, label: f.label[locale], url: f.url(ctx) }
          : { kind: 'text' as const, text: f.text[locale] };
  return { signature: sig.id, component, pod, explanation: sig.explanation[locale], evidence, fix };
}
