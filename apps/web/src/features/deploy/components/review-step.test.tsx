import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { unzipSync } from 'fflate';
import { quoteFixture } from '../../../test/bff-fixtures';
import { stubEventSource } from '../../../test/event-source';
import { callsTo, renderApp } from '../../../test/render-app';
import { SECRETS, toReview } from '../../../test/review-flow';

beforeEach(() => {
  stubEventSource();
});
afterEach(() => vi.unstubAllGlobals());

const CREATE = '立即创建';
const AGREE = '我已阅读并同意《计算巢服务协议》';

const orderBodies = (fetchMock: ReturnType<typeof renderApp>['fetchMock']) =>
  callsTo(fetchMock, '/api/v1/deployments', 'POST').map(
    ([, init]) => JSON.parse(init?.body as string) as { clientToken: string },
  );

describe('instance name check', () => {
  it('shows a name already used in the account as an inline field error, as the user types', async () => {
    const clash = '实例名称 taken-name 已被本账号的另一个服务实例使用，请换一个名称';
    const { user } = renderApp('/', {
      '/name-availability': ({ url }) => {
        const name = url.searchParams.get('name');
        return Response.json(
          name === 'taken-name'
            ? { name, available: false, message: clash }
            : { name, available: true },
        );
      },
    });
    const input = await screen.findByRole('textbox', { name: '服务实例名称' });
    await user.clear(input);
    await user.type(input, 'taken-name');
    const error = await screen.findByText(clash, {}, { timeout: 3000 });
    expect(error.closest('.ant-form-item')?.contains(input)).toBe(true);
    expect(input.getAttribute('aria-invalid')).toBe('true');

    await user.type(input, '2');
    await waitFor(() => expect(screen.queryByText(clash)).toBeNull(), { timeout: 3000 });
    expect(await screen.findByText('名称可用', {}, { timeout: 3000 })).toBeTruthy();
  });
});

describe('review & order', () => {
  it('summarises every choice with passwords masked: no typed password is anywhere in the page', async () => {
    const { user } = await toReview();
    const summary = screen.getByRole('region', { name: '配置摘要' });
    expect(within(summary).getByText('c1prod / dify-prod')).toBeTruthy();
    expect(within(summary).getByText('dify-order1')).toBeTruthy();
    expect(within(summary).getAllByText('******')).toHaveLength(3);
    for (const secret of Object.values(SECRETS))
      expect(document.documentElement.outerHTML).not.toContain(secret);

    // The price of these parameters, with what is not in it.
    const quote = screen.getByRole('region', { name: /询价明细/ });
    expect(await within(quote).findByText('沙箱价格')).toBeTruthy();
    expect(within(quote).getByTestId('quote-total').textContent).toBe('¥0.48/小时');
    expect(within(quote).getByText('您已有的资源不计入本次询价')).toBeTruthy();
    expect(
      within(quote).getByText('估算值：由负载均衡服务按实际用量另行计费，不包含在本次订单中'),
    ).toBeTruthy();

    // The order waits for the agreement.
    expect(screen.getByRole<HTMLButtonElement>('button', { name: CREATE }).disabled).toBe(true);

    // Back: every value is still there, the passwords too.
    await user.click(screen.getByRole('button', { name: '上一步：修改参数' }));
    const password = await screen.findByLabelText('PostgreSQL数据库密码', { exact: false });
    expect((password as HTMLInputElement).value).toBe(SECRETS.PostgreSQL数据库密码);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: '服务实例名称' }).value).toBe(
      'dify-order1',
    );
  });

  it('never lets a slow answer for older parameters overwrite the newer quote', async () => {
    let releaseOld: (() => void) | undefined;
    const { user } = await toReview({
      '/quote': async ({ body }) => {
        const ha = (body as { parameters: { highAvailability: boolean } }).parameters
          .highAvailability;
        if (ha) {
          await new Promise<void>((resolve) => (releaseOld = resolve));
          return Response.json(quoteFixture(1.11));
        }
        return Response.json(quoteFixture(2.22));
      },
    });
    await waitFor(() => expect(releaseOld).toBeDefined());
    await user.click(screen.getByRole('button', { name: '上一步：修改参数' }));
    await user.click(await screen.findByRole('switch', { name: '是否启用高可用配置' }));
    await user.click(screen.getByRole('button', { name: '下一步：确认订单' }));
    expect((await screen.findByTestId('quote-total', {}, { timeout: 3000 })).textContent).toBe(
      '¥2.22/小时',
    );

    await act(async () => {
      releaseOld?.();
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(screen.getByTestId('quote-total').textContent).toBe('¥2.22/小时');
    expect(screen.queryByText('¥1.11/小时')).toBeNull();
  });

  it('sends ONE order however fast "立即创建" is clicked', async () => {
    const { user, fetchMock, router } = await toReview({
      '/api/v1/deployments': async () => {
        await new Promise((r) => setTimeout(r, 100));
        return Response.json({ instanceId: 'si-order1' });
      },
      '/deployments/si-order1': () =>
        Response.json({ code: 'Cloud.Throttling', message: '稍后重试' }, { status: 503 }),
    });
    await user.click(screen.getByRole('checkbox', { name: AGREE }));
    const create = screen.getByRole('button', { name: CREATE });
    expect((create as HTMLButtonElement).disabled).toBe(false);
    await user.dblClick(create);
    await user.click(create);
    await waitFor(() => expect(router.state.location.pathname).toBe('/deployments/si-order1'));
    expect(orderBodies(fetchMock)).toHaveLength(1);
    expect(orderBodies(fetchMock)[0]?.clientToken).toMatch(/^[\x21-\x7e]{1,64}$/);
  });

  it('retries after a network error with the same clientToken, and keeps it for the same order', async () => {
    let calls = 0;
    const { user, fetchMock, router } = await toReview({
      '/api/v1/deployments': () => {
        calls += 1;
        if (calls <= 3) throw new TypeError('Failed to fetch');
        return Response.json({ instanceId: 'si-order2' });
      },
      '/deployments/si-order2': () =>
        Response.json({ code: 'Cloud.Throttling', message: '稍后重试' }, { status: 503 }),
    });
    await user.click(screen.getByRole('checkbox', { name: AGREE }));
    await user.click(screen.getByRole('button', { name: CREATE }));
    // Sent again automatically, then the user is told and may try once more: always the same token.
    expect(await screen.findByText(/创建失败/, {}, { timeout: 5000 })).toBeTruthy();
    expect(orderBodies(fetchMock)).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: CREATE }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/deployments/si-order2'));
    const tokens = new Set(orderBodies(fetchMock).map((b) => b.clientToken));
    expect(orderBodies(fetchMock)).toHaveLength(4);
    expect(tokens.size).toBe(1);
  });

  it("says a parameter the cloud refused in Chinese, and keeps the cloud's own English answer apart, folded, as code", async () => {
    const { user } = await toReview({
      '/api/v1/deployments': () =>
        Response.json(
          {
            code: 'Cloud.InvalidParameter',
            message: '阿里云拒绝了请求参数（InvalidParameter），原因见阿里云的原始答复',
            requestId: 'req-1',
            evidence: 'The specified parameter "PgAccountName" is not valid.',
          },
          { status: 400 },
        ),
    });
    await user.click(screen.getByRole('checkbox', { name: AGREE }));
    await user.click(screen.getByRole('button', { name: CREATE }));
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    await waitFor(() => expect(alert.textContent).toContain('创建失败：阿里云拒绝了请求参数（InvalidParameter），原因见阿里云的原始答复'));
    const answer = within(alert).getByTestId('cloud-answer');
    expect(answer.tagName).toBe('DETAILS');
    expect((answer as HTMLDetailsElement).open).toBe(false);
    expect(answer.querySelector('summary')?.textContent).toBe('阿里云的原始答复');
    expect(answer.querySelector('code')?.textContent).toBe('The specified parameter "PgAccountName" is not valid.');
  });

  it('puts the BFF refusal of a value back on its step-1 field', async () => {
    const { user } = await toReview({
      '/api/v1/deployments': () =>
        Response.json(
          {
            code: 'NameTaken',
            message: '实例名称已被使用',
            issues: [{ path: ['name'], message: '实例名称 dify-order1 已被使用' }],
          },
          { status: 409 },
        ),
    });
    await user.click(screen.getByRole('checkbox', { name: AGREE }));
    await user.click(screen.getByRole('button', { name: CREATE }));
    const input = await screen.findByRole('textbox', { name: '服务实例名称' });
    expect(
      (await screen.findByText('实例名称 dify-order1 已被使用'))
        .closest('.ant-form-item')
        ?.contains(input),
    ).toBe(true);
  });

  it('downloads the order about to be placed as the export bundle: its resource group and tags, nothing ordered', async () => {
    const saved: Blob[] = [];
    URL.createObjectURL = (b: Blob) => (saved.push(b), 'blob:export');
    URL.revokeObjectURL = () => undefined;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { user, fetchMock } = await toReview({
      '/api/v1/export': () =>
        Response.json({
          name: 'dify-order1',
          serviceVersion: '6',
          templateName: '高可用版-已有资源',
          files: [
            { name: 'README.md', content: '# Deployment' },
            { name: 'deploy.sh', content: 'aliyun computenest CreateServiceInstance' },
          ],
        }),
    });
    await user.type(screen.getByRole('textbox', { name: '资源组ID' }), 'rg-acfmteam01');
    await user.click(screen.getByRole('button', { name: '添加标签' }));
    await user.type(screen.getByRole('textbox', { name: '标签 1 的键' }), 'team');
    await user.type(screen.getByRole('textbox', { name: '标签 1 的值' }), 'ai');
    // Available before the agreement: exporting places nothing.
    await user.click(screen.getByRole('button', { name: '导出部署包' }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const [body] = callsTo(fetchMock, '/api/v1/export', 'POST').map(([, init]) => JSON.parse(init?.body as string) as Record<string, unknown>);
    expect(body).toMatchObject({ name: 'dify-order1', resourceGroupId: 'rg-acfmteam01', tags: [{ key: 'team', value: 'ai' }] });
    expect(orderBodies(fetchMock)).toHaveLength(0);
    expect((click.mock.instances[0] as HTMLAnchorElement).download).toBe('dify-order1-export.zip');
    const files = unzipSync(new Uint8Array(await saved[0]!.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['dify-order1-export/README.md', 'dify-order1-export/deploy.sh']);
    click.mockRestore();
  });
});
