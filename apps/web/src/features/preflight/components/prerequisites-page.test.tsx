import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { Prerequisites } from '@dify-console/shared/api/preflight';
import { prerequisitesFixture } from '../../../test/bff-fixtures';
import { callsTo, renderApp } from '../../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const row = (name: string) => screen.getByRole('row', { name: new RegExp(name) });

describe('prerequisites page', () => {
  it('is linked from the header and shows the identity and each policy with its status and source', async () => {
    const { user, router, fetchMock } = renderApp('/');
    await user.click(await screen.findByRole('link', { name: '前提条件' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/prerequisites'));
    expect(
      await screen.findByRole('heading', { level: 1, name: '前提条件' }, { timeout: 5000 }),
    ).toBeTruthy();
    expect(screen.getByText(/只有使用 RAM 用户部署时/)).toBeTruthy();

    const identity = await screen.findByRole('region', { name: '当前身份' }, { timeout: 5000 });
    expect(within(identity).getByTestId('identity-type').textContent).toBe('身份类型RAM 用户');
    expect(within(identity).getByTestId('identity-userName').textContent).toBe('名称dify-deployer');
    expect(within(identity).getByTestId('identity-accountId').textContent).toBe(
      '账号 ID1234567890123456',
    );
    expect(within(identity).getByTestId('identity-arn').textContent).toBe(
      'ARNacs:ram::1234567890123456:user/dify-deployer',
    );

    const policies = screen.getByRole('region', { name: '权限策略' });
    for (const header of ['策略名称', '用途', '当前状态', '授权来源'])
      expect(within(policies).getByRole('columnheader', { name: header })).toBeTruthy();
    expect(within(row('AliyunComputeNestUserFullAccess')).getByText('已授权')).toBeTruthy();
    expect(within(row('AliyunComputeNestUserFullAccess')).getByText('直接授权给用户')).toBeTruthy();
    expect(within(row('AliyunCSFullAccess')).getByText('用户组 dify-ops')).toBeTruthy();
    expect(within(row('AliyunCSFullAccess')).getByText('在 ACK 集群中安装 Dify')).toBeTruthy();
    expect(within(row('AliyunRDSFullAccess')).getByText('未授权')).toBeTruthy();
    expect(within(row('AliyunKvstoreFullAccess')).getByText('无法确认')).toBeTruthy();
    expect(
      within(policies).getByText(
        '缺少 1 项策略：请在 RAM 访问控制控制台为该身份授权，然后刷新本页。',
      ),
    ).toBeTruthy();

    const ram = within(policies).getByRole('link', { name: '打开 RAM 访问控制控制台' });
    expect(ram.getAttribute('href')).toBe('https://ram.console.aliyun.com/users');
    expect(ram.getAttribute('target')).toBe('_blank');

    await user.click(screen.getByRole('button', { name: '刷新' }));
    await waitFor(() => expect(callsTo(fetchMock, '/api/v1/prerequisites')).toHaveLength(2));
  });

  it('shows the note when the policies cannot be read, and that the root account needs none', async () => {
    const answer: Prerequisites = {
      identity: {
        type: 'Account',
        accountId: '1234567890123456',
        userName: null,
        arn: 'acs:ram::1234567890123456:root',
      },
      policies: prerequisitesFixture().policies.map((p) => ({
        ...p,
        status: 'notNeeded',
        via: null,
      })),
      note: '无法读取 RAM 策略：当前身份没有 ram:ListPoliciesForUser 权限',
    };
    renderApp('/prerequisites', { '/api/v1/prerequisites': () => Response.json(answer) });
    expect(
      await screen.findByText(
        '无法读取 RAM 策略：当前身份没有 ram:ListPoliciesForUser 权限',
        {},
        { timeout: 5000 },
      ),
    ).toBeTruthy();
    expect(screen.getByText('您正在使用阿里云账号（主账号），无需授权以下策略。')).toBeTruthy();
    expect(screen.getByTestId('identity-type').textContent).toBe('身份类型阿里云账号（主账号）');
    expect(screen.queryByTestId('identity-userName')).toBeNull();
    expect(within(row('AliyunCSFullAccess')).getByText('无需授权')).toBeTruthy();
  });
});
