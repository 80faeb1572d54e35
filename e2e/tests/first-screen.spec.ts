import { expect, test } from '@playwright/test';
import { DeployWizardPage } from '../support/deploy-wizard-page';
import { SANDBOX, ZH } from '../support/form-data';
import { sim } from '../support/sim';

test.beforeEach(async () => {
  await sim.reset();
});
test.afterEach(async () => {
  await sim.reset();
});

test('the form takes input while the listings are still on their way', async ({ page }) => {
  await sim.latency(15_000, 'DescribeVpcs');
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  const name = wizard.field(ZH.name);
  await name.fill('dify-first');
  await expect(name).toHaveValue('dify-first');
  await wizard.fill(ZH.pgPassword, SANDBOX.pgPassword);
  await expect(wizard.field(ZH.pgPassword)).toHaveValue(SANDBOX.pgPassword);
  // The VPC picker says it is loading: the cloud has not answered yet.
  await expect(wizard.item(ZH.vpc)).toContainText('加载中');
});
