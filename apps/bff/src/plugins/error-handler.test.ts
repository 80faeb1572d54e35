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
    expect(invalid.problem.message).toBe('The cloud refused the request (InvalidParameter: The specified parameter "Name" is not valid: 9x.)');
    expect(cloudProblem(err('MissingParameter.ServiceInstanceId'), 'zh-CN').problem.message).toMatch(/^阿里云拒绝了请求参数/);
    expect(cloudProblem(err('InvalidAccessKeyId.NotFound', 404), 'en').problem.code).toBe('Cloud.CredentialsRefused');
    expect(cloudProblem(err('Forbidden.RAM', 403), 'en').problem.message).toMatch(/computenest:CreateServiceInstance/);
  });

  it("says a failure in the user's language with the cloud's code in brackets, never the raw English sentence alone", () => {
    const network = new CloudError({ code: 'Cloud.NetworkError', message: 'DescribeClusterDetail: the connection to the cloud failed (ECONNRESET)', httpStatus: 0, action: 'DescribeClusterDetail' });
    expect(cloudProblem(network, 'zh-CN').problem.message).toBe('无法连接阿里云（Cloud.NetworkError），请稍后重试');
    expect(cloudProblem(network, 'en').problem.message).toBe('Could not connect to the cloud (Cloud.NetworkError); retry in a moment');
    const kube = Object.assign(new CloudError({ code: 'Cloud.NetworkError', message: 'socket hang up', httpStatus: 0, action: 'listNodes' }), { product: 'kubernetes' });
    expect(cloudProblem(kube, 'zh-CN').problem.message).toBe('无法连接集群的 API Server（Cloud.NetworkError），请稍后重试');
    expect(reasonOf(new TypeError("Cannot read properties of undefined (reading 'x')"), 'zh-CN')).toBe('控制台内部错误，请查看控制台日志');
    expect(reasonOf(new TypeError('x'), 'en')).toBe('Something went wrong inside the console; see its log');
  });
});
