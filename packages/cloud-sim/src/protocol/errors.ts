// The standard gateway error: {RequestId, HostId, Code, Message, Recommend}.
export class SimError extends Error {
  readonly code: string;
  readonly status: number;
  /** Extra fields merged into the error body (e.g. the Milvus envelope). */
  readonly extra: Record<string, unknown>;

  constructor(code: string, status: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'SimError';
    this.code = code;
    this.status = status;
    this.extra = extra;
  }
}

export interface ErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
  [extra: string]: unknown;
}

export function errorBody(
  err: SimError,
  requestId: string,
  hostId: string,
  product: string,
): ErrorBody {
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${encodeURIComponent(product)}&requestId=${requestId}`,
    ...err.extra,
  };
}

// Constructors for the common codes, so every product answers them identically.
export const Errors = {
  missingParameter: (name: string) =>
    new SimError(
      'MissingParameter',
      400,
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    ),
  // The gateway's own answer when an action needs RegionId and none is sent.
  missingRegionId: () =>
    new SimError('MissingRegionId', 400, 'RegionId is mandatory for this action.'),
  invalidParameter: (name: string, detail?: string) =>
    new SimError(
      'InvalidParameter',
      400,
      detail ?? `The specified parameter "${name}" is not valid.`,
    ),
  // Observed answers of the gateway for an API it does not know: 404 and this message
  // (captured error bodies in public SDK tests; some products answer 400).
  actionNotFound: () =>
    new SimError(
      'InvalidAction.NotFound',
      404,
      'Specified api is not found, please check your url and method.',
    ),
  invalidVersion: () =>
    new SimError('InvalidVersion', 400, 'Specified parameter Version is not valid.'),
  notImplemented: (product: string, action: string) =>
    new SimError(
      'Sandbox.NotImplemented',
      501,
      `The local cloud does not implement ${product} ${action} yet. It is a real API action; the sandbox lacks it.`,
    ),
  // STS credential problems (400, exact status UNCONFIRMED).
  missingSecurityToken: () =>
    new SimError('MissingSecurityToken', 400, 'SecurityToken is mandatory for this action.'),
  securityTokenExpired: () =>
    new SimError('InvalidSecurityToken.Expired', 400, 'Specified SecurityToken is expired.'),
  securityTokenMalformed: () =>
    new SimError('InvalidSecurityToken.Malformed', 400, 'Specified SecurityToken is malformed.'),
  securityTokenMismatch: () =>
    new SimError(
      'InvalidSecurityToken.MismatchWithAccessKey',
      400,
      'Specified SecurityToken mismatch with the AccessKey.',
    ),
  accessKeyNotFound: () =>
    new SimError('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.'),
  // Status: product error tables say 403, but the bodies captured from the live gateway in
  // public SDK tests (alibaba-cloud-sdk-go, SMS clients) came with 400. We answer 400.
  signatureMismatch: (stringToSign: string) =>
    new SimError(
      'SignatureDoesNotMatch',
      400,
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
    ),
  incompleteSignature: (detail = 'The request signature does not conform to Aliyun standards.') =>
    new SimError('IncompleteSignature', 400, detail),
  nonceUsed: () =>
    new SimError('SignatureNonceUsed', 400, 'Specified signature nonce was used already.'),
  timestampExpired: () =>
    new SimError('InvalidTimeStamp.Expired', 400, 'Specified time stamp or date value is expired.'),
  illegalTimestamp: () =>
    new SimError(
      'IllegalTimestamp',
      400,
      'Specified time stamp or date value is not well formatted.',
    ),
  // 400 per the common error tables (status of the current gateway is UNCONFIRMED).
  throttlingUser: () =>
    new SimError('Throttling.User', 400, 'Request was denied due to user flow control.'),
  serviceUnavailable: () =>
    new SimError(
      'ServiceUnavailable',
      503,
      'The request has failed due to a temporary failure of the server.',
    ),
  internal: () =>
    new SimError(
      'InternalError',
      500,
      'The request processing has failed due to some unknown error, exception or failure.',
    ),
} as const;
