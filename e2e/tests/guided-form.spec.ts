import { DeployWizardPage } from '../support/deploy-wizard-page';
import { expect, test } from '../support/fixtures';
import { EN, ZH, type Labels } from '../support/form-data';

async function fillWholeForm(wizard: DeployWizardPage, L: Labels) {
  await expect(wizard.field(L.name)).toHaveValue(/^dify-[a-z0-9]{4}$/);
  await expect(wizard.field(L.region)).toBeVisible();
  await wizard.pick(L.vpc, 'vpc-bp1dfyprod7q2w5e8r1t4y');
  await wizard.pick(L.cluster, 'dify-ack-pro');
  await wizard.pick(L.pg, 'pgm-bp1dfypg16i6j7k8l');
  await expect(wizard.field(L.pgAccount)).toHaveValue('postgres');
  await wizard.fill(L.pgPassword, 'Dify#Postgres2026');
  await wizard.pick(L.redis, 'r-bp1dfyredis70c5d6e7');
  await wizard.fill(L.redisPassword, 'Dify_Redis2026');
  await wizard.pick(L.milvus, 'c-5f2a9d7e31b84c06');
  await expect(wizard.field(L.milvusEndpoint)).toHaveValue('c-5f2a9d7e31b84c06-internal.milvus.aliyuncs.com');
  await expect(wizard.field(L.milvusUser)).toHaveValue('root');
  await wizard.fill(L.milvusPassword, 'Dify#Milvus2026');
  await expect(wizard.field(L.ha)).toBeChecked();
  await expect(wizard.page.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await expect(wizard.drawing).toHaveAccessibleName(/dify-prod/);
  await expect(wizard.drawing).toHaveAccessibleName(/c900cca321576a513b7afa8ad1175dc21|dify-ack-pro/);
}

test('a user fills the whole form in Chinese against the local cloud', async ({ page }) => {
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  await expect(page.getByTestId('mode-badge')).toHaveText(/本地模拟云/);
  await expect(wizard.field(ZH.region)).toBeVisible();
  await expect(page.getByText('华东1（杭州）')).toBeVisible();
  await fillWholeForm(wizard, ZH);
});

test('a user fills the whole form in English', async ({ page }) => {
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  await wizard.switchLanguage('en');
  await expect(page.getByRole('heading', { name: 'Deploy Dify (existing resources)' })).toBeVisible();
  await expect(page.getByText('China (Hangzhou)')).toBeVisible();
  await fillWholeForm(wizard, EN);
});

test('an ineligible cluster is shown with its reason and cannot be picked', async ({ page }) => {
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  await wizard.pick(ZH.vpc, 'vpc-bp1dfyprod7q2w5e8r1t4y');
  await wizard.open(ZH.cluster, 'dify-ack-dedicated');
  const dedicated = wizard.options('dify-ack-dedicated');
  await expect(dedicated).toHaveAttribute('aria-disabled', 'true');
  await expect(dedicated).toContainText('不是ACK托管集群');
  await dedicated.click({ force: true });
  await wizard.closeDropdown();
  await expect(wizard.item(ZH.cluster)).not.toContainText('dify-ack-dedicated');

  await wizard.open(ZH.cluster, 'staging-ack-pro');
  await expect(wizard.options('staging-ack-pro')).toContainText('vpc-bp1dfystag3m6n9b2v5c8x');
  await expect(wizard.options('staging-ack-pro')).toHaveAttribute('aria-disabled', 'true');
  await wizard.closeDropdown();
  await wizard.open(ZH.cluster, 'dify-ack-serverless');
  await expect(wizard.options('dify-ack-serverless')).toHaveAttribute('aria-disabled', 'true');
  await wizard.closeDropdown();
  await wizard.open(ZH.cluster, 'dify-ack-pro-failed');
  await expect(wizard.options('dify-ack-pro-failed')).toContainText('需要运行中的实例');
  await wizard.closeDropdown();

  await wizard.open(ZH.redis, 'dify-redis-cluster');
  await expect(wizard.options('dify-redis-cluster')).toHaveAttribute('aria-disabled', 'true');
  await expect(wizard.options('dify-redis-cluster')).toContainText('标准架构');
});

test('rule messages appear as the user types, in the chosen language', async ({ page }) => {
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  await wizard.fill(ZH.name, '1dify');
  await expect(wizard.errorOf(ZH.name)).toContainText('必须以英文字母开头');
  await wizard.fill(ZH.name, 'dify x');
  await expect(wizard.errorOf(ZH.name)).toHaveText('名称不能包含空格');
  // The Redis rule of the help, in the same words as the pre-flight.
  await expect(wizard.item(ZH.redisPassword)).toContainText('!$^*()_+-=');
  await wizard.fill(ZH.redisPassword, 'Dify#Redis2026');
  await expect(wizard.errorOf(ZH.redisPassword)).toContainText('不能包含 @ # % &');
  await wizard.fill(ZH.pgPassword, 'abcdefgh1');
  await expect(wizard.errorOf(ZH.pgPassword)).toContainText('至少三种');
  await wizard.fill(ZH.pgPassword, 'Ab1!');
  await expect(wizard.errorOf(ZH.pgPassword)).toContainText('8-30');
  await wizard.fill(ZH.milvusEndpoint, 'milvus.example.com');
  await expect(wizard.errorOf(ZH.milvusEndpoint)).toContainText('c-xxx-internal.milvus.aliyuncs.com');

  await wizard.switchLanguage('en');
  await expect(wizard.errorOf(EN.pgPassword)).toContainText('8-30 characters');
  await wizard.fill(EN.pgPassword, 'ABCDEFGH!');
  await expect(wizard.errorOf(EN.pgPassword)).toContainText('at least three');
  await wizard.fill(EN.pgPassword, 'Abcdefg1');
  await expect(wizard.errorOf(EN.pgPassword)).toHaveCount(0);
});
