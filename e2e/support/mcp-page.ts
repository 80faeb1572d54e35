import { expect, type Locator, type Page } from '@playwright/test';

/** The MCP page (Nacos MCP Registry), in Chinese: locators by role and label, intention-named steps. */
export class McpPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByRole('link', { name: 'MCP', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Nacos MCP Registry' })).toBeVisible();
  }

  /** Options of the open select's dropdown (the list is virtual: the visible items, not the a11y ones). */
  option(text: RegExp): Locator {
    return this.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text });
  }

  async connectMse(instanceAlias: string, password: string): Promise<void> {
    await this.page.getByLabel('MSE 实例').click();
    await this.option(new RegExp(instanceAlias)).first().click();
    await this.page.getByLabel('密码', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: /连\s?接$/ }).click();
  }

  get connectionError(): Locator {
    return this.page.getByRole('alert').filter({ hasText: '连接失败' });
  }

  async tab(name: 'MCP 服务' | 'Dify 将看到的内容' | '连接 Dify'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  async openServer(name: string): Promise<void> {
    await this.tab('MCP 服务');
    await this.page.getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { name: new RegExp(`^${name}`) })).toBeVisible();
  }

  toolSwitch(tool: string): Locator {
    return this.page.getByRole('switch', { name: `启用 ${tool}` });
  }

  toolRow(tool: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByText(tool, { exact: true }) });
  }

  /** Opens the editor, checks it shows the current text beside the new one, saves the new one. */
  async editDescription(tool: string, text: string): Promise<{ before: string }> {
    await this.page.getByRole('button', { name: `修改描述 ${tool}` }).click();
    const dialog = this.page.getByRole('dialog');
    const current = dialog.getByRole('textbox', { name: '当前描述' });
    const next = dialog.getByRole('textbox', { name: '新描述' });
    const before = await current.inputValue();
    await expect(next).toHaveValue(before);
    await next.fill(text);
    await expect(current).toHaveValue(before);
    await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
    await expect(dialog).toBeHidden();
    return { before };
  }

  async backToList(): Promise<void> {
    await this.page.getByRole('link', { name: /返回 MCP 服务列表/ }).click();
  }

  difyServer(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }
}
