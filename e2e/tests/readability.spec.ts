import { expect, test } from '../support/fixtures';
import { textContrast } from '../support/contrast';
import { McpPage } from '../support/mcp-page';

// Text reads at 4.5:1 at least (WCAG AA) in both themes, measured as the browser draws it.
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`the ${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('the MCP page: both options of the registry kind read, the selected one too', async ({ page }) => {
      const mcp = new McpPage(page);
      await mcp.open();
      const kind = page.getByRole('radiogroup').filter({ hasText: 'MSE Nacos（本账号）' });
      const selected = kind.locator('.ant-radio-button-wrapper-checked');
      await expect(selected).toHaveText('MSE Nacos（本账号）');
      expect(await textContrast(selected)).toBeGreaterThanOrEqual(4.5);
      expect(await textContrast(kind.locator('.ant-radio-button-wrapper').filter({ hasText: '自建 Nacos' }))).toBeGreaterThanOrEqual(4.5);
    });

    test("the wizard: the template choices' words, the chosen one on its tint too", async ({ page }) => {
      await page.goto('/');
      const group = page.getByRole('radiogroup', { name: '模板' });
      await expect(group.getByRole('radio')).toHaveCount(3);
      const chosen = group.locator('label').filter({ hasText: '高可用版-已有资源' }).locator('span').last();
      expect(await textContrast(chosen)).toBeGreaterThanOrEqual(4.5);
    });
  });
}
