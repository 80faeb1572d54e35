import { ApiException } from '@kubernetes/client-node';
import { CloudError } from '../errors/cloud-error';
import { toCloudError } from '../cloud/pop-error';

/**
 * A Kubernetes API failure as the one error type of the gateways: code `Kubernetes.<reason>` from
 * the `Status` body (NotFound, AlreadyExists, Conflict, Invalid, Forbidden, Unauthorized…), the
 * HTTP status, the Status message (sanitised: never a URL or a token), product `kubernetes`.
 * Network failures and timeouts become Cloud.NetworkError / Cloud.Timeout like any cloud call.
 */

const REASON_BY_STATUS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

function statusBody(body: unknown): { reason?: string; message?: string } {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return {};
    }
  }
  if (!value || typeof value !== 'object') return {};
  const v = value as Record<string, unknown>;
  return {
    ...(typeof v.reason === 'string' && v.reason ? { reason: v.reason } : {}),
    ...(typeof v.message === 'string' && v.message ? { message: v.message } : {}),
  };
}

export function toKubeError(err: unknown, action: string): CloudError {
  if (err instanceof CloudError) return err;
  if (err instanceof ApiException) {
    const code = Number(err.code) || 0;
    const { reason, message } = statusBody(err.body);
    const why = reason ?? REASON_BY_STATUS[code] ?? `Http${code}`;
    const e = new CloudError({
      code: `Kubernetes.${why}`,
      message: message ?? `${action}: the cluster answered HTTP ${code} (${why})`,
      httpStatus: code,
      retryable: code === 429 || code >= 500,
      action,
    });
    e.product = 'kubernetes';
    return e;
  }
  const e = toCloudError(err, action);
  e.product ??= 'kubernetes';
  return e;
}

export const isKubeCode = (err: unknown, reason: string): boolean => err instanceof CloudError && err.code === `Kubernetes.${reason}`;
