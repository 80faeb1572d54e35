import type { AccessCheck } from '@dify-console/shared/api/access';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { TtlCache } from '../../lib/utils';
import type { EdgePort, EdgeTarget } from '../../ports/access';
import { t, type TextKey } from './texts';

/**
 * Checks THROUGH an entry's address that Dify is usable there, as a user's browser would find it:
 *  - install: Dify's set-up page answers (`/install`, and Dify's own `GET /console/api/setup`);
 *  - upload: a body larger than ingress-nginx's 1 MB default, within Dify's 15 MB upload limit,
 *    is not refused with 413;
 *  - streaming: server-sent events arrive spread over time, not in one lump.
 * They run in the background once the address is known (a GET never waits for them), with short
 * timeouts, and their results are kept briefly per entry version.
 */

export const UPLOAD_PROBE_BYTES = 5 * 1024 * 1024;
export const STREAM_EVENTS = 5;
export const STREAM_INTERVAL_MS = 150;
const UPLOAD_PATH = '/console/api/files/upload';
const SETUP_PATH = '/console/api/setup';
const STREAM_PATH = `/console/api/stream-probe?events=${STREAM_EVENTS}&interval=${STREAM_INTERVAL_MS}`;

export type CheckId = AccessCheck['id'];
interface Outcome {
  id: CheckId;
  status: 'pass' | 'fail';
  detail: TextKey;
  params: Record<string, string | number>;
}

export interface CheckerOptions {
  timeoutMs?: number;
  /** How long results are kept: passing ones, failing ones (retried sooner). */
  passTtlMs?: number;
  failTtlMs?: number;
  now?: () => number;
}

/** How the entry is set up, for the checks that cannot measure (see `streaming`). */
export interface EntryFacts {
  kind: 'loadBalancer' | 'ingress';
  bufferingOff: boolean;
}

const TITLES: Record<CheckId, TextKey> = { install: 'checkInstallTitle', upload: 'checkUploadTitle', streaming: 'checkStreamingTitle' };
const IDS: CheckId[] = ['install', 'upload', 'streaming'];

/** The socket's own code (ECONNREFUSED, ETIMEDOUT…) where there is one: a value shown as it is in both languages. */
const errorText = (err: unknown): string => {
  const code = (e: unknown) => (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : undefined);
  const cause = err instanceof Error ? err.cause : undefined;
  return code(err) ?? code(cause) ?? (err instanceof Error ? err.message : String(err)).replace(/https?:\/\/\S+/g, '<url>');
};

export class EntryChecker {
  private readonly results: TtlCache<Outcome[]>;
  private readonly failures: TtlCache<Outcome[]>;
  private readonly running = new Map<string, Promise<void>>();
  private readonly timeoutMs: number;

  constructor(
    private readonly edge: EdgePort,
    options: CheckerOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.results = new TtlCache(options.passTtlMs ?? 60_000, now, 500);
    this.failures = new TtlCache(options.failTtlMs ?? 10_000, now, 500);
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  static waiting(locale: Locale, key: TextKey = 'checkWaitingAddress', params: Record<string, string> = {}): AccessCheck[] {
    return IDS.map((id) => ({ id, status: 'pending', title: t(TITLES[id], locale), detail: t(key, locale, params) }));
  }

  /** The results for this entry version, or `pending` while they are being found out (started here). */
  current(key: string, target: EdgeTarget, url: string, facts: EntryFacts, locale: Locale): AccessCheck[] {
    const done = this.results.get(key) ?? this.failures.get(key);
    if (done) return done.map((o) => ({ id: o.id, status: o.status, title: t(TITLES[o.id], locale), detail: t(o.detail, locale, o.params) }));
    if (!this.running.has(key)) {
      const run = this.run(target, url, facts)
        .then((outcomes) => {
          (outcomes.every((o) => o.status === 'pass') ? this.results : this.failures).set(key, outcomes);
        })
        .catch(() => undefined)
        .finally(() => this.running.delete(key));
      this.running.set(key, run);
    }
    return EntryChecker.waiting(locale, 'checkPending');
  }

  /** Waits for the checks in flight (tests, shutdown). */
  async settle(): Promise<void> {
    await Promise.all([...this.running.values()]);
  }

  private async run(target: EdgeTarget, url: string, facts: EntryFacts): Promise<Outcome[]> {
    // One after another: the upload would otherwise slow the stream it is measured against.
    const install = await this.install(target, url);
    const upload = await this.upload(target);
    const streaming = await this.streaming(target, facts);
    return [install, upload, streaming];
  }

  private unreachable(id: CheckId, target: EdgeTarget, err: unknown): Outcome {
    return { id, status: 'fail', detail: 'checkUnreachable', params: { where: `${target.host}:${target.port}`, error: errorText(err) } };
  }

  private async install(target: EdgeTarget, url: string): Promise<Outcome> {
    try {
      const page = await this.edge.request(target, { method: 'GET', path: '/install', timeoutMs: this.timeoutMs });
      const setup = page.status === 200 ? await this.edge.request(target, { method: 'GET', path: SETUP_PATH, timeoutMs: this.timeoutMs }) : null;
      // The page is Dify's web app; `step` in the set-up API's answer proves it is Dify behind it.
      const isDify = page.status === 200 && /dify/i.test(page.body) && setup?.status === 200 && /"step"\s*:/.test(setup.body);
      return isDify
        ? { id: 'install', status: 'pass', detail: 'installPass', params: { url } }
        : { id: 'install', status: 'fail', detail: 'installFail', params: { url, status: setup && setup.status !== 200 ? setup.status : page.status } };
    } catch (err) {
      return this.unreachable('install', target, err);
    }
  }

  private async upload(target: EdgeTarget): Promise<Outcome> {
    const size = Math.round(UPLOAD_PROBE_BYTES / (1024 * 1024));
    try {
      const res = await this.edge.request(target, {
        method: 'POST',
        path: UPLOAD_PATH,
        body: Buffer.alloc(UPLOAD_PROBE_BYTES, 0x61),
        contentType: 'application/octet-stream',
        timeoutMs: this.timeoutMs * 2,
      });
      // Dify itself may refuse the anonymous upload (401): what matters is that no proxy said 413.
      if (res.status === 413) return { id: 'upload', status: 'fail', detail: 'uploadFail413', params: { size } };
      if (res.status >= 500 || res.status === 0) return { id: 'upload', status: 'fail', detail: 'uploadFail', params: { size, status: res.status } };
      return { id: 'upload', status: 'pass', detail: 'uploadPass', params: { size } };
    } catch (err) {
      return this.unreachable('upload', target, err);
    }
  }

  private async streaming(target: EdgeTarget, facts: EntryFacts): Promise<Outcome> {
    const expectedSpan = (STREAM_EVENTS - 1) * STREAM_INTERVAL_MS;
    try {
      const res = await this.edge.request(target, { method: 'GET', path: STREAM_PATH, timeoutMs: this.timeoutMs + expectedSpan });
      if (res.status === 404) {
        // A Dify without the stream probe (the real one offers no anonymous stream): judge the settings.
        const ok = facts.kind === 'loadBalancer' || facts.bufferingOff;
        return ok
          ? { id: 'streaming', status: 'pass', detail: 'streamSettingsPass', params: {} }
          : { id: 'streaming', status: 'fail', detail: 'streamBuffered', params: { span: 0 } };
      }
      if (res.status === 504) return { id: 'streaming', status: 'fail', detail: 'streamTimeout', params: {} };
      if (res.status !== 200) return { id: 'streaming', status: 'fail', detail: 'streamFail', params: { status: res.status } };
      const events = (res.body.match(/^data:/gm) ?? []).length;
      const times = res.chunkTimes;
      const span = times.length > 1 ? Math.round((times[times.length - 1] ?? 0) - (times[0] ?? 0)) : 0;
      if (events < STREAM_EVENTS) return { id: 'streaming', status: 'fail', detail: 'streamTimeout', params: {} };
      // Spread over time: the body came in several pieces over at least half the time it was written in.
      return times.length >= 2 && span >= expectedSpan / 2
        ? { id: 'streaming', status: 'pass', detail: 'streamPass', params: { count: events, span } }
        : { id: 'streaming', status: 'fail', detail: 'streamBuffered', params: { span: Math.max(span, 1) } };
    } catch (err) {
      return this.unreachable('streaming', target, err);
    }
  }
}
