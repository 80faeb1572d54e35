import { describe, expect, it } from 'vitest';
import { CloudError } from './cloud-error';
import { cloudErrorKind, type CloudErrorKind } from './cloud-error-kind';
import { cloudProblem } from './cloud-problem';

const err = (code: string, httpStatus: number, product = 'vpc') =>
  Object.assign(new CloudError({ code, message: `${code} said the cloud`, httpStatus, action: 'DescribeVpcs', requestId: 'req-1' }), { product });

// Codes as the real products answer them (and the cluster's Status reasons as the gateway names them).
const TABLE: [code: string, httpStatus: number, kind: CloudErrorKind, status: number][] = [
  ['Throttling.User', 400, 'throttled', 429],
  ['Throttling.Api', 503, 'throttled', 429],
  ['Throttling', 400, 'throttled', 429],
  ['Kubernetes.TooManyRequests', 429, 'throttled', 429],
  ['InvalidAccessKeyId.NotFound', 404, 'credentials', 502],
  ['InvalidAccessKeyId.Inactive', 400, 'credentials', 502],
  ['SignatureDoesNotMatch', 400, 'credentials', 502],
  ['InvalidSecurityToken.Expired', 400, 'credentials', 502],
  ['Kubernetes.Unauthorized', 401, 'credentials', 502],
  ['Forbidden.RAM', 403, 'forbidden', 403],
  ['NoPermission', 403, 'forbidden', 403],
  ['Forbidden.NoPermission', 403, 'forbidden', 403],
  ['Kubernetes.Forbidden', 403, 'forbidden', 403],
  ['InvalidVpcId.NotFound', 404, 'notFound', 404],
  ['InvalidDBInstanceId.NotFound', 404, 'notFound', 404],
  ['ServiceInstanceNotFound', 404, 'notFound', 404],
  ['Kubernetes.NotFound', 404, 'notFound', 404],
  ['IdempotentParameterMismatch', 400, 'conflict', 409],
  ['Kubernetes.AlreadyExists', 409, 'conflict', 409],
  ['IncorrectDBInstanceState', 400, 'conflict', 409],
  ['InvalidParameter', 400, 'invalidParameter', 400],
  ['MissingParameter', 400, 'invalidParameter', 400],
  ['InvalidSecurityIPs.Format', 400, 'invalidParameter', 400],
  ['SomethingNew', 400, 'other', 500],
  ['Kubernetes.Invalid', 422, 'invalidParameter', 400],
  ['Cloud.Timeout', 0, 'timeout', 504],
  ['Cloud.UnexpectedResponse', 502, 'unexpected', 502],
  ['ServiceUnavailable', 503, 'unavailable', 503],
  ['InternalError', 500, 'unavailable', 503],
  ['Cloud.NetworkError', 0, 'unavailable', 503],
  ['Kubernetes.ServiceUnavailable', 503, 'unavailable', 503],
];

const BLAMES_CREDENTIALS = /ALIBABA_CLOUD_ACCESS_KEY|credential|AccessKey|凭证|kubeconfig/i;

describe('cloud errors are classified once', () => {
  it.each(TABLE)('%s (HTTP %i) is %s → %i', (code, httpStatus, kind, status) => {
    expect(cloudErrorKind({ code, httpStatus })).toBe(kind);
    expect(cloudProblem(err(code, httpStatus), 'en').status).toBe(status);
  });

  it('blames the credentials only when the cloud said they are wrong, in both languages', () => {
    for (const [code, httpStatus, kind] of TABLE) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const { problem } = cloudProblem(err(code, httpStatus, code.startsWith('Kubernetes.') ? 'kubernetes' : 'vpc'), locale);
        expect(BLAMES_CREDENTIALS.test(problem.message), `${code} ${locale}: ${problem.message}`).toBe(kind === 'credentials');
        expect(problem.requestId).toBe('req-1');
      }
    }
  });

  it('a refused permission names the RAM action and a policy that grants it', () => {
    expect(cloudProblem(err('Forbidden.RAM', 403, 'r-kvstore'), 'en').problem).toMatchObject({
      code: 'Cloud.Forbidden',
      message: expect.stringMatching(/kvstore:DescribeVpcs.*AliyunKvstoreReadOnlyAccess/),
    });
  });

  it('retries what is worth another try, and nothing the user or the identity must change', () => {
    const retryable = (code: string, httpStatus: number) => new CloudError({ code, message: 'x', httpStatus, action: 'A' }).retryable;
    expect(retryable('Throttling.User', 400)).toBe(true);
    expect(retryable('ServiceUnavailable', 503)).toBe(true);
    expect(retryable('Cloud.NetworkError', 0)).toBe(true);
    expect(retryable('InternalError', 500)).toBe(true);
    expect(retryable('InvalidAccessKeyId.NotFound', 404)).toBe(false);
    expect(retryable('Forbidden.RAM', 403)).toBe(false);
    expect(retryable('InvalidParameter', 400)).toBe(false);
    expect(retryable('IdempotentParameterMismatch', 400)).toBe(false);
  });
});
