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

test('the first screen waits for no session round trip and generates no CSS; the theme still colours it', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  // The index carried the session state: it was not asked for, and its element is gone.
  expect(asked).not.toContain('/api/v1/session');
  await expect(page.locator('meta[name="dify-console-session"]')).toHaveCount(0);
  // antd's styles came as a stylesheet: the only styles written at run time are the theme's CSS
  // variables (no component rules, which antd scopes under :where(.css-…)).
  const styles = await page.evaluate(() => [...document.querySelectorAll('style')].map((s) => s.textContent ?? ''));
  expect(styles.filter((css) => css.includes(':where(.css-'))).toEqual([]);
  expect(styles.some((css) => css.includes('--ant-color-primary:#1664ff'))).toBe(true);
  // Compute Nest's blue on the primary button (antd's default is #1677ff), from the theme's variables.
  const next = page.getByRole('button', { name: '下一步：确认订单' });
  await expect(next).toHaveCSS('background-color', 'rgb(22, 100, 255)');
  await expect(wizard.field(ZH.name)).toHaveCSS('border-top-style', 'solid');
});

test.describe('in the dark', () => {
  test.use({ colorScheme: 'dark' });
  test('the static styles follow the dark theme', async ({ page }) => {
    const wizard = new DeployWizardPage(page);
    await wizard.goto();
    // The dark algorithm's container background reaches the inputs through the variables.
    await expect(wizard.field(ZH.name)).toHaveCSS('background-color', 'rgb(20, 20, 20)');
  });
});
