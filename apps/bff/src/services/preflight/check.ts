import type { PreflightCheck, PreflightRequest } from '@dify-console/shared/api/preflight';
import type { CHECK_GROUPS } from '@dify-console/shared/api/preflight';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { isCloudErrorOfKind } from '../../errors/cloud-error-kind';
import type { PreflightPorts } from '../../ports/preflight';
import type { OrderParameters } from '../../ports/template';
import type { RunFacts } from './facts';
import { text, type TextKey } from './texts';

/** What every check group is made of: a check definition, its outcome and what it may read. */

export type Group = (typeof CHECK_GROUPS)[number];
export type Outcome = Pick<PreflightCheck, 'status' | 'detail' | 'fix'>;

export interface CheckDef {
  id: string;
  group: Group;
  title: string;
  run: () => Promise<Outcome>;
}

/** One run of the checks: the request, the user's language and the cloud reads shared by all groups. */
export interface CheckContext {
  request: PreflightRequest;
  locale: Locale;
  t: (key: TextKey, params?: Record<string, string | number>) => string;
  ports: PreflightPorts;
  facts: RunFacts;
  /** The order's Parameters under the template's names, as the order will send them. */
  order: () => Promise<OrderParameters>;
}

/** A check that cannot look: said as a warn with the reason (a sentence of texts.ts), never a crash. */
export class CannotVerify extends Error {
  constructor(
    readonly key: TextKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'CannotVerify';
  }
}

/** The cloud (or the cluster) refused the console's identity this call: classified once, in `errors/cloud-error-kind`. */
export const isForbidden = (err: unknown) => isCloudErrorOfKind(err, 'forbidden');

/** Memoises one async read for the duration of a run. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
}

/** A resource the cloud does not know is a fail naming it, not a "could not verify". */
export async function notFoundIsFail(locale: Locale, what: string, run: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await run();
  } catch (err) {
    if (isCloudErrorOfKind(err, 'notFound')) return { status: 'fail', detail: text('notFound', locale, { what, code: err.code }) };
    throw err;
  }
}

export const hostOf = (endpoint: string) => endpoint.replace(/^[a-z]+:\/\//i, '').replace(/[:/].*$/, '').toLowerCase();
