import { DeployWizardPage, fillSandboxForm, ReviewStep } from '../support/deploy-wizard-page';
import { expect, test } from '../support/fixtures';
import { SANDBOX, ZH } from '../support/form-data';

test('step 2 fails to load once: the page says so, keeps what was typed, and a retry brings it', async ({ page }) => {
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  await fillSandboxForm(wizard, ZH);
  // The network drops the first request for step 2's code (the files of a lazily loaded part).
  let dropped = 0;
  await page.route(/\/assets\/review-step-[\w-]+\.js$/, async (route) => {
    if (dropped++ === 0) await route.abort('connectionreset');
    else await route.continue();
  });
  await page.getByRole('button', { name: '下一步：确认订单' }).click();
  const failure = page.getByRole('alert').filter({ hasText: '这部分页面没能加载' });
  await expect(failure).toBeVisible();
  await expect(failure).toContainText('已填写的内容都还在');
  // The rest of the page is still there (the header, the stepper).
  await expect(page.getByRole('link', { name: '部署列表' })).toBeVisible();
  await failure.getByRole('button', { name: '重试' }).click();
  await expect(new ReviewStep(page).summary).toBeVisible();
  expect(dropped).toBe(2);
  // Nothing typed was lost: back on step 1, the password is still in its field.
  await page.getByRole('button', { name: /返回修改参数|上一步/ }).first().click();
  await expect(wizard.field(ZH.pgPassword)).toHaveValue(SANDBOX.pgPassword);
});

test('a page of a version no longer served is a 404, said in words with a way out', async ({ page }) => {
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  // As after an update of the console: the open page asks for a file the server no longer has.
  await page.route(/\/assets\/deployments-[\w-]+\.js$/, (route) => route.fulfill({ status: 404, body: '' }));
  await page.getByRole('link', { name: '部署列表' }).click();
  const failure = page.getByRole('alert').filter({ hasText: '这部分页面没能加载' });
  await expect(failure).toBeVisible();
  await expect(failure.getByRole('button', { name: '刷新页面' })).toBeVisible();
  // Another page resets it.
  await page.getByRole('link', { name: '部署', exact: true }).click();
  await expect(wizard.field(ZH.name)).toBeVisible();
  await expect(failure).toHaveCount(0);
});
