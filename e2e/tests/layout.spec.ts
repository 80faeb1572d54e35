import { expect, test } from '../support/fixtures';
import { McpPage } from '../support/mcp-page';

// The password of user nacos on every Nacos of the local cloud (README sandbox table).
const NACOS_PASSWORD = 'Dify#Nacos2026';

test("the MCP page once connected: the disconnect button keeps the panel's inner spacing from its edge", async ({ page }) => {
  const mcp = new McpPage(page);
  await mcp.open();
  await mcp.connectMse('dify-nacos', NACOS_PASSWORD);
  const panel = page.getByRole('region', { name: /^已连接 dify-nacos/ });
  const disconnect = panel.getByRole('button', { name: /断开连接/ });
  await expect(disconnect).toBeVisible();
  const outer = (await panel.boundingBox())!;
  const button = (await disconnect.boundingBox())!;
  const left = button.x - outer.x;
  const below = outer.y + outer.height - (button.y + button.height);
  // The panel's padding (24 px) plus its border, below as on the left.
  expect(left).toBe(25);
  expect(below).toBe(left);
});

const LANGS = { 'zh-CN': { template: '模板', cluster: 'ACK 集群ID' }, en: { template: 'Template', cluster: 'ACK cluster ID' } } as const;
// Where the form's column holds the three (Chinese from 1280 px, the longer English from 1366 px) they
// sit on one row; narrower, whole options wrap, never the words inside one.
const ONE_ROW_FROM = { 'zh-CN': 1280, en: 1366 } as const;
for (const lang of ['zh-CN', 'en'] as const) {
  for (const width of [1440, 1366, 1280, 1024, 560]) {
    const oneRow = width >= ONE_ROW_FROM[lang];
    test(`the template choices at ${width} px in ${lang}: ${oneRow ? 'on one row' : 'wrapped by whole options'}, each option's words on one line`, async ({ page }) => {
      await page.addInitScript((l) => window.localStorage.setItem('dify-console.locale', l), lang);
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/');
      // The whole form and the resource map beside it are drawn (they follow the first fields).
      await expect(page.getByRole('combobox', { name: LANGS[lang].cluster })).toBeVisible();
      const group = page.getByRole('radiogroup', { name: LANGS[lang].template });
      await expect(group.getByRole('radio')).toHaveCount(3);
      const options = await group.locator('label').evaluateAll((labels) =>
        labels.map((label) => {
          const words = label.lastElementChild!;
          const box = label.getBoundingClientRect();
          const text = words.getBoundingClientRect();
          return { name: words.textContent, top: Math.round(box.top), right: box.right, lines: Math.round(text.height / parseFloat(getComputedStyle(words).lineHeight)) };
        }),
      );
      const groupBox = (await group.boundingBox())!;
      expect(options.filter((o) => o.lines !== 1), 'options whose words wrap').toEqual([]);
      expect(options.filter((o) => o.right > groupBox.x + groupBox.width + 1), 'options past the edge').toEqual([]);
      expect(new Set(options.map((o) => o.top)).size === 1, JSON.stringify(options)).toBe(oneRow);
    });
  }
}
