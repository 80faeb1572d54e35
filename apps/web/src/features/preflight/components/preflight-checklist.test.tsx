import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { PreflightCheck } from '@dify-console/shared/api/preflight';
import { checksWith, preflightFixture } from '../../../test/bff-fixtures';
import { stubEventSource } from '../../../test/event-source';
import { callsTo } from '../../../test/render-app';
import { toReview } from '../../../test/review-flow';

beforeEach(() => {
  stubEventSource();
});
afterEach(() => vi.unstubAllGlobals());

const CREATE = '立即创建';
const AGREE = '我已阅读并同意《计算巢服务协议》';
const ACK = '我已了解以上警告';

const PG_WHITELIST_FAIL: PreflightCheck = {
  id: 'postgres.whitelist',
  group: 'postgres',
  status: 'fail',
  title: 'PostgreSQL 白名单',
  detail: 'dify-pg15 的白名单未包含集群 c1prod 的 Pod 网段 172.20.0.0/16 和节点网段 172.16.1.0/24',
  fix: {
    kind: 'whitelist',
    target: 'postgres',
    instanceId: 'pgm-bp19wxw53hbzgi93',
    groupName: 'dify_ack',
    add: ['172.20.0.0/16', '172.16.1.0/24'],
  },
};

const PG_ACCOUNT_FAIL: PreflightCheck = {
  id: 'postgres.whitelist',
  group: 'postgres',
  status: 'fail',
  title: 'PostgreSQL 高权限账号',
  detail: '账号 postgres 不是高权限账号，Dify 无法创建数据库',
  fix: {
    kind: 'link',
    label: '在 RDS 控制台管理账号',
    url: 'https://rdsnext.console.aliyun.com/detail/pgm-bp19wxw53hbzgi93/account',
  },
};

const REDIS_WARN: PreflightCheck = {
  id: 'redis.whitelist',
  group: 'redis',
  status: 'warn',
  title: 'Redis 版本',
  detail: 'Redis 6.0 可以使用，建议 7.0 或更高版本',
};

const button = (name: string) => screen.getByRole<HTMLButtonElement>('button', { name });
const reason = () => screen.queryByTestId('order-blocked-reason')?.textContent ?? null;

describe('pre-flight checklist', () => {
  it('shows every check grouped, with status words and details; a failure blocks ordering with its reason', async () => {
    const { user } = await toReview(
      {
        '/api/v1/preflight': () =>
          Response.json(preflightFixture(checksWith(PG_ACCOUNT_FAIL, REDIS_WARN))),
      },
      { waitForChecks: false },
    );
    expect(await screen.findByText('1 项失败，1 项警告', {}, { timeout: 5000 })).toBeTruthy();
    const checklist = screen.getByRole('region', { name: '部署前检查' });
    expect(within(checklist).getByText('检查于', { exact: false }).textContent).toContain(
      '用时 1.2 秒',
    );

    // Before the price.
    const quote = screen.getByRole('region', { name: /询价明细/ });
    expect(
      checklist.compareDocumentPosition(quote) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    for (const group of [
      '身份与权限',
      '计算巢',
      '网络拓扑',
      '集群',
      'PostgreSQL',
      'Redis',
      'Milvus',
    ])
      expect(within(checklist).getByRole('heading', { name: group })).toBeTruthy();

    const failing = within(checklist).getByRole('listitem', { name: 'PostgreSQL 高权限账号' });
    expect(within(failing).getByText('失败')).toBeTruthy();
    expect(
      within(failing).getByText('账号 postgres 不是高权限账号，Dify 无法创建数据库'),
    ).toBeTruthy();
    const link = within(failing).getByRole('link', { name: '在 RDS 控制台管理账号' });
    expect(link.getAttribute('href')).toBe(
      'https://rdsnext.console.aliyun.com/detail/pgm-bp19wxw53hbzgi93/account',
    );
    expect(link.getAttribute('target')).toBe('_blank');

    const warning = within(checklist).getByRole('listitem', { name: 'Redis 版本' });
    expect(within(warning).getByText('警告')).toBeTruthy();
    expect(within(warning).getByText('Redis 6.0 可以使用，建议 7.0 或更高版本')).toBeTruthy();
    // Failures and warnings are open; a group where everything passed is one collapsed line.
    expect(screen.getByTestId('preflight-group-postgres').hasAttribute('open')).toBe(true);
    expect(screen.getByTestId('preflight-group-redis').hasAttribute('open')).toBe(true);
    const milvus = screen.getByTestId('preflight-group-milvus');
    expect(milvus.hasAttribute('open')).toBe(false);
    expect(milvus.querySelector('summary')?.textContent).toMatch(/Milvus.*项全部通过/);
    const passing = within(checklist).getByRole('listitem', { name: 'Milvus 可连接' });
    expect(within(passing).getByText('通过')).toBeTruthy();
    expect(within(passing).getByText('用户 root 登录成功')).toBeTruthy();

    // A failure: no order, whatever else is ticked; the reason is on screen and describes the button.
    await user.click(screen.getByRole('checkbox', { name: AGREE }));
    expect(button(CREATE).disabled).toBe(true);
    expect(reason()).toBe('部署前检查有 1 项失败，请先修复后再创建');
    expect(button(CREATE).getAttribute('aria-describedby')).toBe(
      screen.getByTestId('order-blocked-reason').id,
    );
    expect(screen.queryByRole('checkbox', { name: ACK })).toBeNull();
  });

  it('waits for the checks before ordering, and asks to acknowledge warnings', async () => {
    let release: (() => void) | undefined;
    const { user } = await toReview(
      {
        '/api/v1/preflight': async () => {
          await new Promise<void>((resolve) => (release = resolve));
          return Response.json(preflightFixture(checksWith(REDIS_WARN)));
        },
      },
      { waitForChecks: false },
    );
    await user.click(screen.getByRole('checkbox', { name: AGREE }));
    expect(button(CREATE).disabled).toBe(true);
    expect(reason()).toBe('正在进行部署前检查，检查完成后才能创建');
    await waitFor(() => expect(release).toBeDefined());
    release?.();

    expect(await screen.findByText('1 项警告', {}, { timeout: 5000 })).toBeTruthy();
    const ack = await screen.findByRole('checkbox', { name: ACK });
    expect(button(CREATE).disabled).toBe(true);
    expect(reason()).toBe('请先确认您已了解部署前检查的警告');
    await user.click(ack);
    expect(button(CREATE).disabled).toBe(false);
    expect(reason()).toBeNull();
  });

  it('lets the user order on acknowledgement when the checks cannot run', async () => {
    const { user } = await toReview(
      {
        '/api/v1/preflight': () =>
          Response.json(
            { code: 'Cloud.Unavailable', message: '云服务暂时不可用' },
            { status: 503 },
          ),
      },
      { waitForChecks: false },
    );
    expect(
      await screen.findByText('部署前检查未能完成：云服务暂时不可用', {}, { timeout: 5000 }),
    ).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: AGREE }));
    expect(button(CREATE).disabled).toBe(true);
    expect(reason()).toBe('部署前检查未能完成：请重新检查，或确认后仍然创建');
    await user.click(
      screen.getByRole('checkbox', { name: '我已了解部署前检查未能完成，仍要创建' }),
    );
    expect(button(CREATE).disabled).toBe(false);
  });

  it('fixes a whitelist after showing exactly what changes, then checks again and allows the order', async () => {
    let fixed = false;
    const { user, fetchMock } = await toReview(
      {
        '/api/v1/preflight': () =>
          Response.json(preflightFixture(fixed ? checksWith() : checksWith(PG_WHITELIST_FAIL))),
        '/whitelist-fix': () => {
          fixed = true;
          return Response.json({
            instanceId: 'pgm-bp19wxw53hbzgi93',
            groupName: 'dify_ack',
            added: ['172.20.0.0/16', '172.16.1.0/24'],
          });
        },
      },
      { waitForChecks: false },
    );
    expect(await screen.findByText('1 项失败', {}, { timeout: 5000 })).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: AGREE }));
    expect(button(CREATE).disabled).toBe(true);

    const row = screen.getByRole('listitem', { name: 'PostgreSQL 白名单' });
    await user.click(within(row).getByRole('button', { name: '修复白名单' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('修改 pgm-bp19wxw53hbzgi93 的白名单')).toBeTruthy();
    expect(within(dialog).getByTestId('fix-instance').textContent).toBe(
      '实例RDS PostgreSQL pgm-bp19wxw53hbzgi93',
    );
    expect(within(dialog).getByTestId('fix-group').textContent).toBe('白名单分组（专用）dify_ack');
    expect(
      within(within(dialog).getByTestId('fix-add'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['172.20.0.0/16', '172.16.1.0/24']);
    expect(
      within(dialog).getByText(
        '只修改专用分组 dify_ack，不会改动任何其他白名单分组，也不会删除已有地址。',
      ),
    ).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: '取消' })).toBeTruthy();
    // Nothing is changed before the user applies it.
    expect(callsTo(fetchMock, '/api/v1/preflight/whitelist-fix', 'POST')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: '确认修改' }));
    await waitFor(() =>
      expect(callsTo(fetchMock, '/api/v1/preflight/whitelist-fix', 'POST')).toHaveLength(1),
    );
    const [, init] = callsTo(fetchMock, '/api/v1/preflight/whitelist-fix', 'POST')[0]!;
    expect(JSON.parse(init?.body as string)).toEqual({
      regionId: 'cn-hangzhou',
      target: 'postgres',
      instanceId: 'pgm-bp19wxw53hbzgi93',
      clusterId: 'c1prod',
      confirm: true,
    });
    expect(
      await screen.findByText(
        '已将 172.20.0.0/16、172.16.1.0/24 加入 pgm-bp19wxw53hbzgi93 的白名单分组 dify_ack，正在重新检查',
      ),
    ).toBeTruthy();

    // Checked again, automatically: everything passes and the order may go.
    expect(await screen.findByText('全部 7 项检查通过', {}, { timeout: 5000 })).toBeTruthy();
    expect(callsTo(fetchMock, '/api/v1/preflight', 'POST')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: '修复白名单' })).toBeNull();
    await waitFor(() => expect(button(CREATE).disabled).toBe(false));
  });

  it('checks again on "重新检查"', async () => {
    const { user, fetchMock } = await toReview();
    expect(callsTo(fetchMock, '/api/v1/preflight', 'POST')).toHaveLength(1);
    const body = JSON.parse(callsTo(fetchMock, '/api/v1/preflight', 'POST')[0]![1]?.body as string);
    expect(body).toMatchObject({
      regionId: 'cn-hangzhou',
      templateName: '高可用版-已有资源',
      parameters: { clusterId: 'c1prod' },
    });
    await user.click(screen.getByRole('button', { name: '重新检查' }));
    await waitFor(() => expect(callsTo(fetchMock, '/api/v1/preflight', 'POST')).toHaveLength(2));
    expect(await screen.findByText('全部 7 项检查通过')).toBeTruthy();
  });
  it('shows the live group running, asks again, then the probe\'s failure with the field to change; order blocked', async () => {
    const live = (status: PreflightCheck['status'], detail: string): PreflightCheck => ({
      id: 'live.redis.auth',
      group: 'live',
      status,
      title: '从集群内认证 Redis',
      detail,
      ...(status === 'fail' ? { field: 'redisPassword' } : {}),
    });
    let asked = 0;
    await toReview(
      {
        '/api/v1/preflight': () => {
          asked += 1;
          return Response.json(
            preflightFixture([
              ...checksWith(),
              asked === 1
                ? live('running', '正在集群内运行探测任务（最长 60 秒）')
                : live('fail', 'Redis 拒绝了密码：WRONGPASS invalid username-password pair or user is disabled.'),
            ]),
          );
        },
      },
      { waitForChecks: false },
    );
    expect(await screen.findByRole('heading', { name: '集群内实测' }, { timeout: 15000 })).toBeTruthy();
    const checklist = screen.getByRole('region', { name: '部署前检查' });
    const row = await within(checklist).findByRole('listitem', { name: '从集群内认证 Redis' });
    expect(within(row).getByText('运行中')).toBeTruthy();
    expect(await screen.findByText(/WRONGPASS/, {}, { timeout: 15000 })).toBeTruthy();
    const failed = within(checklist).getByRole('listitem', { name: '从集群内认证 Redis' });
    expect(within(failed).getByText('失败')).toBeTruthy();
    expect(within(failed).getByTestId('check-field-live.redis.auth').textContent).toBe('需修改：Redis实例密码');
    expect(reason()).toBe('部署前检查有 1 项失败，请先修复后再创建');
  });
});
