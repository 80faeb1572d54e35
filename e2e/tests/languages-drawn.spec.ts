import { DeployWizardPage } from '../support/deploy-wizard-page';
import { expect, test } from '../support/fixtures';
import { expectOneLanguage } from '../support/language';

/**
 * The form drawn from the template's metadata (service version 7 adds parameters the console has no
 * field for), in each language: labels, groups and notes in the user's words, the template's
 * parameter names only as IDs (code).
 */
test.use({ bffEnv: { COMPUTE_NEST_SERVICE_VERSION: '7' } });

for (const lang of ['zh-CN', 'en'] as const) {
  test(`the drawn form speaks ${lang} only`, async ({ page }) => {
    await page.addInitScript((l) => window.localStorage.setItem('dify-console.locale', l), lang);
    const wizard = new DeployWizardPage(page);
    await wizard.goto();
    const advanced = page.getByRole('region', { name: lang === 'zh-CN' ? '高级配置' : 'Advanced' });
    await expect(advanced).toBeVisible({ timeout: 30_000 });
    await expect(advanced.getByText(lang === 'zh-CN' ? 'Dify 日志级别' : 'Dify log level', { exact: true })).toBeVisible();
    // The note names the template's parameter as code, in a sentence of the user's language.
    await expect(advanced.locator('code', { hasText: 'DifyLogLevel' })).toBeVisible();
    await expectOneLanguage(page, lang, 'the form drawn from service version 7');
  });
}
