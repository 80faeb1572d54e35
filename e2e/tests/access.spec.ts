import { Resolver } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import type { APIRequestContext } from '@playwright/test';
import { DNS_PORT } from '../playwright.config';
import { DeploymentPage } from '../support/deploy-wizard-page';
import { expect, test } from '../support/fixtures';
import { SANDBOX } from '../support/form-data';

/** Orders a working deployment through the BFF's API (arranging, not clicking) and waits for it. */
async function deployed(api: APIRequestContext, name: string): Promise<string> {
  const res = await api.post('/api/v1/deployments', {
    data: {
      clientToken: `e2e-${name}`,
      regionId: 'cn-hangzhou',
      templateName: '高可用版-已有资源',
      name,
      parameters: {
        vpcId: SANDBOX.vpc,
        clusterId: 'c900cca321576a513b7afa8ad1175dc21',
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
      },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const { instanceId } = (await res.json()) as { instanceId: string };
  await expect
    .poll(async () => ((await (await api.get(`/api/v1/deployments/${instanceId}`)).json()) as { status: string }).status, {
      timeout: 45_000,
    })
    .toBe('Deployed');
  return instanceId;
}

/** GET through an address with an explicit Host header, as a browser with a hosts line would. */
function get(url: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = httpRequest(url, { headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('open access by load balancer, reach /install, then switch to an Ingress with a domain', async ({ page, sim }) => {
  const instanceId = await deployed(page.request, 'dify-access');
  await page.goto(`/deployments/${instanceId}`);
  await expect(new DeploymentPage(page).status).toHaveAttribute('data-status', 'Deployed');

  const access = page.getByRole('region', { name: '访问入口' });
  await expect(access).toContainText('未配置');
  const lb = access.getByRole('region', { name: '方式一：负载均衡' });
  await lb.getByRole('radio', { name: '公网' }).check();
  await lb.getByRole('button', { name: '应用' }).click();

  await expect(access).toContainText('已就绪', { timeout: 30_000 });
  const url = access.getByTestId('access-url');
  await expect(url).toHaveText(/^http:\/\/127\.0\.100\.\d+(:\d+)?\/install$/);
  for (const check of ['install', 'upload', 'streaming']) {
    await expect(access.getByTestId(`access-check-${check}`)).toContainText('通过', { timeout: 20_000 });
  }
  await expect(access.getByRole('link', { name: '打开 Dify 安装页' })).toHaveAttribute('href', (await url.textContent())!);
  // The address really answers with Dify's set-up page.
  const install = await get((await url.textContent())!);
  expect(install.status).toBe(200);
  expect(install.body).toContain('dify-install');

  // Switch to an Ingress with a domain: the add-on is installed on consent; its address is a
  // network load balancer's host name, so the page asks for a CNAME to it (no hosts line).
  const ingress = access.getByRole('region', { name: '方式二：Ingress' });
  await expect(ingress.getByRole('textbox', { name: '域名' })).toHaveValue('dify.example.com');
  await ingress.getByRole('textbox', { name: '域名' }).fill('dify.example.org');
  await ingress.getByRole('checkbox', { name: /同意自动安装/ }).check();
  await ingress.getByRole('button', { name: '应用' }).click();
  const confirm = page.getByRole('dialog', { name: '切换访问方式' });
  await expect(confirm).not.toContainText(/（[^）]*（/);
  await confirm.getByRole('button', { name: '切换' }).click();

  const cname = access.getByTestId('access-cname');
  await expect(cname).toHaveText(/^dify\.example\.org CNAME \S+$/, { timeout: 30_000 });
  await expect(access.getByTestId('access-hosts-line')).toHaveCount(0);
  await expect(access.getByTestId('access-check-upload')).toContainText('通过', { timeout: 20_000 });
  // Installed now: no consent to give any more.
  await expect(ingress.getByRole('checkbox', { name: /同意自动安装/ })).toHaveCount(0);
  const target = (await cname.textContent())!.split(' ').at(-1)!;
  const resolver = new Resolver();
  resolver.setServers([`127.0.0.1:${DNS_PORT}`]);
  const [ip] = await resolver.resolve4(target);
  const viaIngress = await get((await url.textContent())!.replace('dify.example.org', ip!), 'dify.example.org');
  expect(viaIngress.body).toContain('dify-install');

  // The add-on was installed once; switching released the load balancer: ack-dify is ClusterIP again.
  expect(await sim.requests({ action: 'InstallClusterAddons' })).toHaveLength(1);
  const objects = await sim.clusterObjects('c900cca321576a513b7afa8ad1175dc21');
  const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'ack-dify' && o.metadata.namespace === 'dify-system');
  expect(service?.spec?.type).toBe('ClusterIP');
  expect(objects.some((o) => o.kind === 'Ingress' && o.metadata.name === 'ack-dify-nginx')).toBe(true);
});
