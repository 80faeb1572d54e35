import { DeploymentPage, DeployWizardPage, fillSandboxForm } from '../support/deploy-wizard-page';
import { expect, test } from '../support/fixtures';
import { SANDBOX, ZH } from '../support/form-data';

/**
 * The console started with COMPUTE_NEST_SERVICE_VERSION=7: the local cloud's newer service version,
 * whose existing-resources template renames its parameters, adds two the console has no field
 * for (a select and a bounded number) and makes the account-name rule stricter. The console's
 * code names none of them: the form is drawn from the template the BFF reads at run time.
 */
test.use({ bffEnv: { COMPUTE_NEST_SERVICE_VERSION: '7' } });

test('an order on service version 7: the unknown parameters drawn, filled and sent; the cloud records version 7', async ({ page, sim }) => {
  test.setTimeout(150_000);
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  await expect(page.getByTestId('service-version')).toHaveText('服务版本 7（v1.2.0）');
  const name = await wizard.field(ZH.name).inputValue();
  await fillSandboxForm(wizard, ZH);

  // The template's own rule on a bound field, in its words: stricter than ours in this version.
  await wizard.fill(ZH.pgAccount, 'Postgres');
  await expect(wizard.errorOf(ZH.pgAccount)).toHaveText('由 2 到 32 个小写字母、数字或下划线组成，以小写字母开头');
  await wizard.fill(ZH.pgAccount, 'postgres');
  await expect(wizard.errorOf(ZH.pgAccount)).toHaveCount(0);

  // The parameters the console does not know, drawn in their template group from their metadata.
  const advanced = page.getByRole('region', { name: '高级配置' });
  await expect(advanced).toBeVisible();
  const size = wizard.field('插件存储容量（GiB）');
  await expect(size).toHaveValue('20');
  await size.fill('5');
  await expect(wizard.errorOf('插件存储容量（GiB）')).toHaveText('取值范围 10 ~ 500');
  await size.fill('40');
  await expect(wizard.errorOf('插件存储容量（GiB）')).toHaveCount(0);
  await expect(wizard.item('Dify 日志级别')).toContainText('INFO');
  await wizard.field('Dify 日志级别').click();
  await wizard.options('DEBUG').click();
  await expect(wizard.item('Dify 日志级别')).toContainText('DEBUG');

  const review = await wizard.next();
  // Parameter ← field, and the version the order is placed on.
  const mapping = page.getByRole('region', { name: '模板参数' });
  await expect(mapping.getByTestId('mapping-version')).toContainText('服务版本 7（v1.2.0）');
  await expect(mapping.getByTestId('mapping-DifyLogLevel')).toContainText('DEBUG');
  await expect(mapping.getByTestId('mapping-PluginStorageSize')).toContainText('40');
  await expect(mapping.getByRole('row').filter({ hasText: ZH.pgPassword })).toContainText('******');
  for (const secret of [SANDBOX.pgPassword, SANDBOX.redisPassword, SANDBOX.milvusPassword]) expect(await page.content()).not.toContain(secret);

  await review.readyToOrder();
  await review.orderButton.click();
  await expect(page).toHaveURL(/\/deployments\/si-[a-z0-9]+$/);
  const instanceId = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.locator('dl > div').filter({ hasText: '服务版本' })).toContainText('7');

  // What the cloud received: version 7, the drawn values under the template's names, typed.
  const creates = (await sim.requests({ action: 'CreateServiceInstance' })).filter((r) => r.params.DryRun !== 'true');
  expect(creates).toHaveLength(1);
  expect(creates[0]!.params.ServiceVersion).toBe('7');
  const sent = JSON.parse(creates[0]!.params.Parameters!) as Record<string, unknown>;
  expect(sent).toMatchObject({ DifyLogLevel: 'DEBUG', PluginStorageSize: 40, PgAccountName: 'postgres', ExistingVpcId: SANDBOX.vpc });
  // What it records, and that the deployment runs on that version's template.
  const recorded = await sim.serviceInstance(instanceId);
  expect(recorded).toMatchObject({ ServiceVersion: '7', Parameters: { DifyLogLevel: 'DEBUG' } });
  expect(String(recorded?.Parameters.PluginStorageSize)).toBe('40');
  const deployment = new DeploymentPage(page);
  await expect(deployment.status).toHaveAttribute('data-status', 'Deployed', { timeout: 60_000 });
  await expect(page.getByText('DifyLogLevel')).toBeVisible();
});
