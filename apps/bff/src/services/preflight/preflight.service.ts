import type { PreflightCheck, PreflightRequest, PreflightResult, Prerequisites } from '@dify-console/shared/api/preflight';
import { CHECK_GROUPS } from '@dify-console/shared/api/preflight';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { isCloudError } from '../../errors/cloud-error';
import { cloudEvidence, permissionOf, reasonOf } from '../../errors/cloud-problem';
import type { PreflightPorts } from '../../ports/preflight';
import { CannotVerify, isForbidden, once, type CheckContext, type CheckDef } from './check';
import { clusterChecks } from './checks/cluster';
import { computeNestChecks } from './checks/compute-nest';
import { identityChecks } from './checks/identity';
import { milvusChecks } from './checks/milvus';
import { postgresChecks } from './checks/postgres';
import { redisChecks } from './checks/redis';
import { topologyChecks } from './checks/topology';
import { runFacts } from './facts';
import { PrerequisitesService } from './prerequisites.service';
import { text } from './texts';
import { WhitelistFixService } from './whitelist-fix.service';
import type { Target } from './whitelist';

/** The live group (live/live-probe.ts): answers at once, `running` until the probe Job is done. */
export interface LiveChecks {
  checks(accountId: string, request: PreflightRequest, locale: Locale): PreflightCheck[];
  /** Drops what the probes of a cluster found (after a fix that changes it). */
  forget(accountId: string, clusterId: string): void;
}

export interface PreflightOptions {
  live?: LiveChecks;
  /** Per check (its cloud and cluster calls together). */
  checkTimeoutMs?: number;
  now?: () => number;
}

/** The check groups, in the order of the page. */
const GROUPS: ((ctx: CheckContext) => CheckDef[])[] = [identityChecks, computeNestChecks, topologyChecks, clusterChecks, postgresChecks, redisChecks, milvusChecks];

/**
 * The pre-flight checks before the quote: identity and permissions, Compute Nest's own checks and
 * dry run, the VPC topology, the cluster, PostgreSQL, Redis and Milvus, all at once, each under a
 * short deadline. A check whose cloud call fails is a warn ("could not verify"), never a crash.
 * The whitelist fix and the prerequisites are their own services, reached through this one.
 */
export class PreflightService {
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly live: LiveChecks | undefined;
  private readonly whitelistFix: WhitelistFixService;
  private readonly prerequisitesService: PrerequisitesService;

  constructor(
    private readonly ports: PreflightPorts,
    options: PreflightOptions = {},
  ) {
    this.timeoutMs = options.checkTimeoutMs ?? 8000;
    this.now = options.now ?? Date.now;
    this.live = options.live;
    this.whitelistFix = new WhitelistFixService(ports);
    this.prerequisitesService = new PrerequisitesService(ports);
  }

  async run(request: PreflightRequest, locale: Locale): Promise<PreflightResult> {
    const started = performance.now();
    const ctx: CheckContext = {
      request,
      locale,
      t: (k, params) => text(k, locale, params),
      ports: this.ports,
      facts: runFacts(this.ports, request),
      order: once(() => this.ports.template.orderParameters(request, locale)),
    };
    const defs = GROUPS.flatMap((group) => group(ctx));
    const checks = await Promise.all(defs.map((d) => this.guard(d, locale)));
    if (this.live) {
      const accountId = await ctx.facts.caller().then(
        (c) => c.AccountId,
        () => null,
      );
      if (accountId) checks.push(...this.live.checks(accountId, request, locale));
    }
    checks.sort((a, b) => CHECK_GROUPS.indexOf(a.group) - CHECK_GROUPS.indexOf(b.group));
    const summary = { pass: 0, warn: 0, fail: 0, running: 0 };
    for (const c of checks) summary[c.status] += 1;
    return { checks, summary, durationMs: Math.round(performance.now() - started), checkedAt: new Date(this.now()).toISOString() };
  }

  async applyWhitelistFix(
    input: { regionId: string; target: Target; instanceId: string; clusterId: string },
    locale: Locale,
  ): Promise<{ instanceId: string; groupName: string; added: string[] }> {
    const done = await this.whitelistFix.apply(input, locale);
    // What the live probe found before (a login that timed out) is stale now: the next run probes again.
    if (this.live) this.live.forget((await this.ports.caller.getCallerIdentity()).AccountId, input.clusterId);
    return done;
  }

  prerequisites(locale: Locale): Promise<Prerequisites> {
    return this.prerequisitesService.get(locale);
  }

  private async guard(def: CheckDef, locale: Locale): Promise<PreflightCheck> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CannotVerify('timedOut', { seconds: this.timeoutMs / 1000 })), this.timeoutMs);
    });
    try {
      const outcome = await Promise.race([def.run(), deadline]);
      return { id: def.id, group: def.group, title: def.title, ...outcome };
    } catch (err) {
      const evidence = isCloudError(err) ? cloudEvidence(err) : undefined;
      return { id: def.id, group: def.group, title: def.title, status: 'warn', detail: text('couldNotVerify', locale, { reason: this.reason(err, locale) }), ...(evidence ? { evidence } : {}) };
    } finally {
      clearTimeout(timer);
    }
  }

  private reason(err: unknown, locale: Locale): string {
    if (err instanceof CannotVerify) return text(err.key, locale, err.params);
    if (isCloudError(err)) {
      if (isForbidden(err) && err.product !== 'kubernetes') return text('forbiddenReason', locale, { action: permissionOf(err), code: err.code });
    }
    return reasonOf(err, locale);
  }
}
