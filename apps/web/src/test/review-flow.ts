import { screen } from '@testing-library/react';
import type { DeployPrefill } from '../features/deploy/form-values';
import type { MockRequest } from './bff-fixtures';
import { renderApp } from './render-app';

/** Every non-secret value of a complete form, as a reopened deployment would bring them. */
export const PREFILL: DeployPrefill = {
  name: 'dify-order1',
  regionId: 'cn-hangzhou',
  templateName: '高可用版-已有资源',
  parameters: {
    vpcId: 'vpc-prod',
    clusterId: 'c1prod',
    postgresInstanceId: 'pgm-bp19wxw53hbzgi93',
    postgresAccount: 'postgres',
    redisInstanceId: 'r-prod1',
    milvusInstanceId: 'c-milvusprod',
    milvusEndpoint: 'c-milvusprod-internal.milvus.aliyuncs.com',
    milvusUser: 'root',
    highAvailability: true,
  },
  invalidFields: [],
  reason: '',
};

export const SECRETS = {
  PostgreSQL数据库密码: 'Pg#Secret2026x',
  Redis实例密码: 'Rd_Secret2026y',
  'Milvus 用户密码': 'Mv#Secret2026z',
};

export type Overrides = Record<string, (request: MockRequest) => Response | Promise<Response>>;

/**
 * Opens the form with every value but the passwords and the name (a reopened deployment gets a
 * new one), types them, goes to step 2 and waits for the pre-flight checks (passing by default).
 */
export async function toReview(overrides: Overrides = {}, { waitForChecks = true } = {}) {
  const app = renderApp({ pathname: '/', state: { prefill: PREFILL } }, overrides);
  const name = await screen.findByRole('textbox', { name: '服务实例名称' });
  await app.user.clear(name);
  await app.user.type(name, PREFILL.name);
  for (const [label, value] of Object.entries(SECRETS)) {
    await app.user.type(await screen.findByLabelText(label, { exact: false }), value);
  }
  await app.user.click(screen.getByRole('button', { name: '下一步：确认订单' }));
  await screen.findByRole(
    'checkbox',
    { name: '我已阅读并同意《计算巢服务协议》' },
    { timeout: 5000 },
  );
  if (waitForChecks) await screen.findByText('全部 7 项检查通过', {}, { timeout: 5000 });
  return app;
}
