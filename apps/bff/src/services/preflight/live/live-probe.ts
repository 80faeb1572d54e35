import { createHmac, randomBytes } from 'node:crypto';
import type { PreflightCheck, PreflightRequest } from '@dify-console/shared/api/preflight';
import { joinList, type Locale } from '@dify-console/shared/domain/i18n';
import { isCloudError } from '../../../errors/cloud-error';
import { cloudEvidence, reasonOf } from '../../../errors/cloud-problem';
import type { ClusterRef } from '../../../ports/access';
import type { LiveProbePorts, WorkloadsApi } from '../../../ports/workloads';
import { buildProbeJob, CONSOLE_LABELS, PROBE_DEADLINE_S, PROBE_NAMESPACE, PROBE_SCRIPT, probeSecretValues, type ProbeTargets } from './probe-job';
import { parseProbeLog, type ProbeLine } from './probe-lines';
import { liveText, type LiveTextKey } from './live-texts';

/**
 * The "live" group of the pre-flight checks: a probe Job in the chosen cluster tries what Dify
 * will do (DNS, PostgreSQL login and databases, Redis AUTH and Celery's BRPOP, Milvus login) and
 * reports one line per check. `checks()` answers at once: `running` while the Job runs (the same
 * parameters reuse it), then its results, kept for a while; `rerunProbe` starts a new one.
 * Runs are keyed by an HMAC (a per-process key) of everything the probe depends on, passwords
 * included, so a changed password runs again and the key reveals nothing. Never logged.
 * A probe that cannot run (image pull, no finish in 60 s, API refusal) is a warn: the order stays possible.
 */

export type ProbeOutcome =
  | { kind: 'lines'; lines: Map<string, ProbeLine> }
  | { kind: 'imagePull'; message: string }
  | { kind: 'config'; message: string }
  | { kind: 'unschedulable'; message: string }
  | { kind: 'timeout' }
  /** The cloud or the cluster refused a call (said in the reader's language), or anything else. */
  | { kind: 'error'; error: unknown }
  | { kind: 'notRunning' };

interface Run {
  accountId: string;
  clusterId: string;
  startedAt: number;
  finishedAt?: number;
  outcome?: ProbeOutcome;
}

export interface LiveProbeOptions {
  image: string;
  /** Between two looks at the Job (default 1 s). */
  pollMs?: number;
  /** Wall time the probe may take before it is reported unfinished (default 60 s). */
  limitMs?: number;
  /** How long finished results are kept (default 10 min). */
  keepMs?: number;
  now?: () => number;
}

const IMAGE_PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const splitHostPort = (endpoint: string, fallback: number) => {
  const bare = endpoint.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  const m = /^(.*?)(?::(\d+))?$/.exec(bare);
  return { host: m?.[1] ?? bare, port: m?.[2] ? Number(m[2]) : fallback };
};

export class LiveProbe {
  private readonly runs = new Map<string, Run>();
  private readonly hmacKey = randomBytes(32);
  private readonly pollMs: number;
  private readonly limitMs: number;
  private readonly keepMs: number;
  private readonly now: () => number;

  constructor(
    private readonly ports: LiveProbePorts,
    private readonly options: LiveProbeOptions,
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.limitMs = options.limitMs ?? PROBE_DEADLINE_S * 1000;
    this.keepMs = options.keepMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  private key(accountId: string, request: PreflightRequest): string {
    const p = request.parameters as Record<string, unknown>;
    const params = Object.keys(p)
      .sort()
      .map((k) => [k, p[k]]);
    return createHmac('sha256', this.hmacKey)
      .update(JSON.stringify([accountId, request.regionId, request.templateName, params, this.options.image]))
      .digest('hex');
  }

  /**
   * Forgets every probe of a cluster (a whitelist was just fixed: what it found is out of date);
   * the next look starts a new one. A probe still running finishes and cleans up unseen.
   */
  forget(accountId: string, clusterId: string): void {
    for (const [k, r] of this.runs) if (r.accountId === accountId && r.clusterId === clusterId) this.runs.delete(k);
  }

  /** The live checks for this request: starts (or reuses) the probe; `running` until it is known. */
  checks(accountId: string, request: PreflightRequest, locale: Locale): PreflightCheck[] {
    const now = this.now();
    for (const [k, r] of this.runs) if (r.finishedAt !== undefined && now - r.finishedAt > this.keepMs) this.runs.delete(k);
    const key = this.key(accountId, request);
    let run = this.runs.get(key);
    if (!run || (run.outcome && request.rerunProbe)) {
      const fresh: Run = { accountId, clusterId: request.parameters.clusterId, startedAt: now };
      run = fresh;
      this.runs.set(key, fresh);
      void this.execute({ accountId, regionId: request.regionId, clusterId: request.parameters.clusterId }, request).then((outcome) => {
        fresh.outcome = outcome;
        fresh.finishedAt = this.now();
      });
    }
    return run.outcome ? toChecks(run.outcome, request, locale, this.options.image) : runningChecks(locale);
  }

  /** Resolves the addresses, runs the Job, reads its log, and always removes Job, Secret and script. */
  private async execute(ref: ClusterRef, request: PreflightRequest): Promise<ProbeOutcome> {
    const p = request.parameters;
    let api: WorkloadsApi | undefined;
    const id = randomBytes(4).toString('hex');
    const names = { job: `probe-${id}`, secret: `probe-${id}`, script: `probe-${id}-script` };
    try {
      const cluster = await this.ports.clusters.describeClusterDetail(ref.regionId, ref.clusterId);
      if (cluster.state !== 'running') return { kind: 'notRunning' };
      const [pg, redis] = await Promise.all([
        this.ports.rds.describeDBInstanceAttribute(ref.regionId, p.postgresInstanceId),
        this.ports.redis.describeInstanceAttribute(ref.regionId, p.redisInstanceId),
      ]);
      const milvus = splitHostPort(p.milvusEndpoint, 19530);
      const targets: ProbeTargets = {
        pg: { host: pg?.ConnectionString ?? '', port: Number(pg?.Port ?? 5432) || 5432, user: p.postgresAccount, password: p.postgresPassword },
        redis: { host: redis?.ConnectionDomain ?? '', port: redis?.Port ?? 6379, password: p.redisPassword },
        milvus: { host: milvus.host, port: milvus.port, user: p.milvusUser, password: p.milvusPassword },
      };
      api = this.ports.kube.workloads(ref);
      await api.ensureNamespace(PROBE_NAMESPACE, { ...CONSOLE_LABELS });
      await api.createSecret(PROBE_NAMESPACE, names.secret, probeSecretValues(targets), { ...CONSOLE_LABELS });
      await api.createConfigMap(PROBE_NAMESPACE, names.script, { 'probe.sh': PROBE_SCRIPT }, { ...CONSOLE_LABELS });
      await api.createJob(PROBE_NAMESPACE, buildProbeJob({ name: names.job, secretName: names.secret, scriptName: names.script, image: this.options.image, targets }));
      return await this.watch(api, names.job);
    } catch (err) {
      return { kind: 'error', error: err };
    } finally {
      if (api) {
        const a = api;
        await Promise.allSettled([a.deleteJob(PROBE_NAMESPACE, names.job), a.deleteSecret(PROBE_NAMESPACE, names.secret), a.deleteConfigMap(PROBE_NAMESPACE, names.script)]);
      }
    }
  }

  private async watch(api: WorkloadsApi, job: string): Promise<ProbeOutcome> {
    const until = this.now() + this.limitMs;
    let log = '';
    let unschedulable = '';
    for (;;) {
      const [status, pods] = await Promise.all([api.readJob(PROBE_NAMESPACE, job), api.listPods(PROBE_NAMESPACE, `job-name=${job}`)]);
      const pod = pods[0];
      const c = pod?.containers[0];
      if (c?.waiting && IMAGE_PULL.has(c.waiting.reason)) {
        const events = await api.listEvents(PROBE_NAMESPACE).catch(() => []);
        const pull = events.filter((e) => e.involvedName === pod?.name && e.reason === 'Failed' && e.message.startsWith('Failed to pull')).pop();
        return { kind: 'imagePull', message: pull?.message ?? (c.waiting.message || c.waiting.reason) };
      }
      if (c?.waiting?.reason === 'CreateContainerConfigError') return { kind: 'config', message: c.waiting.message || c.waiting.reason };
      const scheduled = pod?.conditions.find((x) => x.type === 'PodScheduled');
      if (scheduled?.status === 'False') unschedulable = scheduled.message || scheduled.reason;
      // Read the log as soon as the container ran: the Job may be gone (TTL) by the next look.
      if (pod && (c?.terminated || pod.phase === 'Succeeded' || pod.phase === 'Failed')) log = (await api.readPodLog(PROBE_NAMESPACE, pod.name, 'probe')) ?? log;
      const done = status?.conditions.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
      if (done?.type === 'Complete' || (!status && log)) return { kind: 'lines', lines: parseProbeLog(log) };
      if (done?.type === 'Failed') {
        if (log) return { kind: 'lines', lines: parseProbeLog(log) };
        // The deadline removed the pod before it was seen waiting: its Events still tell why.
        const events = await api.listEvents(PROBE_NAMESPACE).catch(() => []);
        const pull = events.filter((e) => e.involvedName.startsWith(`${job}-`) && e.reason === 'Failed' && e.message.startsWith('Failed to pull')).pop();
        return pull ? { kind: 'imagePull', message: pull.message } : { kind: 'timeout' };
      }
      if (this.now() >= until) return unschedulable ? { kind: 'unschedulable', message: unschedulable } : { kind: 'timeout' };
      await sleep(this.pollMs);
    }
  }
}

// ── outcome → checks ──

type Status = PreflightCheck['status'];
const LIVE_CHECKS: { id: string; title: LiveTextKey }[] = [
  { id: 'live.dns', title: 'tDns' },
  { id: 'live.postgres.login', title: 'tPgLogin' },
  { id: 'live.postgres.databases', title: 'tPgDatabases' },
  { id: 'live.redis.auth', title: 'tRedisAuth' },
  { id: 'live.redis.mode', title: 'tRedisMode' },
  { id: 'live.milvus.login', title: 'tMilvusLogin' },
];

export function runningChecks(locale: Locale): PreflightCheck[] {
  return LIVE_CHECKS.map((c) => ({ id: c.id, group: 'live', status: 'running', title: liveText(c.title, locale), detail: liveText('running', locale) }));
}

export function toChecks(outcome: ProbeOutcome, request: PreflightRequest, locale: Locale, image: string): PreflightCheck[] {
  const t = (k: LiveTextKey, params?: Record<string, string | number>) => liveText(k, locale, params);
  if (outcome.kind !== 'lines') {
    const reason =
      outcome.kind === 'imagePull'
        ? t('imagePull', { image })
        : outcome.kind === 'config'
          ? t('configError')
          : outcome.kind === 'unschedulable'
            ? t('unschedulable')
            : outcome.kind === 'timeout'
              ? t('timeout', { seconds: PROBE_DEADLINE_S })
              : outcome.kind === 'notRunning'
                ? t('notRun', { reason: t('clusterNotRunning') })
                : t('apiError', { message: reasonOf(outcome.error, locale) });
    // The cluster's own words (a pull error, the scheduler's, the API server's) apart, verbatim.
    const evidence =
      outcome.kind === 'imagePull' || outcome.kind === 'config' || outcome.kind === 'unschedulable'
        ? outcome.message
        : outcome.kind === 'error' && isCloudError(outcome.error)
          ? cloudEvidence(outcome.error)
          : undefined;
    return [{ id: 'live.probe', group: 'live', status: 'warn', title: t('tProbe'), detail: reason, ...(evidence ? { evidence } : {}) }];
  }
  const p = request.parameters;
  const lines = outcome.lines;
  const mk = (id: string, title: LiveTextKey, status: Status, detail: string, field?: string): PreflightCheck => ({
    id,
    group: 'live',
    status,
    title: t(title),
    detail,
    ...(field ? { field } : {}),
  });
  const line = (check: string) => lines.get(check);
  const missing = (id: string, title: LiveTextKey) => mk(id, title, 'warn', t('missingLine'));
  const out: PreflightCheck[] = [];

  // DNS
  const dns = (['postgres', 'redis', 'milvus'] as const).map((k) => ({ k, l: line(`dns.${k}`) }));
  const dnsField = { postgres: 'postgresInstanceId', redis: 'redisInstanceId', milvus: 'milvusEndpoint' } as const;
  const badDns = dns.find((d) => d.l && !d.l.ok);
  if (dns.some((d) => !d.l)) out.push(missing('live.dns', 'tDns'));
  else if (badDns) out.push(mk('live.dns', 'tDns', 'fail', t('dnsFail', { host: badDns.l?.detail.split(':')[0] ?? '' }), dnsField[badDns.k]));
  else out.push(mk('live.dns', 'tDns', 'pass', t('dnsOk', { list: joinList(dns.map((d) => d.l?.detail ?? ''), locale) })));

  // PostgreSQL
  const login = line('postgres.login');
  if (!login) out.push(missing('live.postgres.login', 'tPgLogin'));
  else if (login.ok) out.push(mk('live.postgres.login', 'tPgLogin', 'pass', t('pgOk', { version: /^server (\S+)/.exec(login.detail)?.[1] ?? '?' })));
  else if (login.code === 'auth') out.push(mk('live.postgres.login', 'tPgLogin', 'fail', t('pgAuth', { user: p.postgresAccount, detail: login.detail }), 'postgresPassword'));
  else if (login.code === 'pg_hba') out.push(mk('live.postgres.login', 'tPgLogin', 'fail', t('pgHba', { detail: login.detail }), 'postgresInstanceId'));
  else if (login.code === 'timeout' || login.code === 'refused')
    out.push(mk('live.postgres.login', 'tPgLogin', 'fail', t('pgTimeout', { detail: login.detail }), 'postgresInstanceId'));
  else out.push(mk('live.postgres.login', 'tPgLogin', 'fail', t('pgOther', { detail: login.detail }), 'postgresInstanceId'));
  const dbs = ['dify', 'dify_plugin'].map((db) => ({ db, l: line(`postgres.db.${db}`) }));
  const denied = dbs.find((d) => d.l?.code === 'denied');
  if (dbs.some((d) => !d.l)) out.push(missing('live.postgres.databases', 'tPgDatabases'));
  else if (dbs.some((d) => d.l?.code === 'skipped')) out.push(mk('live.postgres.databases', 'tPgDatabases', 'warn', t('skipped', { reason: t('tPgLogin') })));
  else if (denied) out.push(mk('live.postgres.databases', 'tPgDatabases', 'fail', t('dbDenied', { user: p.postgresAccount, db: denied.db }), 'postgresAccount'));
  else out.push(mk('live.postgres.databases', 'tPgDatabases', 'pass', dbs.map((d) => t(d.l?.code === 'exists' ? 'dbExists' : 'dbCreatable', { db: d.db })).join(t('listSeparator'))));

  // Redis
  const auth = line('redis.auth');
  if (!auth) out.push(missing('live.redis.auth', 'tRedisAuth'));
  else if (auth.ok) out.push(mk('live.redis.auth', 'tRedisAuth', 'pass', t('redisOk')));
  else if (auth.code === 'wrongpass' || auth.code === 'noauth')
    out.push(mk('live.redis.auth', 'tRedisAuth', 'fail', t('redisWrongPass', { detail: auth.detail }), 'redisPassword'));
  else if (auth.code === 'timeout' || auth.code === 'refused')
    out.push(mk('live.redis.auth', 'tRedisAuth', 'fail', t('redisTimeout', { detail: auth.detail }), 'redisInstanceId'));
  else out.push(mk('live.redis.auth', 'tRedisAuth', 'fail', t('redisOther', { detail: auth.detail }), 'redisInstanceId'));
  const mode = line('redis.mode');
  const trip = line('redis.roundtrip');
  if (!mode || !trip) out.push(missing('live.redis.mode', 'tRedisMode'));
  else if (mode.code === 'skipped') out.push(mk('live.redis.mode', 'tRedisMode', 'warn', t('skipped', { reason: t('tRedisAuth') })));
  else if (mode.code === 'crossslot') out.push(mk('live.redis.mode', 'tRedisMode', 'fail', t('modeCrossSlot', { detail: mode.detail }), 'redisInstanceId'));
  else if (!mode.ok || !trip.ok) out.push(mk('live.redis.mode', 'tRedisMode', 'fail', t('modeOther', { detail: mode.ok ? trip.detail : mode.detail }), 'redisInstanceId'));
  else out.push(mk('live.redis.mode', 'tRedisMode', 'pass', t('modeOk')));

  // Milvus
  const mv = line('milvus.login');
  if (!mv) out.push(missing('live.milvus.login', 'tMilvusLogin'));
  else if (mv.ok) out.push(mk('live.milvus.login', 'tMilvusLogin', 'pass', t('milvusOk')));
  else if (mv.code === 'auth') out.push(mk('live.milvus.login', 'tMilvusLogin', 'fail', t('milvusAuth', { user: p.milvusUser, detail: mv.detail }), 'milvusPassword'));
  else out.push(mk('live.milvus.login', 'tMilvusLogin', 'fail', t('milvusUnreachable', { detail: mv.detail }), 'milvusEndpoint'));
  return out;
}
