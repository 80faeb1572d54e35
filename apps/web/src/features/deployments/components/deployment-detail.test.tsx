import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { DeploymentDetail } from '@dify-console/shared/api/deployments';
import { MockEventSource, stubEventSource } from '../../../test/event-source';
import { renderApp } from '../../../test/render-app';

beforeEach(() => {
  stubEventSource();
});
afterEach(() => vi.unstubAllGlobals());

const PARAMETERS = {
  vpcId: 'vpc-prod',
  clusterId: 'c1prod',
  postgresInstanceId: 'pgm-bp19wxw53hbzgi93',
  postgresAccount: 'dify_app',
  postgresPassword: '******',
  redisInstanceId: 'r-prod1',
  redisPassword: '******',
  milvusInstanceId: 'c-milvusprod',
  milvusEndpoint: 'c-milvusprod-internal.milvus.aliyuncs.com',
  milvusUser: 'root',
  milvusPassword: '******',
  highAvailability: false,
};

function detail(over: Partial<DeploymentDetail> = {}): DeploymentDetail {
  return {
    instanceId: 'si-track1',
    name: 'dify-track1',
    status: 'Deploying',
    progress: 30,
    phase: 'installing',
    regionId: 'cn-hangzhou',
    templateName: '高可用版-已有资源',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:01:00.000Z',
    statusDetail: '',
    failure: null,
    outputs: [],
    resources: [],
    parameters: PARAMETERS,
    serviceVersion: '6',
    templateParameters: {},
    ...over,
  };
}

const progressValue = () =>
  screen.getByRole('progressbar', { name: '部署进度' }).getAttribute('aria-valuenow');

describe('deployment page', () => {
  it('starts from GET, then follows the stream: progress, log lines appended in order, reconnection, final close', async () => {
    renderApp('/deployments/si-track1', {
      '/deployments/si-track1': () => Response.json(detail()),
    });
    expect(
      await screen.findByRole('heading', { name: 'dify-track1' }, { timeout: 5000 }),
    ).toBeTruthy();
    expect(progressValue()).toBe('30');
    const stream = MockEventSource.latest();
    expect(stream.url).toBe('/api/v1/deployments/si-track1/events?lang=zh-CN');

    const log = screen.getByRole('log', { name: '部署日志' });
    act(() => {
      stream.open();
      stream.emit('logs', {
        entries: [{ timestamp: '2025-01-01T00:00:10Z', content: 'Checking parameters' }],
      });
      stream.emit('status', {
        deployment: detail({ progress: 55, updatedAt: '2025-01-01T00:02:00.000Z' }),
      });
    });
    act(() => {
      stream.emit('logs', {
        entries: [
          {
            timestamp: '2025-01-01T00:00:20Z',
            content: 'Installing helm chart dify',
            status: 'Running',
          },
        ],
      });
    });
    await waitFor(() => expect(within(log).getAllByTestId('log-line')).toHaveLength(2));
    const lines = within(log)
      .getAllByTestId('log-line')
      .map((l) => l.textContent);
    expect(lines[0]).toContain('Checking parameters');
    expect(lines[1]).toContain('Installing helm chart dify');
    expect(progressValue()).toBe('55');

    // The cloud fails for a while: the page says so until a poll succeeds again.
    act(() => stream.emit('error', { message: 'The cloud service is temporarily unavailable' }));
    expect(screen.getByText('实时更新出错：The cloud service is temporarily unavailable')).toBeTruthy();
    act(() => stream.emit('status', { deployment: detail({ progress: 55, updatedAt: '2025-01-01T00:02:00.000Z' }) }));
    expect(screen.queryByText(/实时更新出错/)).toBeNull();

    // The connection drops: the page says so; the browser reconnects and the server replays the log.
    act(() => stream.drop());
    expect(screen.getByText('连接中断，正在重新连接…')).toBeTruthy();
    act(() => {
      stream.open();
      stream.emit('logs', {
        entries: [
          { timestamp: '2025-01-01T00:00:10Z', content: 'Checking parameters' },
          {
            timestamp: '2025-01-01T00:00:20Z',
            content: 'Installing helm chart dify',
            status: 'Running',
          },
          { timestamp: '2025-01-01T00:00:30Z', content: 'Waiting for pods to be ready' },
        ],
      });
    });
    expect(screen.queryByText('连接中断，正在重新连接…')).toBeNull();
    expect(within(log).getAllByTestId('log-line')).toHaveLength(3);

    act(() =>
      stream.emit('status', {
        deployment: detail({
          status: 'Deployed',
          phase: 'ready',
          progress: 100,
          updatedAt: '2025-01-01T00:09:00.000Z',
          outputs: [{ key: 'DifyUrl', label: 'DifyUrl', value: 'http://10.0.0.8', manualAccess: false }],
        }),
      }),
    );
    expect(stream.readyState).toBe(MockEventSource.CLOSED);
    expect(progressValue()).toBe('100');
    expect(screen.getByRole('button', { name: '复制 DifyUrl' })).toBeTruthy();
    expect(screen.getAllByText('已部署').length).toBeGreaterThan(0);
  });

  it('a failed instance names the resources it left, says they are billed, and offers its deletion', async () => {
    const resources = [
      { arn: 'arn:acs:ros:cn-hangzhou:1:stack/e46', productCode: 'ros', type: 'ros', status: '', typeLabel: '资源栈（ROS）', statusLabel: '', billed: false },
      { arn: 'arn:acs:nas:cn-hangzhou:1:filesystem/6743eaa8ba', productCode: 'nas', type: 'nas', status: 'Running', typeLabel: 'NAS 文件系统', statusLabel: '运行中', billed: true },
      { arn: 'arn:acs:ecs:cn-hangzhou:1:disk/d-bp1js1t3', productCode: 'ecs', type: 'ecs', status: 'Running', typeLabel: '云盘', statusLabel: '运行中', billed: true },
    ];
    const failure = { code: 'DeployFailed', title: '部署失败', detail: 'boom', action: '请重试', fields: [] };
    renderApp('/deployments/si-track1', {
      '/deployments/si-track1': () => Response.json(detail({ status: 'DeployedFailed', phase: 'failed', progress: 90, failure, resources })),
    });
    const billed = await screen.findByTestId('failure-billed', {}, { timeout: 5000 });
    expect(billed.textContent).toContain('留下了 2 个资源，在删除实例之前会持续计费');
    expect(within(billed).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['NAS 文件系统 6743eaa8ba', '云盘 d-bp1js1t3']);
    expect(screen.getByRole('button', { name: '删除实例，停止计费' })).toBeTruthy();
    // The resources table speaks the user's language.
    const table = screen.getByRole('table');
    expect(within(table).getAllByText('运行中')).toHaveLength(2);
    expect(within(table).queryByText('nas')).toBeNull();
    expect(screen.getByText('华东1（杭州）')).toBeTruthy();
    expect(screen.getByRole('button', { name: '删除' }).textContent).toBe('删除');
  });

  it('explains a failure and reopens the form with its values, the failing fields marked and no secret', async () => {
    const failure = {
      code: 'PostgresNotPrivileged',
      title: 'PostgreSQL 账号不是高权限账号',
      detail: 'ERROR: permission denied to create extension "vector"',
      action: '请在 RDS 控制台为该实例创建高权限账号，然后在表单中填写该账号和密码',
      fields: ['postgresAccount'],
    };
    const { user, router } = renderApp('/deployments/si-track1', {
      '/deployments/si-track1': () =>
        Response.json(detail({ status: 'DeployedFailed', phase: 'failed', progress: 40, failure })),
    });
    const alert = await screen.findByTestId('deployment-failure', {}, { timeout: 5000 });
    expect(screen.getByText(failure.title)).toBeTruthy();
    expect(within(alert).getByText(failure.action)).toBeTruthy();
    expect(within(alert).getByText(/permission denied to create extension/)).toBeTruthy();
    expect(within(alert).getByText(/PostgreSQL数据库账号/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '返回修改参数' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    const name = await screen.findByRole('textbox', { name: '服务实例名称' });
    // The failed instance still holds its name: the user's name with a suffix, and the notice says why.
    expect((name as HTMLInputElement).value).toBe('dify-track1-2');
    expect(await screen.findByText(/dify-track1 仍然存在/, {}, { timeout: 5000 })).toBeTruthy();
    const account = screen.getByRole<HTMLInputElement>('textbox', {
      name: 'PostgreSQL数据库账号',
    });
    expect(account.value).toBe('dify_app');
    expect(
      screen
        .getByRole<HTMLButtonElement>('switch', { name: '是否启用高可用配置' })
        .getAttribute('aria-checked'),
    ).toBe('false');
    for (const label of ['PostgreSQL数据库密码', 'Redis实例密码', 'Milvus 用户密码']) {
      const input = screen.getByLabelText<HTMLInputElement>(label, { exact: false });
      expect(input.value).toBe('');
      // Every emptied secret is marked on its own field.
      await waitFor(() => expect(input.closest('.ant-form-item')?.textContent).toContain('保密参数未保留，请重新输入'));
    }
    const marked = await screen.findByText(
      '部署失败与此项有关：PostgreSQL 账号不是高权限账号',
      {},
      { timeout: 3000 },
    );
    expect(marked.closest('.ant-form-item')?.contains(account)).toBe(true);
    expect(screen.getByText(/保密参数不会保留，请重新输入/)).toBeTruthy();
    expect(document.documentElement.outerHTML).not.toContain('******');
  });

  it('keeps the marks when the notice is drawn together with the form (its chunk already loaded): nothing re-checks them', async () => {
    const failure = {
      code: 'PostgresAuthFailed',
      title: 'PostgreSQL 账号或密码错误',
      detail: 'FATAL: password authentication failed for user "postgres"',
      action: '请在表单中重新填写 PostgreSQL 数据库密码',
      fields: ['postgresPassword'],
    };
    const { user, router } = renderApp('/deployments/si-track1', {
      '/deployments/si-track1': () =>
        Response.json(detail({ status: 'DeployedFailed', phase: 'failed', progress: 40, failure })),
    });
    const password = () => screen.getByLabelText<HTMLInputElement>('PostgreSQL数据库密码', { exact: false });
    const mark = '部署失败与此项有关：PostgreSQL 账号或密码错误';
    // Twice: the first time the notice's chunk is fetched (the form is drawn before it); the
    // second time it is there already and the notice mounts in the form's own commit.
    for (const round of [1, 2]) {
      await user.click(await screen.findByRole('button', { name: '返回修改参数' }, { timeout: 5000 }));
      await waitFor(() => expect(router.state.location.pathname).toBe('/'));
      await waitFor(() => expect(password().closest('.ant-form-item')?.textContent, `round ${round}`).toContain(mark));
      // Still there once everything the form does at first has run (its listings answered).
      expect(await screen.findByText('华东1（杭州）')).toBeTruthy();
      expect(password().closest('.ant-form-item')?.textContent, `round ${round}`).toContain(mark);
      expect(password().closest('.ant-form-item')?.textContent, `round ${round}`).not.toContain('此项为必填项');
      if (round === 1) act(() => router.navigate('/deployments/si-track1'));
    }
  });
});

describe('deployments list', () => {
  it('lists the deployments with a link to each, and links an empty list to the form', async () => {
    renderApp('/deployments', {
      '/api/v1/deployments': () =>
        Response.json({ items: [detail({ status: 'Deployed', phase: 'ready', progress: 100 })] }),
    });
    const link = await screen.findByRole('link', { name: 'dify-track1' }, { timeout: 5000 });
    expect(link.getAttribute('href')).toBe('/deployments/si-track1');
    expect(screen.getByRole('button', { name: '刷新' })).toBeTruthy();
  });

  it('shows an empty state linking to the form', async () => {
    renderApp('/deployments', { '/api/v1/deployments': () => Response.json({ items: [] }) });
    expect(await screen.findByText('还没有部署', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: '部署 Dify' }).getAttribute('href')).toBe('/');
  });
});
