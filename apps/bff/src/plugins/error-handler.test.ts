import { describe, expect, it } from 'vitest';
import { CloudError } from '../errors/cloud-error';
import { cloudProblem, reasonOf } from '../errors/cloud-problem';

const err = (code: string, httpStatus = 400, message = `${code} happened`) =>
  Object.assign(new CloudError({ code, message, httpStatus, action: 'CreateServiceInstance', requestId: 'req-1' }), { product: 'computenest' });

describe('cloudProblem for Compute Nest', () => {
  it('maps an unknown instance to 404, a token reused with other parameters to 409, a refused parameter to 400', () => {
    expect(cloudProblem(err('ServiceInstanceNotFound', 404), 'en')).toMatchObject({ status: 404, problem: { code: 'Cloud.NotFound', requestId: 'req-1' } });
    expect(cloudProblem(err('IdempotentParameterMismatch'), 'en')).toMatchObject({ status: 409, problem: { code: 'Cloud.Conflict' } });
    const invalid = cloudProblem(err('InvalidParameter', 400, 'The specified parameter "Name" is not valid: 9x.'), 'en');
    expect(invalid).toMatchObject({ status: 400, problem: { code: 'Cloud.InvalidParameter' } });
    // Our sentence in the user's language with the code; the cloud's English apart, verbatim, as evidence.
    expect(invalid.problem).toMatchObject({
      message: "The cloud refused the request's parameters (InvalidParameter); its own answer says which",
      evidence: 'The specified parameter "Name" is not valid: 9x.',
    });
    const zh = cloudProblem(err('InvalidParameter', 400, 'The specified parameter "Name" is not valid: 9x.'), 'zh-CN').problem;
    expect(zh).toMatchObject({ message: '阿里云拒绝了请求参数（InvalidParameter），原因见阿里云的原始答复', evidence: 'The specified parameter "Name" is not valid: 9x.' });
    expect(cloudProblem(err('MissingParameter.ServiceInstanceId'), 'zh-CN').problem.message).toMatch(/^阿里云拒绝了请求参数/);
    // Every kind: no English of the cloud inside the Chinese sentence.
    for (const [code, status] of [['IdempotentParameterMismatch', 400], ['Some.Odd.Code', 400], ['ServiceInstanceNotFound', 404], ['Throttling.User', 400], ['ServiceUnavailable', 503]] as const) {
      const problem = cloudProblem(err(code, status, 'An English sentence of the cloud.'), 'zh-CN').problem;
      expect(problem.message).not.toContain('English');
      expect(problem.evidence).toBe('An English sentence of the cloud.');
    }
    const rbac = Object.assign(new CloudError({ code: 'Kubernetes.Forbidden', message: 'pods is forbidden: User "u" cannot list resource "pods"', httpStatus: 403, action: 'listPods' }), { product: 'kubernetes' });
    expect(cloudProblem(rbac, 'zh-CN').problem).toMatchObject({ message: expect.stringMatching(/^集群拒绝了控制台的操作（Kubernetes RBAC）。/) as string, evidence: 'pods is forbidden: User "u" cannot list resource "pods"' });
    expect(cloudProblem(err('InvalidAccessKeyId.NotFound', 404), 'en').problem.code).toBe('Cloud.CredentialsRefused');
    expect(cloudProblem(err('Forbidden.RAM', 403), 'en').problem.message).toMatch(/computenest:CreateServiceInstance/);
  });

  it("says a failure in the user's language with the cloud's code in brackets, never the raw English sentence alone", () => {
    const network = new CloudError({ code: 'Cloud.NetworkError', message: 'DescribeClusterDetail: the connection to the cloud failed (ECONNRESET)', httpStatus: 0, action: 'DescribeClusterDetail' });
    expect(cloudProblem(network, 'zh-CN').problem.message).toBe('无法连接阿里云（Cloud.NetworkError），请稍后重试');
    expect(cloudProblem(network, 'en').problem.message).toBe('Could not connect to the cloud (Cloud.NetworkError); retry in a moment');
    // Not an answer of the cloud: no evidence (the console's own words would pose as the cloud's).
    expect(cloudProblem(network, 'en').problem.evidence).toBeUndefined();
    const kube = Object.assign(new CloudError({ code: 'Cloud.NetworkError', message: 'socket hang up', httpStatus: 0, action: 'listNodes' }), { product: 'kubernetes' });
    expect(cloudProblem(kube, 'zh-CN').problem.message).toBe('无法连接集群的 API Server（Cloud.NetworkError），请稍后重试');
    expect(reasonOf(new TypeError("Cannot read properties of undefined (reading 'x')"), 'zh-CN')).toBe('控制台内部错误，请查看控制台日志');
    expect(reasonOf(new TypeError('x'), 'en')).toBe('Something went wrong inside the console; see its log');
  });
});
