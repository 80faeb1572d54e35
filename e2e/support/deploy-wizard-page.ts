import { expect, type Locator, type Page } from '@playwright/test';
import { SANDBOX, type Labels } from './form-data';

/** The guided deployment form, found by what a user reads: labels and roles. */
export class DeployWizardPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.field(/服务实例名称|Service instance name/)).toBeVisible();
  }

  /** The control (text box, select, switch) a label names; not the label text itself. */
  field(label: string | RegExp): Locator {
    // The label text starts with a required mark hidden from screen readers.
    const name = typeof label === 'string' ? new RegExp(`^\\*?\\s*${escapeRegExp(label)}$`) : label;
    return this.page
      .locator('input, textarea, [role="switch"], [role="combobox"]')
      .and(this.page.getByLabel(name));
  }

  /** The antd form item (label, control, help, error) holding a field. */
  item(label: string): Locator {
    return this.page.locator('.ant-form-item').filter({ has: this.field(label) });
  }

  errorOf(label: string): Locator {
    // A replaced message fades out for a moment: only the current one counts.
    return this.item(label).locator('.ant-form-item-explain-error:not(.ant-form-show-help-item-leave)');
  }

  /** Options of the open select's dropdown. */
  options(text?: string | RegExp): Locator {
    const all = this.page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    return text === undefined ? all : all.filter({ hasText: text });
  }

  async open(label: string, search?: string): Promise<void> {
    await this.field(label).click();
    if (search !== undefined) await this.field(label).fill(search);
    await expect(this.options().first()).toBeVisible();
  }

  /**
   * Opens a picker, narrows it by typing (the list is virtual), and chooses an option. A list that
   * refreshes while open (the VPC was just chosen) replaces its options: then it tries again.
   */
  async pick(label: string, optionText: string): Promise<void> {
    const dropdown = this.page.locator('.ant-select-dropdown:visible');
    await expect(async () => {
      if ((await dropdown.count()) === 0) await this.open(label, optionText);
      const option = this.options(optionText).first();
      await expect(option).toHaveAttribute('aria-disabled', 'false', { timeout: 5_000 });
      await option.click({ timeout: 5_000 });
      await expect(dropdown).toHaveCount(0, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(this.item(label)).toContainText(optionText);
  }

  async closeDropdown(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  async fill(label: string, value: string): Promise<void> {
    await this.field(label).fill(value);
  }

  async switchLanguage(locale: 'zh-CN' | 'en'): Promise<void> {
    await this.page.getByLabel('语言 / Language').selectOption(locale);
  }

  async next(): Promise<ReviewStep> {
    await this.page.getByRole('button', { name: /下一步：确认订单|Next: Confirm order/ }).click();
    const review = new ReviewStep(this.page);
    await expect(review.summary).toBeVisible();
    return review;
  }

  get drawing(): Locator {
    return this.page.getByRole('img', { name: /专有网络|VPC/ });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Fills step 1 with the sandbox's working resources (overrides per label). */
export async function fillSandboxForm(
  wizard: DeployWizardPage,
  L: Labels,
  over: Partial<Record<keyof Labels, string>> = {},
): Promise<void> {
  await wizard.pick(L.vpc, SANDBOX.vpc);
  await wizard.pick(L.cluster, over.cluster ?? SANDBOX.cluster);
  await wizard.pick(L.pg, over.pg ?? SANDBOX.pg);
  await wizard.fill(L.pgPassword, over.pgPassword ?? SANDBOX.pgPassword);
  await wizard.pick(L.redis, over.redis ?? SANDBOX.redis);
  await wizard.fill(L.redisPassword, over.redisPassword ?? SANDBOX.redisPassword);
  await wizard.pick(L.milvus, SANDBOX.milvus);
  await wizard.fill(L.milvusPassword, over.milvusPassword ?? SANDBOX.milvusPassword);
}

/** Step 2: the summary, pre-flight checks, the price, the agreement and the order button. */
export class ReviewStep {
  constructor(readonly page: Page) {}

  get price(): Locator {
    return this.page.getByRole('region', { name: /询价明细|Price details/ });
  }
  get total(): Locator {
    return this.page.getByTestId('quote-total');
  }
  get summary(): Locator {
    return this.page.getByRole('region', { name: /配置摘要|Summary/ });
  }
  get agreement(): Locator {
    return this.page.getByRole('checkbox', { name: /我已阅读并同意|I have read and agree/ });
  }
  get orderButton(): Locator {
    return this.page.getByRole('button', { name: /立即创建|Create now/ });
  }
  get checks(): Locator {
    return this.page.getByRole('region', { name: /部署前检查|Pre-flight checks/ });
  }
  check(title: string | RegExp): Locator {
    return this.checks.getByRole('listitem').filter({ hasText: title });
  }
  get acknowledgeWarnings(): Locator {
    return this.page.getByRole('checkbox', { name: /我已了解以上警告|I understand the warnings above/ });
  }
  get blockedReason(): Locator {
    return this.page.getByTestId('order-blocked-reason');
  }
  get exportButton(): Locator {
    return this.page.getByRole('button', { name: /导出部署包|Export bundle/ });
  }
  get resourceGroup(): Locator {
    return this.page.getByRole('textbox', { name: /资源组ID|Resource group ID/ });
  }

  /** Adds a tag to the instance (the order's optional tags). */
  async addTag(key: string, value: string): Promise<void> {
    await this.page.getByRole('button', { name: /添加标签|Add a tag/ }).click();
    const n = await this.page.getByRole('textbox', { name: /标签 \d+ 的键|Key of tag \d+/ }).count();
    await this.page.getByRole('textbox', { name: new RegExp(`标签 ${n} 的键|Key of tag ${n}`) }).fill(key);
    await this.page.getByRole('textbox', { name: new RegExp(`标签 ${n} 的值|Value of tag ${n}`) }).fill(value);
  }

  /** Waits for the pre-flight checks, acknowledges warnings if any, and agrees to the terms. */
  async readyToOrder(): Promise<void> {
    await expect(this.checks).toContainText(/检查于|Checked at/, { timeout: 20_000 });
    if (await this.acknowledgeWarnings.isVisible()) await this.acknowledgeWarnings.check();
    await this.agreement.check();
    await expect(this.orderButton).toBeEnabled();
  }
}

/** The deployment page: status, progress, phases, logs, failure. */
export class DeploymentPage {
  constructor(readonly page: Page) {}

  get status(): Locator {
    return this.page.locator('[data-status]').first();
  }
  get progress(): Locator {
    return this.page.getByRole('progressbar', { name: /部署进度|Deployment progress/ });
  }
  get logs(): Locator {
    return this.page.getByRole('log', { name: /部署日志|Deployment logs/ });
  }
  get failure(): Locator {
    return this.page.getByTestId('deployment-failure');
  }
}
