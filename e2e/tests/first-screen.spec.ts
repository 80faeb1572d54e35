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
  // Under the BFF's 10 s cloud timeout, so the listing arrives rather than being retried.
  await sim.latency(6_000, 'DescribeVpcs');
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  // A region no other spec lists: the BFF keeps a listing for 30 s, so the default region's VPCs
  // may already be known from an earlier spec; Beijing's are asked for now, behind the delay.
  await wizard.pick(ZH.region, '华北2（北京）');
  const name = wizard.field(ZH.name);
  await name.fill('dify-first');
  await expect(name).toHaveValue('dify-first');
  await wizard.fill(ZH.pgPassword, SANDBOX.pgPassword);
  await expect(wizard.field(ZH.pgPassword)).toHaveValue(SANDBOX.pgPassword);
  // The VPC picker says it is loading: the cloud has not answered yet.
  await expect(wizard.item(ZH.vpc)).toContainText('加载中');
  // Then the listing arrives; nothing of this test is left in flight for the next one (the BFF
  // shares a request in flight, so a later spec would wait behind the delay).
  await expect(wizard.item(ZH.vpc)).not.toContainText('加载中', { timeout: 30_000 });
});
