import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from '../../../lib/router';
import { vi } from 'vitest';
import { RULE_MESSAGES } from '@dify-console/shared/domain/rules';
import { AppProviders } from '../../../app/providers';
import { routes } from '../../../app/router';
import type { Postgres } from '@dify-console/shared/api/resources';
import { mockBff } from '../../../test/bff-fixtures';
import { renderApp as renderWithState } from '../../../test/render-app';
import { PREFILL } from '../../../test/review-flow';

afterEach(() => vi.unstubAllGlobals());

function renderApp(overrides?: Parameters<typeof mockBff>[0]) {
  const fetchMock = mockBff(overrides);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: ['/'] });
  render(
    <AppProviders queryClient={client}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { user: userEvent.setup(), fetchMock };
}

/** Opens an antd Select and returns the option whose label holds `id`. */
async function openOption(user: ReturnType<typeof userEvent.setup>, combobox: HTMLElement, id: string) {
  await user.click(combobox);
  const label = await screen.findByTestId(`option-${id}`);
  return label.closest('.ant-select-item-option') as HTMLElement;
}

describe('DeployWizard', () => {
  it('prefills the instance name and the region, and labels every control', async () => {
    renderApp();
    const name = await screen.findByRole('textbox', { name: '服务实例名称' });
    expect((name as HTMLInputElement).value).toMatch(/^dify-[a-z0-9]{4}$/);
    expect(await screen.findByText('华东1（杭州）')).toBeTruthy();
    // The panels after the basics come in a background render, right after the first fields.
    expect(await screen.findByRole('combobox', { name: '专有网络VPC实例ID' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'ACK 集群ID' })).toBeTruthy();
    expect(screen.getByRole('switch', { name: '是否启用高可用配置' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '刷新 专有网络VPC实例ID' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: '高可用版-已有资源' })).toBeTruthy();
    expect(screen.getByLabelText('PostgreSQL数据库密码', { exact: false })).toBeTruthy();
    const link = screen.getByRole('link', { name: /新建专有网络/ });
    expect(link.getAttribute('href')).toBe('https://vpc.console.aliyun.com/vpc/cn-hangzhou/vpcs/new');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(await screen.findByText('本地模拟云')).toBeTruthy();
  });

  it('refreshes a list bypassing the BFF cache', async () => {
    const { user, fetchMock } = renderApp();
    await user.click(await screen.findByRole('button', { name: '刷新 专有网络VPC实例ID' }));
    await waitFor(() =>
      expect(fetchMock.mock.calls.map(([url]) => url as string)).toContain('/api/v1/regions/cn-hangzhou/vpcs?refresh=true&firstPage=true'),
    );
  });

  it('shows an ineligible cluster disabled with its reason, and does not let it be picked', async () => {
    const { user } = renderApp();
    const cluster = await screen.findByRole('combobox', { name: 'ACK 集群ID' });
    const option = await openOption(user, cluster, 'c2dedicated');
    expect(option.getAttribute('aria-disabled')).toBe('true');
    expect(within(option).getByText('不是ACK托管集群（Kubernetes），仅支持ACK Pro版和基础版')).toBeTruthy();
    await user.click(within(option).getByText(/c2dedicated/));
    const form = cluster.closest('.ant-select') as HTMLElement;
    expect(within(form).queryByText('c2dedicated / old-dedicated', { selector: '.ant-select-content *, .ant-select-selection-item' })).toBeNull();
    expect(option.classList.contains('ant-select-item-option-selected')).toBe(false);
  });

  it('disables items of other VPCs, naming their VPC, once a VPC is picked', async () => {
    const { user, fetchMock } = renderApp();
    const vpc = await screen.findByRole('combobox', { name: '专有网络VPC实例ID' });
    await user.click(await openOption(user, vpc, 'vpc-prod'));
    await waitFor(() =>
      expect(fetchMock.mock.calls.some(([url]) => (url as string).includes('/clusters?vpcId=vpc-prod'))).toBe(true),
    );
    const option = await openOption(user, screen.getByRole('combobox', { name: 'ACK 集群ID' }), 'c3test');
    await waitFor(() => expect(option.getAttribute('aria-disabled')).toBe('true'));
    expect(within(option).getByText(/位于其他专有网络 vpc-test/)).toBeTruthy();
    // While choosing, the list says how many are elsewhere, in the words of this kind.
    expect((await screen.findByTestId('picker-other-vpc')).textContent).toMatch(/^另有 \d+ 个集群位于其他专有网络$/);
  });

  it('fills the Milvus address from the picked instance and warns when it is changed', async () => {
    const { user } = renderApp();
    const milvus = await screen.findByRole('combobox', { name: 'Milvus实例' });
    await user.click(await openOption(user, milvus, 'c-milvusprod'));
    const address = screen.getByRole('textbox', { name: 'Milvus内网访问地址' });
    await waitFor(() => expect((address as HTMLInputElement).value).toBe('c-milvusprod-internal.milvus.aliyuncs.com'));
    expect(screen.getByTestId('milvus-endpoint-warning').textContent).toBe('');
    await user.clear(address);
    await user.type(address, 'c-other-internal.milvus.aliyuncs.com');
    expect(screen.getByTestId('milvus-endpoint-warning').textContent).toContain('c-milvusprod');
  });

  it('checks the password as the user types, in Chinese and then in English', async () => {
    const { user } = renderApp();
    const password = await screen.findByLabelText('PostgreSQL数据库密码', { exact: false });
    await user.type(password, 'abcdefgh');
    expect(await screen.findByText(RULE_MESSAGES['password.classes']['zh-CN'])).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: '语言 / Language' }), 'en');
    expect(await screen.findByText(RULE_MESSAGES['password.classes'].en)).toBeTruthy();
    expect(screen.getByLabelText('PostgreSQL password', { exact: false })).toBe(password);
    expect(window.localStorage.getItem('dify-console.locale')).toBe('en');
    expect(JSON.stringify(window.localStorage)).not.toContain('abcdefgh');
  });

  it('the button to the next step names that step as the stepper does, in both languages', async () => {
    const { user } = renderApp();
    const stepTitle = async () => (await screen.findAllByText(/^(确认订单|Confirm order)$/)).find((el) => el.closest('.ant-steps'))?.textContent;
    expect(await stepTitle()).toBe('确认订单');
    expect(await screen.findByRole('button', { name: '下一步：确认订单' })).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: '语言 / Language' }), 'en');
    expect(await stepTitle()).toBe('Confirm order');
    expect(screen.getByRole('button', { name: 'Next: Confirm order' })).toBeTruthy();
  });

  it('shows a failed list with the Problem message and a retry button', async () => {
    let fail = true;
    const { user } = renderApp({
      '/clusters': () =>
        fail
          ? Response.json({ code: 'Cloud.Throttling', message: '云服务限流，请稍后重试' }, { status: 503 })
          : Response.json({ items: [], fetchedAt: '2025-01-01T00:00:00Z' }),
    });
    expect(await screen.findByText('云服务限流，请稍后重试')).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: '重试 ACK 集群ID' }));
    await waitFor(() => expect(screen.queryByText('云服务限流，请稍后重试')).toBeNull());
    expect(screen.getAllByText('该地域下没有可选的实例').length).toBeGreaterThan(0);
  });

  it('shows a listing\'s first page in the picker while the rest is on its way, then the whole list', async () => {
    const instance = (n: number): Postgres => ({
      id: `pgm-page${n}`, name: `pg-${n}`, vpcId: 'vpc-prod', status: 'Running', eligible: true, reasons: [],
      engine: 'PostgreSQL', engineVersion: '16.0', instanceClass: 'pg.n2.2c.1m', internalAddress: null,
    });
    let release!: () => void;
    const rest = new Promise<void>((r) => (release = r));
    const asked: string[] = [];
    const { user } = renderApp({
      '/postgres': async ({ url }) => {
        const firstPage = url.searchParams.get('firstPage') === 'true';
        asked.push(firstPage ? 'first page' : 'whole list');
        if (firstPage) return Response.json({ items: [instance(1)], fetchedAt: '2025-01-01T00:00:00Z', complete: false });
        await rest;
        return Response.json({ items: [instance(1), instance(2)], fetchedAt: '2025-01-01T00:00:00Z', complete: true });
      },
    });
    const picker = await screen.findByRole('combobox', { name: 'PostgreSQL实例ID' });
    await openOption(user, picker, 'pgm-page1');
    await waitFor(() => expect(asked).toEqual(['first page', 'whole list']));
    // The rest is still on its way: only the first page is offered, and the refresh button says so.
    expect(screen.queryByTestId('option-pgm-page2')).toBeNull();
    expect(screen.getByRole('button', { name: '刷新 PostgreSQL实例ID' }).classList.contains('ant-btn-loading')).toBe(true);
    release();
    expect(await screen.findByTestId('option-pgm-page2')).toBeTruthy();
    expect(screen.getByTestId('option-pgm-page1')).toBeTruthy();
  });
});

/** The message under a form item, as shown (errors and warnings). */
const explain = (item: HTMLElement) => item.querySelector('.ant-form-item-explain')?.textContent ?? '';

describe('DeployWizard reopened from a failed deployment', () => {
  it('keeps the marks of the failure through a language switch, in the new language', async () => {
    const prefill = { ...PREFILL, invalidFields: ['postgresAccount'], reason: 'InvalidAccount' };
    const { user } = renderWithState({ pathname: '/', state: { prefill } });
    const account = await screen.findByRole('textbox', { name: 'PostgreSQL数据库账号' });
    const item = () => account.closest('.ant-form-item') as HTMLElement;
    // The notice comes in a lazily loaded chunk.
    await waitFor(() => expect(explain(item())).toBe('部署失败与此项有关：InvalidAccount'), { timeout: 5000 });
    const password = () => screen.getByLabelText(/PostgreSQL(数据库密码| password)/).closest('.ant-form-item') as HTMLElement;
    expect(explain(password())).toBe('保密参数未保留，请重新输入');

    await user.selectOptions(screen.getByRole('combobox', { name: '语言 / Language' }), 'en');
    await screen.findByRole('textbox', { name: 'PostgreSQL account' });
    await waitFor(() => expect(explain(item())).toBe('The deployment failed on this field: InvalidAccount'));
    expect(explain(password())).toBe('Secrets are not kept: enter it again');

    // A mark the user has answered (the field edited since) is not brought back.
    await user.clear(account);
    await user.type(account, 'difyuser');
    await waitFor(() => expect(explain(item())).toBe(''));
    await user.selectOptions(screen.getByRole('combobox', { name: '语言 / Language' }), 'zh-CN');
    await screen.findByRole('textbox', { name: 'PostgreSQL数据库账号' });
    await waitFor(() => expect(explain(password())).toBe('保密参数未保留，请重新输入'));
    expect(explain(item())).toBe('');
  });
});
