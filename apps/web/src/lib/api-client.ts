import type { z } from 'zod';
import { buildPath, type Endpoint } from '@dify-console/shared/api/contract';
import type { Locale } from '@dify-console/shared/domain/i18n';
import type { Problem } from '@dify-console/shared/domain/problem';
import { translate } from './i18n/use-t';

/** An answer of the BFF that is not a success, carrying its Problem envelope. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly issues: NonNullable<Problem['issues']>;
  /** The cloud's own answer, verbatim (not in the user's language): shown apart, never inside the sentence. */
  readonly evidence: string | undefined;

  constructor(status: number, problem: Problem) {
    super(problem.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code;
    this.requestId = problem.requestId;
    this.issues = problem.issues ?? [];
    this.evidence = problem.evidence;
  }
}

/**
 * The anti-forgery token the BFF hands out with the session state when it asks for a login; sent
 * on every state-changing call (the BFF compares it with its HttpOnly cookie: a double submit a
 * foreign page cannot make).
 */
let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export interface RequestOptions<E extends Endpoint> {
  params?: E['params'] extends z.ZodObject ? z.input<E['params']> : never;
  query?: Record<string, string | number | boolean | undefined>;
  body?: E['body'] extends z.ZodType ? z.input<E['body']> : never;
  /** The UI language: the BFF answers names, reasons and errors in it. */
  locale: Locale;
  signal?: AbortSignal;
}

/** Calls one endpoint of the shared contract and parses its answer with the contract's schema. */
export async function apiRequest<E extends Endpoint>(
  endpoint: E,
  options: RequestOptions<E>,
): Promise<z.output<E['response']>> {
  const url = buildPath(endpoint.path, (options.params ?? {}) as Record<string, string>, options.query);
  let response: Response;
  try {
    response = await fetch(url, {
      method: endpoint.method,
      headers: {
        Accept: 'application/json',
        'Accept-Language': options.locale,
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(endpoint.method !== 'GET' && csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, { code: 'NetworkError', message: translate(options.locale, 'error.network') });
  }

  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    // Loaded when an answer is an error: the first screen carries no schema library.
    const { ProblemSchema } = await import('@dify-console/shared/domain/problem');
    const problem = ProblemSchema.safeParse(payload);
    throw new ApiError(
      response.status,
      problem.success
        ? problem.data
        : { code: `Http${response.status}`, message: translate(options.locale, 'error.unexpected') },
    );
  }
  const parsed = endpoint.response.safeParse(payload);
  if (!parsed.success) {
    console.error('Response does not match the contract', endpoint.path, parsed.error.issues);
    throw new ApiError(response.status, {
      code: 'ContractMismatch',
      message: translate(options.locale, 'error.unexpected'),
    });
  }
  return parsed.data as z.output<E['response']>;
}

/** The user's sentence for anything a query or mutation threw. */
export function errorMessage(error: unknown, locale: Locale): string {
  if (error instanceof ApiError) return error.message;
  return translate(locale, 'error.unexpected');
}
