/** The one error type of the Nacos gateway (no credentials in it, ever). */
export type NacosErrorKind = 'unreachable' | 'timeout' | 'auth' | 'api' | 'notFound' | 'unexpected';

export class NacosError extends Error {
  constructor(
    readonly kind: NacosErrorKind,
    message: string,
    readonly status = 0,
    /** Nacos detail code (10000, 20002, 50000…) for API errors. */
    readonly code: number | null = null,
  ) {
    super(message);
    this.name = 'NacosError';
  }
}

export function isNacosError(e: unknown): e is NacosError {
  return e instanceof NacosError;
}
