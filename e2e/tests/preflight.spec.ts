import { DeployWizardPage, fillSandboxForm } from '../support/deploy-wizard-page';
import { expect, test } from '../support/fixtures';
import { ZH } from '../support/form-data';

test('a Postgres whose whitelist misses the cluster fails the checks; the one-click fix makes it pass', async ({ page, sim }) => {
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  await fillSandboxForm(wizard, ZH, { pg: 'pgm-bp1dfypg15e3f4g5h' });
  const review = await wizard.next();

  const whitelist = review.check(/PostgreSQL 白名单/);
  await expect(whitelist).toContainText('失败', { timeout: 20_000 });
  await expect(review.orderButton).toBeDisabled();
  await expect(review.blockedReason).toContainText('失败');

  await whitelist.getByRole('button', { name: '修复白名单' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('dify_ack');
  await expect(dialog).toContainText('172.16.64.0/18');
  await expect(dialog).toContainText('172.16.128.0/18');
  await dialog.getByRole('button', { name: '确认修改' }).click();

  // Passing now: its group folds to one line.
  await expect(page.getByTestId('check-postgres.whitelist')).toHaveAttribute('data-status', 'pass', { timeout: 20_000 });
  await expect(page.getByTestId('preflight-group-postgres')).not.toHaveAttribute('open');
  // The cloud received exactly one change, into the dedicated group, appended.
  const changes = await sim.requests({ action: 'ModifySecurityIps' });
  expect(changes).toHaveLength(1);
  expect(changes[0]!.params).toMatchObject({ DBInstanceId: 'pgm-bp1dfypg15e3f4g5h', DBInstanceIPArrayName: 'dify_ack', ModifyMode: 'Append' });
  await review.readyToOrder();
});

test('the prerequisites page shows the guide’s permission table for the caller', async ({ page, account }) => {
  await page.goto('/');
  await page.getByRole('link', { name: '前提条件' }).click();
  await expect(page.getByRole('heading', { name: '前提条件' })).toBeVisible();
  const policies = page.getByRole('region', { name: '权限策略' });
  for (const name of ['AliyunCSFullAccess', 'AliyunRDSFullAccess', 'AliyunComputeNestUserFullAccess']) {
    await expect(policies.getByTestId(`policy-${name}`)).toContainText('无需授权');
  }
  await expect(page.getByRole('region', { name: '当前身份' })).toContainText(account.accountId);
});
