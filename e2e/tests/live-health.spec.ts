import { randomUUID } from 'node:crypto';
import { DeploymentPage, DeployWizardPage, fillSandboxForm } from '../support/deploy-wizard-page';
import { expect, test } from '../support/fixtures';
import { SANDBOX, ZH } from '../support/form-data';

const PRO_CLUSTER = 'c900cca321576a513b7afa8ad1175dc21';

test('a wrong Redis password is caught by the probe in the cluster before the order, with the field to change', async ({ page, sim }) => {
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  await fillSandboxForm(wizard, ZH, { redisPassword: 'Wrong_Redis2026' });
  const review = await wizard.next();

  const live = review.checks.getByRole('listitem', { name: '从集群内认证 Redis', exact: true });
  await expect(live).toContainText('失败', { timeout: 30_000 });
  await expect(live).toContainText('WRONGPASS invalid username-password pair or user is disabled.');
  await expect(live).toContainText('需修改：Redis实例密码');
  await expect(review.checks.getByRole('listitem', { name: '从集群内登录 PostgreSQL', exact: true })).toContainText('通过');
  await expect(review.orderButton).toBeDisabled();
  await expect(review.blockedReason).toContainText('失败');
  // The probe's Job, Pod and Secret are gone from the cluster; the password was never on the page.
  await expect
    .poll(async () => (await sim.clusterObjects(PRO_CLUSTER)).filter((o) => o.metadata.namespace === 'dify-console-probe' && ['Job', 'Pod', 'Secret'].includes(o.kind)).length, {
      timeout: 20_000,
    })
    .toBe(0);
  expect(await page.content()).not.toContain('Wrong_Redis2026');
});

test('a deployment whose worker crash-loops (wrong Redis password) shows the diagnosis with the evidence and what to do', async ({ page }) => {
  // Arranged through the API (the live probe would stop this order in the form): a wrong Redis password.
  const res = await page.request.post('/api/v1/deployments', {
    data: {
      clientToken: randomUUID(),
      regionId: 'cn-hangzhou',
      templateName: '高可用版-已有资源',
      name: `dify-wrongredis-${Date.now() % 100000}`,
      parameters: {
        vpcId: SANDBOX.vpc,
        clusterId: PRO_CLUSTER,
        postgresInstanceId: SANDBOX.pg,
        postgresAccount: 'postgres',
        postgresPassword: SANDBOX.pgPassword,
        redisInstanceId: SANDBOX.redis,
        redisPassword: 'Wrong_Redis2026',
        milvusInstanceId: SANDBOX.milvus,
        milvusEndpoint: SANDBOX.milvusEndpoint,
        milvusUser: 'root',
        milvusPassword: SANDBOX.milvusPassword,
        highAvailability: true,
      },
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  const { instanceId } = (await res.json()) as { instanceId: string };

  await page.goto(`/deployments/${instanceId}`);
  const deployment = new DeploymentPage(page);
  await expect(deployment.status).toHaveAttribute('data-status', 'DeployedFailed', { timeout: 45_000 });
  const health = page.getByRole('region', { name: '运行状况' });
  await expect(health.getByTestId('health-summary')).toContainText('Dify 运行异常', { timeout: 30_000 });
  await expect(health.getByTestId('health-check-pods.worker')).toHaveAttribute('data-status', 'fail');
  await expect(health.getByTestId('health-check-pods.web')).toHaveAttribute('data-status', 'pass');
  // The worker crash-loops with Redis's own error text: the card explains it, shows the line, names the field.
  const card = health.getByRole('article', { name: 'worker 的诊断' });
  await expect(card).toContainText('Redis 拒绝了 Dify 使用的密码');
  await expect(card.getByTestId('diagnosis-evidence')).toContainText('WRONGPASS invalid username-password pair or user is disabled.');
  await expect(card.getByTestId('diagnosis-fix')).toContainText('Redis实例密码');
});
