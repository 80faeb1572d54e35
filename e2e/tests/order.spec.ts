import { DeploymentPage, DeployWizardPage, fillSandboxForm } from '../support/deploy-wizard-page';
import { expect, test } from '../support/fixtures';
import { SANDBOX, ZH } from '../support/form-data';

test('price before ordering, a double click orders once, and the deployment reaches Deployed', async ({ page, sim }) => {
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  const name = await wizard.field(ZH.name).inputValue();
  await fillSandboxForm(wizard, ZH);
  const review = await wizard.next();

  // The price is shown before anything is ordered, and no password is on the page.
  await expect(review.price).toBeVisible();
  await expect(review.total).toHaveText(/¥\s*\d+\.\d+/);
  await expect(review.price).toContainText(/沙箱价格/);
  const orders = async () => (await sim.requests({ action: 'CreateServiceInstance' })).filter((r) => r.params.DryRun !== 'true');
  expect(await orders()).toHaveLength(0);
  const html = await page.content();
  for (const secret of [SANDBOX.pgPassword, SANDBOX.redisPassword, SANDBOX.milvusPassword]) expect(html).not.toContain(secret);

  await expect(review.orderButton).toBeDisabled();
  await review.readyToOrder();
  await review.orderButton.dblclick();

  const deployment = new DeploymentPage(page);
  await expect(page).toHaveURL(/\/deployments\/si-[a-z0-9]+$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(deployment.logs).toContainText(/./, { timeout: 20_000 });
  await expect(deployment.status).toHaveAttribute('data-status', 'Deployed', { timeout: 45_000 });
  await expect(deployment.progress).toHaveAttribute('aria-valuenow', '100');

  // One instance in the cloud, however often the button was clicked.
  const creates = await orders();
  expect(creates.length).toBeGreaterThan(0);
  expect(new Set(creates.map((r) => r.params.ClientToken)).size).toBe(1);
  const list = (await (await page.request.get('/api/v1/deployments?refresh=true')).json()) as { items: { name: string }[] };
  expect(list.items.filter((i) => i.name === name)).toHaveLength(1);

  // From another tab (another browser would do the same) the page picks up where it is.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(new DeploymentPage(other).status).toHaveAttribute('data-status', 'Deployed');
  // Reopened after the end, the log is all there.
  await expect(new DeploymentPage(other).logs.getByTestId('log-line').last()).toContainText('Deploy service instance successfully');
});

test('a wrong Postgres password fails the deployment with the reason and the field to fix', async ({ page }) => {
  // Ordered through the API: in the form, the live probe (live-health.spec.ts) stops this order.
  const name = `dify-wrongpg-${Date.now() % 100000}-pg`;
  const res = await page.request.post('/api/v1/deployments', {
    data: {
      clientToken: `e2e-${Date.now()}`,
      regionId: 'cn-hangzhou',
      templateName: '高可用版-已有资源',
      name,
      parameters: {
        vpcId: SANDBOX.vpc,
        clusterId: 'c900cca321576a513b7afa8ad1175dc21',
        postgresInstanceId: SANDBOX.pg,
        postgresAccount: 'postgres',
        postgresPassword: 'Wrong#Pass2026',
        redisInstanceId: SANDBOX.redis,
        redisPassword: SANDBOX.redisPassword,
        milvusInstanceId: SANDBOX.milvus,
        milvusEndpoint: SANDBOX.milvusEndpoint,
        milvusUser: 'root',
        milvusPassword: SANDBOX.milvusPassword,
        highAvailability: true,
      },
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  const wizard = new DeployWizardPage(page);
  await page.goto(`/deployments/${((await res.json()) as { instanceId: string }).instanceId}`);

  const deployment = new DeploymentPage(page);
  await expect(deployment.failure).toBeVisible({ timeout: 45_000 });
  await expect(deployment.status).toHaveAttribute('data-status', 'DeployedFailed');
  await expect(deployment.failure).toContainText('密码');
  await expect(deployment.failure).toContainText(ZH.pgPassword);
  // What the failed instance left, that it is billed, and its deletion at hand.
  const billed = page.getByTestId('failure-billed');
  await expect(billed).toContainText('持续计费');
  await expect(billed).toContainText('NAS 文件系统');
  await expect(page.getByRole('button', { name: '删除实例，停止计费' })).toBeVisible();

  // Reopened, a failed deployment shows its log (the lines that led to the failure).
  await page.reload();
  await expect(deployment.logs.getByTestId('log-line').first()).toBeVisible();
  await expect(deployment.logs).toContainText(/password authentication failed|CREATE_FAILED/);

  await page.getByRole('button', { name: '返回修改参数' }).click();
  await expect(page).toHaveURL(/\/$/);
  // The user's name with a suffix; every emptied secret is marked.
  await expect(wizard.field(ZH.name)).toHaveValue(`${name}-2`);
  for (const secret of [ZH.pgPassword, ZH.redisPassword, ZH.milvusPassword]) {
    await expect(wizard.field(secret)).toHaveValue('');
    await expect(wizard.item(secret)).toContainText(/保密参数未保留|部署失败与此项有关/);
  }
  await expect(wizard.field(ZH.pg)).toBeVisible();
});
