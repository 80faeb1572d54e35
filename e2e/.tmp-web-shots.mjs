import { chromium } from '@playwright/test';
const base = process.env.BASE ?? 'http://127.0.0.1:8791';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
for (const scheme of ['light', 'dark']) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme, locale: 'zh-CN' });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text().slice(0, 300)); });
  const jsBytes = [];
  page.on('response', async (r) => { if (r.url().endsWith('.js')) jsBytes.push(r.url().split('/').pop()); });
  await page.goto(base + '/');
  await page.getByRole('combobox', { name: '专有网络VPC实例ID', exact: true }).waitFor();
  if (scheme === 'light') console.log('js loaded on first screen', jsBytes);
  await page.screenshot({ path: `/tmp/shots/${scheme}-empty.png`, fullPage: true });
  // pick a VPC
  await page.getByRole('combobox', { name: '专有网络VPC实例ID', exact: true }).click();
  await page.getByText('dify-prod', { exact: false }).first().waitFor();
  await page.screenshot({ path: `/tmp/shots/${scheme}-vpc-open.png` });
  await page.locator('.ant-select-item-option').filter({ hasText: 'dify-prod' }).first().click();
  await page.getByRole('combobox', { name: 'ACK 集群ID', exact: true }).click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/shots/${scheme}-cluster-open.png` });
  const firstOk = page.locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)').first();
  await firstOk.click();
  for (const name of ['PgSql实例ID', 'Redis实例ID', 'Milvus实例']) {
    await page.getByRole('combobox', { name, exact: true }).click();
    await page.waitForTimeout(600);
    if (name === 'PgSql实例ID') await page.screenshot({ path: `/tmp/shots/${scheme}-pg-open.png` });
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)').first().click();
  }
  await page.getByLabel('PostgresSQL数据库密码').fill('abcdefgh');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/shots/${scheme}-filled.png`, fullPage: true });
  if (scheme === 'light') {
    await page.getByRole('radio', { name: 'English' }).check().catch((e) => console.log('radio check failed', e.message.slice(0, 200)));
    await page.waitForTimeout(500);
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.screenshot({ path: `/tmp/shots/en-1024.png`, fullPage: true });
    await page.getByRole('button', { name: 'Next: confirm order' }).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/shots/en-next.png` });
    await page.goto(base + '/deployments');
    await page.getByRole('heading', { name: 'Deployments' }).waitFor();
    console.log('deployments ok, lang persisted');
  }
  await ctx.close();
}
await browser.close();
