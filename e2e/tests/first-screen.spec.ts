import { DeployWizardPage } from '../support/deploy-wizard-page';
import { expect, test } from '../support/fixtures';
import { SANDBOX, ZH } from '../support/form-data';

test('the form takes input while the listings are still on their way', async ({ page, sim }) => {
  // Held back under the BFF's 10 s cloud timeout, so the listing arrives rather than being retried.
  // The delay is the test account's own: other tests' listings are not slowed.
  await sim.latency(6_000, 'DescribeVpcs');
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  const name = wizard.field(ZH.name);
  await name.fill('dify-first');
  await expect(name).toHaveValue('dify-first');
  await wizard.fill(ZH.pgPassword, SANDBOX.pgPassword);
  await expect(wizard.field(ZH.pgPassword)).toHaveValue(SANDBOX.pgPassword);
  // The VPC picker says it is loading: the cloud has not answered yet.
  await expect(wizard.item(ZH.vpc)).toContainText('加载中');
  // Then the listing arrives: the delay held it back, nothing failed, and the test's BFF stops with
  // no request still in flight.
  await expect(wizard.item(ZH.vpc)).not.toContainText('加载中', { timeout: 30_000 });
});
