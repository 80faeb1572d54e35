import type { DeploymentHealth, Diagnosis, SmokeCheck } from '@dify-console/shared/api/deployment-health';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { ProblemError } from '../../errors/problem-error';
import type { ServiceInstanceRecord } from '../../ports/deployments';
import type { NamespaceEvent, PodInfo, WorkloadsApi, WorkloadsPort } from '../../ports/workloads';
import type { AccountContext } from '../account';
import { asNotFound } from '../deployments/deployment.service';
import { fieldParameters, regionOf } from '../deployments/mapping';
import { healthText, podStateWords } from './health-texts';
import { matchSignature, type Signature } from './signatures';

/**
 * The smoke test of a deployed Dify and the diagnosis of what fails. Reads the release's pods,
 * Deployments, HPA and Events in `dify-system`; for a failing container, its state and the last
 * lines of its log (the previous attempt's for a crash loop), matched against the signature table.
 * A failure without a known signature is shown with its evidence and no guess. A failed
 * deployment is also diagnosed from Compute Nest's own failure text.
 */

export const DIFY_NAMESPACE = 'dify-system';
export const DIFY_RELEASE = 'ack-dify';
const COMPONENTS = ['api', 'worker', 'web', 'sandbox', 'plugin-daemon', 'proxy'] as const;
const SPREAD = ['api', 'worker', 'web', 'sandbox'] as const;
const TAIL_LINES = 30;

export interface HealthPorts {
  computeNest: { getServiceInstance(id: string): Promise<ServiceInstanceRecord> };
  kube: WorkloadsPort;
}

export class HealthService {
  constructor(
    private readonly ports: HealthPorts,
    private readonly account: AccountContext,
    private readonly now: () => number = Date.now,
  ) {}

  async get(instanceId: string, locale: Locale): Promise<DeploymentHealth> {
    let record: ServiceInstanceRecord;
    try {
      record = await this.ports.computeNest.getServiceInstance(instanceId);
    } catch (err) {
      throw asNotFound(err, instanceId, locale);
    }
    if (record.Status !== 'Deployed' && record.Status !== 'DeployedFailed')
      throw new ProblemError(409, { code: 'DeploymentNotFinished', message: healthText('notFinished', locale, { id: instanceId, status: record.Status }) });
    // Our fields from the template's names, recognised by their shape (no parameter name here).
    const { parameters } = fieldParameters(record);
    const clusterId = parameters.clusterId;
    const regionId = regionOf(record) || undefined;
    if (typeof clusterId !== 'string' || typeof regionId !== 'string')
      throw new ProblemError(409, { code: 'DeploymentWithoutCluster', message: healthText('noCluster', locale, { id: instanceId }) });
    const ha = parameters.highAvailability !== false;
    const api = this.ports.kube.workloads({ accountId: await this.account.id(), regionId, clusterId });

    const [pods, deployments, hpas, events] = await Promise.all([
      api.listPods(DIFY_NAMESPACE, `app.kubernetes.io/instance=${DIFY_RELEASE}`),
      api.listDeployments(DIFY_NAMESPACE, `app.kubernetes.io/instance=${DIFY_RELEASE}`),
      api.listHpaNames(DIFY_NAMESPACE),
      api.listEvents(DIFY_NAMESPACE),
    ]);
    const t = (k: Parameters<typeof healthText>[0], p?: Record<string, string | number>) => healthText(k, locale, p);
    const ctx = { regionId, clusterId };

    const checks: SmokeCheck[] = [];
    for (const component of COMPONENTS) {
      const mine = pods.filter((p) => p.labels.component === component);
      const want = deployments.find((d) => d.name === `${DIFY_RELEASE}-${component}`)?.replicas ?? (ha ? 2 : 1);
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
        : hpas.includes(hpaName)
          ? { id: 'hpa', status: 'pass', title: t('tHpa'), detail: t('hpaOk', { name: hpaName }) }
          : { id: 'hpa', status: 'fail', title: t('tHpa'), detail: t('hpaMissing', { name: hpaName }) },
    );
    if (!ha) checks.push({ id: 'spread', status: 'pass', title: t('tSpread'), detail: t('spreadOff') });
    else {
      const nodesOf = (c: string) => new Set(pods.filter((p) => p.labels.component === c && p.nodeName).map((p) => p.nodeName));
      const lonely = SPREAD.filter((c) => pods.filter((p) => p.labels.component === c).length > 1 && nodesOf(c).size < 2);
      checks.push(
        lonely.length > 0
          ? { id: 'spread', status: 'warn', title: t('tSpread'), detail: t('spreadOne', { components: lonely.join(', ') }) }
          : { id: 'spread', status: 'pass', title: t('tSpread'), detail: t('spreadOk', { list: SPREAD.map((c) => `${c}: ${[...nodesOf(c)].join(', ') || '-'}`).join('; ') }) },
      );
    }

    const diagnosis = await this.diagnose(api, pods, events, locale, ctx);
    if (record.Status === 'DeployedFailed' && record.StatusDetail) {
      // Compute Nest's own failure text: shown when it says more than the pods do.
      const known = matchSignature('log', record.StatusDetail);
      const covered = known ? diagnosis.some((d) => d.signature === known.id) : diagnosis.some((d) => d.signature !== null);
      if (!covered) diagnosis.unshift(toDiagnosis(known, 'deployment', null, record.StatusDetail, locale, ctx));
    }
    const healthy = record.Status === 'Deployed' && checks.every((c) => c.status !== 'fail') && diagnosis.length === 0;
    return { status: healthy ? 'healthy' : 'unhealthy', checks, diagnosis, checkedAt: new Date(this.now()).toISOString() };
  }

  /** One entry per failing container (the same signature of the same component once). */
  private async diagnose(
    api: WorkloadsApi,
    pods: PodInfo[],
    events: NamespaceEvent[],
    locale: Locale,
    ctx: { regionId: string; clusterId: string },
  ): Promise<Diagnosis[]> {
    const out: Diagnosis[] = [];
    const seen = new Set<string>();
    const add = (d: Diagnosis) => {
      const key = `${d.component}|${d.signature ?? d.evidence}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(d);
    };
    for (const pod of pods) {
      const component = pod.labels.component ?? pod.name;
      const scheduled = pod.conditions.find((c) => c.type === 'PodScheduled');
      if (scheduled?.status === 'False') {
        const ev = events.filter((e) => e.involvedName === pod.name && e.reason === 'FailedScheduling').pop();
        const evidence = ev?.message ?? scheduled.message;
        add(toDiagnosis(matchSignature('event', evidence), component, pod.name, evidence, locale, ctx));
        continue;
      }
      for (const c of pod.containers) {
        if (c.ready) continue;
        const state = c.waiting ? `${c.waiting.reason}: ${c.waiting.message}` : c.terminated ? `${c.terminated.reason}: exit code ${c.terminated.exitCode}` : '';
        const last = c.lastTerminated ? `${c.lastTerminated.reason}: exit code ${c.lastTerminated.exitCode}` : '';
        const byState = matchSignature('state', state) ?? matchSignature('state', last);
        if (byState) {
          // A pull failure says why in the kubelet's Failed event ("Failed to pull image …: <the error>").
          const pullEvent = byState.id === 'image.pull' ? events.filter((e) => e.involvedName === pod.name && e.reason === 'Failed' && e.message.startsWith('Failed to pull image')).pop() : undefined;
          add(toDiagnosis(byState, component, pod.name, pullEvent?.message ?? (byState.pattern.test(state) ? state : last), locale, ctx));
          continue;
        }
        if (!c.waiting && !c.terminated && c.restartCount === 0) continue; // starting: not a failure yet
        const crashed = c.waiting?.reason === 'CrashLoopBackOff' || c.restartCount > 0;
        const read = async (previous: boolean) =>
          ((await api.readPodLog(DIFY_NAMESPACE, pod.name, c.name, { previous, tailLines: TAIL_LINES })) ?? '').split('\n').filter((l) => l.trim() !== '');
        let lines = await read(crashed && !!c.waiting);
        let found = lastKnown(lines);
        // Restarted and running again: the attempt that died said why.
        if (!found && crashed && !c.waiting) {
          const before = await read(true);
          found = lastKnown(before);
          if (found) lines = before;
        }
        if (found) add(toDiagnosis(found.sig, component, pod.name, found.line, locale, ctx));
        else add(toDiagnosis(undefined, component, pod.name, lines.slice(-3).join('\n') || state || last, locale, ctx));
      }
    }
    return out;
  }
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

function toDiagnosis(
  sig: Signature | undefined,
  component: string,
  pod: string | null,
  evidence: string,
  locale: Locale,
  ctx: { regionId: string; clusterId: string },
): Diagnosis {
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
