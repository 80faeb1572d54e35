import { NACOS_PORT } from '../playwright.config';
import { expect, test } from '../support/fixtures';
import { chineseIn, visibleTexts } from '../support/language';
import { McpPage } from '../support/mcp-page';

// The password of user nacos on every Nacos of the local cloud (README sandbox table).
const NACOS_PASSWORD = 'Dify#Nacos2026';

test('connect to an MSE Nacos, switch a tool off and see it gone from what Dify sees, edit a description', async ({ page, sim }) => {
  const mcp = new McpPage(page);
  await mcp.open();

  // A wrong password is said in plain words.
  await mcp.connectMse('dify-nacos', 'not-the-password');
  await expect(mcp.connectionError).toContainText('用户名或密码');
  // Nacos 3.0.0 cannot be picked: its reason is shown with it.
  await page.getByLabel('MSE 实例').click();
  const legacy = mcp.option(/legacy-nacos/);
  await expect(legacy).toContainText('低于 3.0.1');
  await expect(legacy).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');

  await mcp.connectMse('dify-nacos', NACOS_PASSWORD);
  await expect(page.getByText('已连接 dify-nacos')).toBeVisible();

  // Before: Dify sees search_knowledge.
  await mcp.tab('Dify 将看到的内容');
  await expect(mcp.difyServer('dify-knowledge')).toContainText('search_knowledge');

  // Switch it off on the server's page.
  await mcp.openServer('dify-knowledge');
  await expect(mcp.toolSwitch('search_knowledge')).toBeChecked();
  await mcp.toolSwitch('search_knowledge').click();
  await expect(page.getByText('工具 search_knowledge 已关闭')).toBeVisible();
  await expect(mcp.toolSwitch('search_knowledge')).not.toBeChecked();
  await expect(mcp.toolSwitch('list_datasets')).toBeChecked();

  // After: gone from what Dify sees, the other tool still there, the reason listed.
  await mcp.backToList();
  await mcp.tab('Dify 将看到的内容');
  const knowledge = mcp.difyServer('dify-knowledge');
  await expect(knowledge).toContainText('list_datasets');
  await expect(knowledge).not.toContainText('search_knowledge');
  await expect(page.getByRole('region', { name: 'Dify 看不到的' })).toContainText('dify-knowledge / search_knowledge');

  // Edit a description: the old and the new text side by side, then the new one in the table.
  await mcp.openServer('amap-maps');
  const { before } = await mcp.editDescription('maps_geo', '把地址转换为经纬度坐标（支持城市过滤）。');
  expect(before).toContain('longitude and latitude');
  await expect(mcp.toolRow('maps_geo')).toContainText('把地址转换为经纬度坐标（支持城市过滤）。');
  // Nacos received updates of exactly those versions.
  const puts = (await sim.requests()).filter((r) => r.action === 'PUT /nacos/v3/admin/ai/mcp');
  expect(puts).toHaveLength(2);
  expect(JSON.parse(puts[1]!.params.toolSpecification ?? '{}')).toMatchObject({ toolsMeta: { maps_direction_driving: { enabled: false } } });

  // What Dify needs: the intranet address of the instance, the user, the namespace.
  await mcp.backToList();
  await mcp.tab('连接 Dify');
  await expect(page.locator('[data-field="nacos_addr"]')).toHaveText(/^mse-[0-9a-f]{8}-nacos-ans\.mse\.aliyuncs\.com:8848$/);
  await expect(page.locator('[data-field="nacos_username"]')).toHaveText('nacos');
  await expect(page.locator('[data-field="namespace_id"]')).toHaveText('public');
  await expect(page.getByText(NACOS_PASSWORD)).toHaveCount(0);
});

test('in English: no route to a self-hosted Nacos said in plain words, then connected by address; servers, what Dify sees and the Dify card speak English', async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('dify-console.locale', 'en'));
  await page.goto('/');
  await page.getByRole('link', { name: 'MCP', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Nacos MCP Registry' })).toBeVisible();

  // The 3.0.0 instance is marked with its reason, in English.
  await page.getByLabel('MSE instance').click();
  const legacy = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /legacy-nacos/ });
  await expect(legacy).toContainText('older than 3.0.1');
  await expect(legacy).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');

  // An address nothing listens on: no route, in plain words, and nothing connected.
  await page.getByText('Self-hosted Nacos', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Self-hosted Nacos' })).toBeChecked();
  await page.getByLabel('Nacos address').fill('127.0.0.1:1');
  await page.getByLabel('Password', { exact: true }).fill(NACOS_PASSWORD);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const failure = page.getByRole('alert').filter({ hasText: 'Could not connect' });
  await expect(failure).toContainText('Cannot reach Nacos at 127.0.0.1:1');
  await expect(failure).toContainText('check the address and port');
  expect(chineseIn(await visibleTexts(page))).toEqual([]);

  // The self-hosted Nacos of the local cloud (`pnpm sim` prints it as NACOS_ADDR).
  await page.getByLabel('Nacos address').fill(`127.0.0.1:${NACOS_PORT}`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByText(/^Connected to 127\.0\.0\.1:\d+$/)).toBeVisible();
  await expect(page.getByText('3.1.0')).toBeVisible();
  expect(chineseIn(await visibleTexts(page))).toEqual([]);

  await page.getByRole('tab', { name: 'What Dify will see' }).click();
  await expect(page.getByText('Dify’s Nacos MCP plugin lists only mcp-sse and mcp-streamable servers')).toBeVisible();
  await page.getByRole('tab', { name: 'Connect Dify' }).click();
  await expect(page.locator('[data-field="nacos_username"]')).toHaveText('nacos');
  await expect(page.getByText('Authorization of the Nacos MCP plugin')).toBeVisible();
  await expect(page.getByText(NACOS_PASSWORD)).toHaveCount(0);
  expect(chineseIn(await visibleTexts(page))).toEqual([]);
});

test('a change made by someone else meanwhile is said, not overwritten, and the page shows the new state', async ({ page, sim }) => {
  const mcp = new McpPage(page);
  await mcp.open();
  await mcp.connectMse('dify-nacos', NACOS_PASSWORD);
  await expect(page.getByText('已连接 dify-nacos')).toBeVisible();
  await mcp.openServer('amap-maps');
  await expect(mcp.toolSwitch('maps_geo')).toBeChecked();

  // Another console user edits the same server's tool while this page shows the older state.
  const list = (await (await page.request.get('/api/v1/mcp/servers?namespaceId=public&search=amap-maps')).json()) as { items: { id: string; name: string }[] };
  const id = list.items.find((s) => s.name === 'amap-maps')!.id;
  const detail = (await (await page.request.get(`/api/v1/mcp/servers/${id}?namespaceId=public`)).json()) as { version: string; revision: string };
  const theirs = await page.request.put(`/api/v1/mcp/servers/${id}/tools/maps_geo`, {
    data: { namespaceId: 'public', version: detail.version, revision: detail.revision, description: '另一位用户改写的描述。' },
  });
  expect(theirs.ok(), await theirs.text()).toBe(true);

  // This page's switch, on its older state: refused, said, and the new state shown.
  await mcp.toolSwitch('maps_geo').click();
  await expect(page.getByRole('alert').filter({ hasText: '有人同时修改了该服务' })).toContainText('amap-maps');
  await expect(mcp.toolRow('maps_geo')).toContainText('另一位用户改写的描述。');
  await expect(mcp.toolSwitch('maps_geo')).toBeChecked();
  const puts = (await sim.requests()).filter((r) => r.action === 'PUT /nacos/v3/admin/ai/mcp');
  expect(puts).toHaveLength(1);
});
