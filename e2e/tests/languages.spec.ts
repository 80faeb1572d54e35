/// <reference lib="dom" />
import type { APIRequestContext, Page } from '@playwright/test';
import { DeploymentPage, DeployWizardPage, fillSandboxForm } from '../support/deploy-wizard-page';
import { expect, test, type AccountSim } from '../support/fixtures';
import { EN, SANDBOX, ZH, type Labels } from '../support/form-data';
import { expectOneLanguage } from '../support/language';

/**
 * Every page in each language, with the sandbox's resources in it: no text of the other language
 * outside the allow-list (product names, IDs, addresses). The log and code blocks are the cloud's
 * verbatim words and are not judged.
 */

const PRO = 'c900cca321576a513b7afa8ad1175dc21';

async function orderThroughApi(api: APIRequestContext, name: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await api.post('/api/v1/deployments', {
    data: {
      clientToken: `e2e-lang-${name}`,
      regionId: 'cn-hangzhou',
      templateName: '高可用版-已有资源',
      name,
      parameters: {
        vpcId: SANDBOX.vpc,
        clusterId: PRO,
        postgresInstanceId: SANDBOX.pg,
        postgresAccount: 'postgres',
        postgresPassword: SANDBOX.pgPassword,
        redisInstanceId: SANDBOX.redis,
        redisPassword: SANDBOX.redisPassword,
        milvusInstanceId: SANDBOX.milvus,
        milvusEndpoint: SANDBOX.milvusEndpoint,
        milvusUser: 'root',
        milvusPassword: SANDBOX.milvusPassword,
        highAvailability: true,
        ...over,
      },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { instanceId: string }).instanceId;
}

async function finalStatus(api: APIRequestContext, instanceId: string): Promise<string> {
  let status = '';
  await expect
    .poll(
      async () => {
        status = ((await (await api.get(`/api/v1/deployments/${instanceId}`)).json()) as { status: string }).status;
        return status === 'Deployed' || status === 'DeployedFailed';
      },
      { timeout: 45_000 },
    )
    .toBe(true);
  return status;
}

type Lang = 'zh-CN' | 'en';
const LABELS: Record<Lang, Labels> = { 'zh-CN': ZH, en: EN };

/**
 * Every time a page shows comes from one clock. The local cloud's is a day ahead of the console's
 * (support/global-setup.ts puts it there before any test; it runs SIM_SPEED times fast anyway), so
 * the two never overlap: each time shown falls in the window of one of them, and a page's times all
 * in the window of the clock it uses (the cloud's on a deployment's pages, the console's on the
 * order step).
 */
const DAY = 24 * 3600_000;
const SLACK = 5_000;

/** The local cloud's clock as a test reads it, from when the test's deployments were ordered. */
interface CloudClock {
  sim: AccountSim;
  from: number;
}

async function expectOneClock(page: Page, where: string, clock: 'cloud' | 'console', atLeast: number, cloud: CloudClock): Promise<void> {
  const times = await page.evaluate(() =>
    [...document.querySelectorAll('time[datetime], [data-time]')].map((el) => ({
      text: (el.textContent ?? '').slice(0, 60),
      at: Date.parse(el.getAttribute('datetime') ?? el.getAttribute('data-time') ?? ''),
    })),
  );
  expect(times.length, where).toBeGreaterThanOrEqual(atLeast);
  const to = clock === 'cloud' ? await cloud.sim.now() : Date.now();
  // The console's times of the last hour, and its own deadlines of the next (the MCP credentials kept for an hour).
  const from = clock === 'cloud' ? cloud.from : to - 3600_000;
  const until = clock === 'cloud' ? to : to + 3600_000;
  const other = times.filter((t) => !(t.at >= from - SLACK && t.at <= until + SLACK));
  expect(other, `${where}: times not on the ${clock}'s clock [${new Date(from).toISOString()}, ${new Date(to).toISOString()}]`).toEqual([]);
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`every page speaks ${lang} only`, async ({ page, sim }) => {
    test.setTimeout(120_000);
    const L = LABELS[lang];
    const cloud: CloudClock = { sim, from: await sim.now() };
    expect(cloud.from - Date.now(), "the local cloud's clock a day ahead of the console's").toBeGreaterThan(DAY - 3600_000);
    // A deployment that succeeds and one that fails, in this test's account, while the form is walked.
    const deployedId = await orderThroughApi(page.request, 'dify-lang-ok');
    const failedId = await orderThroughApi(page.request, 'dify-lang-bad', { clusterId: 'c603d86c0ed3128c7b799b0a92a90b860', postgresPassword: 'Wrong#Pass2026' });
    await page.addInitScript((l) => window.localStorage.setItem('dify-console.locale', l), lang);
    const wizard = new DeployWizardPage(page);
    await wizard.goto();
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
    await expectOneLanguage(page, lang, 'the empty form');

    // A picker open: its tags (states, architectures) in the user's language.
    await wizard.open(L.vpc);
    await expectOneLanguage(page, lang, 'the VPC picker');
    await wizard.closeDropdown();
    await fillSandboxForm(wizard, L);
    await wizard.open(L.redis);
    await expectOneLanguage(page, lang, 'the Redis picker');
    await wizard.closeDropdown();
    await expectOneLanguage(page, lang, 'the filled form');
    // Text boxes and selects end on one right edge; every label fits on one line.
    const layout = await page.evaluate(() => {
      const controls = [...document.querySelectorAll('.ant-form-item .ant-input-affix-wrapper, .ant-form-item input.ant-input, .ant-form-item .ant-select')]
        .filter((el) => !el.parentElement?.closest('.ant-input-affix-wrapper, .ant-select'))
        .map((el) => ({ name: el.closest('.ant-form-item')?.querySelector('label')?.textContent ?? '', right: Math.round(el.getBoundingClientRect().right) }))
        .filter((c) => c.right > 0);
      const labels = [...document.querySelectorAll('.ant-form-item-label > label')].map((el) => {
        const box = el.getBoundingClientRect();
        return { name: el.textContent ?? '', lines: Math.round(box.height / parseFloat(getComputedStyle(el).lineHeight || '22')) };
      });
      return { controls, labels };
    });
    expect(layout.controls.length).toBeGreaterThan(8);
    const edge = layout.controls[0]!.right;
    expect(layout.controls.filter((c) => Math.abs(c.right - edge) > 1), `right edges (${lang})`).toEqual([]);
    expect(layout.labels.filter((l) => l.lines > 1), `labels on more than one line (${lang})`).toEqual([]);

    const review = await wizard.next();
    await expect(review.checks).toContainText(/检查于|Checked at/, { timeout: 20_000 });
    await expect(review.total).toBeVisible();
    await expectOneLanguage(page, lang, 'the order step');
    await expect(review.page.locator('[data-time]')).toHaveCount(2);
    await expectOneClock(page, 'the order step', 'console', 2, cloud);
    // The order bar stays in sight at the bottom of the window while the page scrolls.
    const bar = page.getByTestId('order-bar');
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await bar.boundingBox();
    const height = page.viewportSize()!.height;
    expect(box && box.y + box.height).toBeLessThanOrEqual(height + 1);
    expect(box && box.y + box.height).toBeGreaterThan(height - 4);
    await expect(bar.getByTestId('order-bar-price')).toContainText(/¥/);
    // The agreement is a link that opens it.
    await bar.getByRole('button', { name: /计算巢服务协议|Compute Nest service agreement/ }).click();
    await expect(page.getByTestId('agreement-text')).toBeVisible();
    await expectOneLanguage(page, lang, 'the service agreement');
    await page.getByRole('button', { name: /同意并关闭|Agree and close/ }).click();
    await expect(review.agreement).toBeChecked();

    expect(await finalStatus(page.request, deployedId)).toBe('Deployed');
    expect(await finalStatus(page.request, failedId)).toBe('DeployedFailed');
    // An access entry on the deployed one: its address, checks and settings are on its page.
    const entry = await page.request.put(`/api/v1/deployments/${deployedId}/access`, { data: { kind: 'loadBalancer', addressType: 'internet' } });
    expect(entry.status(), await entry.text()).toBe(200);
    await page.goto(`/deployments/${deployedId}`);
    const deployment = new DeploymentPage(page);
    await expect(deployment.status).toHaveAttribute('data-status', 'Deployed');
    await expect(page.getByRole('region', { name: /访问入口|Access entry/ })).toBeVisible();
    await expect(page.getByTestId('access-url')).toBeVisible({ timeout: 30_000 });
    await expect(deployment.logs.getByTestId('log-line').first()).toBeVisible();
    // The smoke test's result, with when it ran.
    await expect(page.getByTestId('health-checked-at')).toBeVisible({ timeout: 30_000 });
    await expectOneLanguage(page, lang, 'a deployed deployment');
    await expectOneClock(page, 'a deployed deployment', 'cloud', 4, cloud);

    await page.goto(`/deployments/${failedId}`);
    await expect(deployment.failure).toBeVisible();
    await expect(deployment.logs.getByTestId('log-line').first()).toBeVisible();
    await expect(page.getByTestId('health-checked-at')).toBeVisible({ timeout: 30_000 });
    await expectOneLanguage(page, lang, 'a failed deployment');
    await expectOneClock(page, 'a failed deployment', 'cloud', 4, cloud);
    // Coming back: the form restored, the secrets to type again marked.
    await page.getByRole('button', { name: /返回修改参数|Back to edit parameters/ }).click();
    await expect(wizard.field(L.name)).toHaveValue('dify-lang-bad-2');
    await expectOneLanguage(page, lang, 'the form restored after a failure');

    await page.goto('/deployments');
    await expect(page.getByRole('link', { name: 'dify-lang-ok' })).toBeVisible();
    await expectOneLanguage(page, lang, 'the deployments list');
    await expectOneClock(page, 'the deployments list', 'cloud', 2, cloud);

    await page.goto('/prerequisites');
    await expect(page.getByRole('region', { name: /权限策略|Permission policies|RAM policies/ })).toBeVisible();
    await expectOneLanguage(page, lang, 'the prerequisites page');

    // The MCP page, connected to the account's MSE Nacos: the registry's own words (descriptions,
    // names) are its, not judged.
    const mcp = await page.request.put('/api/v1/mcp/connection', {
      data: { target: { kind: 'mse', regionId: 'cn-hangzhou', instanceId: 'mse-cn-dfynacos3a1' }, auth: { type: 'password', username: 'nacos', password: 'Dify#Nacos2026' } },
    });
    expect(mcp.status(), await mcp.text()).toBe(200);
    await page.goto('/mcp');
    await expect(page.getByRole('tab', { name: /MCP 服务|MCP servers/ })).toBeVisible();
    await expectOneLanguage(page, lang, 'the MCP servers');
    for (const tab of [/Dify 将看到的内容|What Dify will see/, /连接 Dify|Connect Dify/]) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('tabpanel').getByText(/\S/).first()).toBeVisible();
      await expectOneLanguage(page, lang, `the MCP tab ${tab.source}`);
    }
    await page.getByRole('tab', { name: /MCP 服务|MCP servers/ }).click();
    await page.getByRole('link', { name: 'amap-maps', exact: true }).click();
    await expect(page.getByRole('heading', { name: /^amap-maps/ })).toBeVisible();
    await expectOneLanguage(page, lang, 'an MCP server');

    await page.goto('/no-such-page');
    await expect(page.getByText('404')).toBeVisible();
    await expectOneLanguage(page, lang, 'a page that does not exist');
  });
}
