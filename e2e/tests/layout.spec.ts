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
