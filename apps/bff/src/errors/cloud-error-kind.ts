import { isCloudError, type CloudError } from './cloud-error';

/**
 * What a failed cloud (or cluster) call means, decided once from its code and HTTP status: the
 * error answer, the pre-flight checks, the live probe and the retries all read this, so the same
 * failure never reads as two different things. Credentials are blamed only when the cloud said
 * they are wrong (InvalidAccessKeyId…, SignatureDoesNotMatch, an expired security token, a
 * cluster's 401), never because a call failed in some other way.
 */
export type CloudErrorKind =
  | 'noPublicEndpoint'
  | 'credentials'
  | 'forbidden'
  | 'notFound'
  | 'throttled'
  | 'conflict'
  | 'invalidParameter'
  | 'timeout'
  | 'unexpected'
  | 'unavailable'
  | 'other';

const CREDENTIALS =
  /^(InvalidAccessKeyId|SignatureDoesNotMatch|InvalidSecurityToken|MissingSecurityToken|IncompleteSignature|InvalidAccessKeySecret)\b|^Kubernetes\.Unauthorized$/;
const FORBIDDEN = /^(Forbidden|NoPermission|ErrorCheckAcl|StatusForbidden|Kubernetes\.Forbidden)|\.NoPermission$/;
const THROTTLED = /Throttling|^Kubernetes\.TooManyRequests$/;
const NOT_FOUND = /NotFound|NotExist/;
/** The same token with other parameters, a name or state clash. */
const CONFLICT =
  /^(IdempotentParameterMismatch|IdempotenceParamNotMatch|IdempotentParameterMisMatch|.*AlreadyExist|.*Duplicate|.*\.?(InvalidStatus|IncorrectStatus|StatusNotSupport|OperationConflict|Conflict))|^Incorrect\w*(State|Status)\b/;
/** The cloud refused the parameters: the user can correct them. */
const INVALID_PARAMETER =
  /^(InvalidParameter|MissingParameter|ParameterInvalid|InvalidParameters|ParameterMissing|InvalidServiceInstanceName|InvalidTemplate|InvalidName|ValidationError|Kubernetes\.(Invalid|BadRequest))|\.(InvalidParameter|ParameterInvalid|Invalid)$|^Invalid\w*\.(Malformed|Format|ValueNotSupported)$/;

/** A cluster whose API server has no public endpoint, asked for by a console outside its VPC. */
export const NO_PUBLIC_ENDPOINT = 'Cluster.NoPublicEndpoint';

type Failure = Pick<CloudError, 'code' | 'httpStatus'>;

export function cloudErrorKind({ code, httpStatus }: Failure): CloudErrorKind {
  if (code === NO_PUBLIC_ENDPOINT) return 'noPublicEndpoint';
  if (THROTTLED.test(code)) return 'throttled';
  if (CREDENTIALS.test(code)) return 'credentials';
  if (FORBIDDEN.test(code)) return 'forbidden';
  if (NOT_FOUND.test(code)) return 'notFound';
  if (CONFLICT.test(code)) return 'conflict';
  if (INVALID_PARAMETER.test(code)) return 'invalidParameter';
  if (code === 'Cloud.Timeout') return 'timeout';
  if (code === 'Cloud.UnexpectedResponse') return 'unexpected';
  if (code === 'ServiceUnavailable' || code === 'Cloud.NetworkError' || httpStatus >= 500) return 'unavailable';
  return 'other';
}

/** The cloud looked at the request and refused what it asked for (the user can change it). */
export const isRefusalKind = (kind: CloudErrorKind) => kind === 'notFound' || kind === 'conflict' || kind === 'invalidParameter';

/** Whether a value is a cloud failure of that kind. */
export const isCloudErrorOfKind = (err: unknown, kind: CloudErrorKind): err is CloudError => isCloudError(err) && cloudErrorKind(err) === kind;
