import { cloudErrorKind } from './cloud-error-kind';

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

/** Throttling, an unavailable service (5xx, network failures) is worth another try. */
export function isRetryableCode(code: string, httpStatus: number): boolean {
  const kind = cloudErrorKind({ code, httpStatus });
  return kind === 'throttled' || kind === 'unavailable' || httpStatus >= 500;
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
