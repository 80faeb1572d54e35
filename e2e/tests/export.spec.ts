import { readFileSync } from 'node:fs';
import type { Download } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { DeploymentPage, DeployWizardPage, fillSandboxForm } from '../support/deploy-wizard-page';
import { expect, test } from '../support/fixtures';
import { SANDBOX, ZH } from '../support/form-data';

/** The zip a download saved, as its files by path. */
async function unzipped(download: Download): Promise<Record<string, string>> {
  const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
  return Object.fromEntries(Object.entries(zip).map(([path, bytes]) => [path, strFromU8(bytes)]));
}

/** The public part of the Parameters that deploy.sh sends (secrets are appended from the environment). */
const publicParameters = (script: string) => JSON.parse(`${/^PARAMETERS='(.*)'$/m.exec(script)![1]}}`) as Record<string, unknown>;

test('the review step downloads the order about to be placed as a bundle: every file, the group and tags, no typed password', async ({ page, sim }) => {
  const wizard = new DeployWizardPage(page);
  await wizard.goto();
  const name = await wizard.field(ZH.name).inputValue();
  await fillSandboxForm(wizard, ZH);
  const review = await wizard.next();
  await review.resourceGroup.fill('rg-acfmexport01');
  await review.addTag('team', 'ai');

  const [download] = await Promise.all([page.waitForEvent('download'), review.exportButton.click()]);
  expect(download.suggestedFilename()).toBe(`${name}-export.zip`);
  const files = await unzipped(download);
  const root = `${name}-export`;
  expect(Object.keys(files).sort()).toEqual(
    ['README.md', 'deploy.sh', 'ros/template.yaml', 'terraform/main.tf', 'terraform/variables.tf'].map((f) => `${root}/${f}`),
  );
  // Not one password the user typed, in any file; each is a variable the script reads.
  for (const [path, content] of Object.entries(files))
    for (const secret of [SANDBOX.pgPassword, SANDBOX.redisPassword, SANDBOX.milvusPassword]) expect(content, path).not.toContain(secret);
  const script = files[`${root}/deploy.sh`]!;
  expect(script).toContain('aliyun computenest CreateServiceInstance');
  expect(script).toContain(`--Name '${name}'`);
  expect(script).toContain("--ResourceGroupId 'rg-acfmexport01'");
  expect(script).toContain("--Tag.1.Key 'team'");
  expect(script).toMatch(/: "\$\{[A-Z_]*PASSWORD[A-Z_]*:\?set /);
  expect(files[`${root}/terraform/variables.tf`]).toContain('sensitive   = true');
  expect(files[`${root}/ros/template.yaml`]).toContain('NoEcho: true');
  expect(files[`${root}/README.md`]).toContain('bash deploy.sh');
  // Exporting ordered nothing.
  const orders = async () => (await sim.requests({ action: 'CreateServiceInstance' })).filter((r) => r.params.DryRun !== 'true');
  expect(await orders()).toHaveLength(0);

  // The order then sends exactly what the bundle says.
  await review.readyToOrder();
  await review.orderButton.click();
  await expect(page).toHaveURL(/\/deployments\/si-[a-z0-9]+$/);
  const [sent] = await orders();
  expect(sent?.params.ResourceGroupId).toBe('rg-acfmexport01');
  const parameters = JSON.parse(sent!.params.Parameters!) as Record<string, unknown>;
  for (const [key, value] of Object.entries(publicParameters(script))) expect(parameters[key], key).toEqual(value);

  // The deployment page offers the same deployment as a bundle.
  const deployment = new DeploymentPage(page);
  await expect(deployment.status).toBeVisible();
  const [again] = await Promise.all([page.waitForEvent('download'), review.exportButton.click()]);
  const recorded = await unzipped(again);
  expect(publicParameters(recorded[`${root}/deploy.sh`]!)).toEqual(publicParameters(script));
  expect(recorded[`${root}/deploy.sh`]).toContain("--ResourceGroupId 'rg-acfmexport01'");
  for (const content of Object.values(recorded))
    for (const secret of [SANDBOX.pgPassword, SANDBOX.redisPassword, SANDBOX.milvusPassword]) expect(content).not.toContain(secret);
});
