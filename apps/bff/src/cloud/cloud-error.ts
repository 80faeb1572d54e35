/**
 * The one error type of the cloud gateways. Its message is sanitised: never a URL, an
 * AccessKey id, a signature or a security token (pop-core puts the signed URL in GET errors).
 */
export class CloudError extends Error {
  readonly code: string;
  /** HTTP status the cloud answered with (0 when it did not answer). */
  readonly httpStatus: number;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  /** The cloud action, e.g. DescribeDBInstances (for the permission hint). */
  readonly action: string;
  /** The cloud product (pop-core endpoint id), set by the transport: vpc, cs, rds… */
  product: string | undefined;

  constructor(init: { code: string; message: string; httpStatus: number; requestId?: string; retryable?: boolean; action: string }) {
    super(sanitize(init.message));
    this.name = 'CloudError';
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId || undefined;
    this.action = init.action;
    this.retryable = init.retryable ?? isRetryableCode(init.code, init.httpStatus);
  }
}

export function isCloudError(value: unknown): value is CloudError {
  return value instanceof CloudError;
}

/** Throttling*, ServiceUnavailable, HTTP 5xx and network failures are worth another try. */
export function isRetryableCode(code: string, httpStatus: number): boolean {
  return code.includes('Throttling') || code === 'ServiceUnavailable' || httpStatus >= 500 || code === 'Cloud.NetworkError';
}

/** Removes every URL, key id, signature and token from a message meant for people or logs. */
export function sanitize(message: string): string {
  return (
    message
      // pop-core RPC: "<Message>, URL: <signed url>"
      .replace(/,?\s*URL:\s*\S+/g, '')
      // httpx: "... GET http://host/?AccessKeyId=… failed."
      .replace(/\b(GET|POST|PUT|DELETE)\s+https?:\/\/\S+/g, '$1 <url>')
      .replace(/https?:\/\/[^\s,;"')]+/g, '<url>')
      // SignatureDoesNotMatch echoes the string to sign, which contains the AccessKey id
      .replace(/(server string to sign is:?).*/is, '$1 <redacted>')
      .replace(/(AccessKeyId|Signature|SecurityToken|AccessKeySecret)(=|%3D)[^&\s,;"']*/gi, '$1$2<redacted>')
      .replace(/\bacs\s+[^\s:]+:[A-Za-z0-9+/=]+/g, 'acs <redacted>')
      .replace(/\bLTAI[A-Za-z0-9]{8,}\b/g, '<redacted>')
      .replace(/\bSTS\.[A-Za-z0-9]{8,}\b/g, '<redacted>')
      .trim()
  );
}

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
