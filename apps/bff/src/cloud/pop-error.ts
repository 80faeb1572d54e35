import { CloudError } from '../errors/cloud-error';

interface PopErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  data?: unknown;
  result?: unknown;
  statusCode?: unknown;
  entry?: { response?: { statusCode?: unknown } | null } | null;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const field = (obj: unknown, ...names: string[]): string => {
  if (!obj || typeof obj !== 'object') return '';
  for (const n of names) {
    const v = str((obj as Record<string, unknown>)[n]);
    if (v) return v;
  }
  return '';
};

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);

/** Turns anything pop-core (or httpx below it) throws into a CloudError. */
export function toCloudError(err: unknown, action: string): CloudError {
  if (err instanceof CloudError) return err;
  const e = (err ?? {}) as PopErrorShape;
  const name = str(e.name);
  const rawMessage = str(e.message);
  // RPC: body on err.data, status on err.entry.response.statusCode
  // ROA: body on err.result (PascalCase or lower-case keys), status on err.statusCode
  const body = e.data ?? e.result;
  const httpStatus = Number(e.entry?.response?.statusCode ?? e.statusCode ?? 0) || 0;
  const code = field(body, 'Code', 'code', 'ErrCode', 'errorCode') || str(e.code);
  if (body && code && !NETWORK_CODES.has(code)) {
    return new CloudError({
      code,
      message: field(body, 'Message', 'message', 'ErrMessage', 'errorMsg') || code,
      httpStatus,
      requestId: field(body, 'RequestId', 'requestId'),
      action,
    });
  }
  if (name.includes('RequestTimeout') || name === 'TimeoutError' || name === 'AbortError') {
    return new CloudError({ code: 'Cloud.Timeout', message: `${action} did not answer in time`, httpStatus: 0, retryable: true, action });
  }
  if (NETWORK_CODES.has(str(e.code)) || /socket hang up|ECONNRESET|ECONNREFUSED/.test(rawMessage)) {
    return new CloudError({ code: 'Cloud.NetworkError', message: `${action}: the connection to the cloud failed (${str(e.code) || 'socket closed'})`, httpStatus: 0, action });
  }
  if (name === 'SyntaxError' || name === 'FormatError') {
    return new CloudError({ code: 'Cloud.UnexpectedResponse', message: `${action}: the cloud answered with something that is not JSON`, httpStatus, retryable: httpStatus >= 500, action });
  }
  if (httpStatus > 0) {
    return new CloudError({ code: code || `Http${httpStatus}`, message: rawMessage || `HTTP ${httpStatus}`, httpStatus, action });
  }
  return new CloudError({ code: code || 'Cloud.Unknown', message: rawMessage || 'unknown failure', httpStatus: 0, retryable: false, action });
}
