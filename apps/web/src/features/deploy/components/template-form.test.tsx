import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { templateFormFixture, templateParameterFixture as parameter } from '../../../test/bff-fixtures';
import { stubEventSource } from '../../../test/event-source';
import { callsTo, renderApp } from '../../../test/render-app';
import { PREFILL, SECRETS } from '../../../test/review-flow';

beforeEach(() => {
  stubEventSource();
});
afterEach(() => vi.unstubAllGlobals());

/**
 * The form drawn from the service's template (`GET /api/v1/template`): a template with
 * parameters the console does not know (as a newer service version has), template constraints on
 * bound fields, and a required parameter the console can neither bind nor draw.
 */
const NEWER = templateFormFixture({
  version: '7',
  constraints: {
    DbUser: {
      allowedPattern: '[a-z][a-z0-9_]*',
      constraintDescription: { 'zh-CN': '以小写字母开头的小写字母、数字或下划线', en: 'Lower case letters, digits or underscores, a lower case letter first' },
    },
  },
  extra: [
    parameter('LogLevel', {
      label: { 'zh-CN': '日志级别', en: 'Log level' },
      allowedValues: ['DEBUG', 'INFO'],
      default: 'INFO',
      group: { 'zh-CN': '高级配置', en: 'Advanced' },
    }),
    parameter('StorageSize', {
      type: 'Number',
      label: { 'zh-CN': '存储容量', en: 'Storage size' },
      default: 20,
      minValue: 10,
      maxValue: 500,
      constraintDescription: { 'zh-CN': '取值范围 10 ~ 500', en: 'Between 10 and 500' },
      group: { 'zh-CN': '高级配置', en: 'Advanced' },
    }),
    // A label in English only: in Chinese, the BFF gives the parameter's name instead.
    parameter('Tier', { label: { 'zh-CN': 'Tier', en: 'Instance tier' }, default: 'small', group: { 'zh-CN': '高级配置', en: 'Advanced' } }),
  ],
});

async function openForm(template = NEWER) {
  const app = renderApp({ pathname: '/', state: { prefill: PREFILL } }, { '/api/v1/template': () => Response.json(template) });
  const name = await screen.findByRole('textbox', { name: '服务实例名称' });
  await app.user.clear(name);
  await app.user.type(name, PREFILL.name);
  for (const [label, value] of Object.entries(SECRETS)) await app.user.type(await screen.findByLabelText(label, { exact: false }), value);
  return app;
}

describe('the form drawn from the service template', () => {
  it('lists the service templates, those that create new resources not selectable, and names the version', async () => {
    renderApp('/', { '/api/v1/template': () => Response.json(NEWER) });
    const single = await screen.findByRole<HTMLInputElement>('radio', { name: '单机版' }, { timeout: 5000 });
    expect(single.disabled).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: '高可用版-已有资源' }).checked).toBe(true);
    expect((await screen.findByTestId('service-version')).textContent).toBe('服务版本 7（v1.2.0）');
  });

  it("draws the unknown parameters with their rules, holds the template's constraint on a bound field, and orders them with the version", async () => {
    const { user, fetchMock } = await openForm();
    const advanced = await screen.findByRole('region', { name: '高级配置' }, { timeout: 5000 });
    // A select of the allowed values, starting at the template's Default; a number with its bounds.
    expect(within(advanced).getByText('INFO')).toBeTruthy();
    const size = within(advanced).getByRole('spinbutton', { name: '存储容量' });
    expect((size as HTMLInputElement).value).toBe('20');
    await user.clear(size);
    await user.type(size, '5');
    expect(await within(advanced).findByText('取值范围 10 ~ 500')).toBeTruthy();
    await user.clear(size);
    await user.type(size, '40');
    await user.click(within(advanced).getByRole('combobox', { name: '日志级别' }));
    await user.click(await screen.findByTitle('DEBUG'));
    // The note names the template's parameter as the ID it is (code), in a sentence of the user's
    // language; a parameter without a Chinese label is labelled by that ID, not by English words.
    const note = within(advanced).getByTestId('drawn-note-LogLevel');
    expect(note.textContent).toBe('服务模板参数 LogLevel');
    expect(note.querySelector('code')?.textContent).toBe('LogLevel');
    expect(within(advanced).getByText('Tier', { selector: 'label code' })).toBeTruthy();
    expect(within(advanced).queryByText(/Instance tier/)).toBeNull();

    // The bound account: our rule accepts "Postgres", the template's pattern does not, in its words.
    const account = screen.getByRole('textbox', { name: 'PostgreSQL数据库账号' });
    await user.clear(account);
    await user.type(account, 'Postgres');
    expect(await screen.findByText('以小写字母开头的小写字母、数字或下划线')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '下一步：确认订单' }));
    expect(screen.queryByRole('region', { name: '模板参数' })).toBeNull();
    await user.clear(account);
    await user.type(account, 'postgres');

    await user.click(screen.getByRole('button', { name: '下一步：确认订单' }));
    // The review: "template parameter ← form field" with the values (NoEcho masked) and the version.
    const mapping = await screen.findByRole('region', { name: '模板参数' }, { timeout: 5000 });
    expect(within(mapping).getByTestId('mapping-version').textContent).toContain('服务版本 7（v1.2.0）');
    expect(within(mapping).getByTestId('mapping-K8s').textContent).toBe('K8s←ACK 集群IDc1prod');
    expect(within(mapping).getByTestId('mapping-DbPassword').textContent).toBe('DbPassword←PostgreSQL数据库密码******');
    expect(within(mapping).getByTestId('mapping-LogLevel').textContent).toBe('LogLevel←日志级别（按模板绘制）DEBUG');
    expect(within(mapping).getByTestId('mapping-StorageSize').textContent).toContain('40');
    expect(within(mapping).getByTestId('mapping-Tier').textContent).toBe('Tier←按模板绘制small');
    for (const secret of Object.values(SECRETS)) expect(document.documentElement.outerHTML).not.toContain(secret);

    await screen.findByText('全部 7 项检查通过', {}, { timeout: 5000 });
    await user.click(screen.getByRole('checkbox', { name: '我已阅读并同意《计算巢服务协议》' }));
    await user.click(screen.getByRole('button', { name: '立即创建' }));
    await waitFor(() => expect(callsTo(fetchMock, '/api/v1/deployments', 'POST')).toHaveLength(1));
    const body = JSON.parse(callsTo(fetchMock, '/api/v1/deployments', 'POST')[0]![1]!.body as string) as Record<string, unknown>;
    expect(body).toMatchObject({ serviceVersion: '7', templateParameters: { LogLevel: 'DEBUG', StorageSize: 40 } });
    // The price and the checks were asked for the same parameters.
    const quote = JSON.parse(callsTo(fetchMock, '/api/v1/quote', 'POST').at(-1)![1]!.body as string) as Record<string, unknown>;
    expect(quote).toMatchObject({ serviceVersion: '7', templateParameters: { LogLevel: 'DEBUG', StorageSize: 40 } });
  });

  it('a required parameter that can be neither bound nor drawn blocks the order, named', async () => {
    const message = '模板参数 Extra（Extra）为必填项，但控制台既无法对应到表单字段，也无法绘制（类型 Json），因此无法下单';
    const { user, fetchMock } = await openForm(templateFormFixture({ blocked: [{ parameter: 'Extra', message }] }));
    expect(await screen.findByText('该模板无法在本控制台下单', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText(message)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '下一步：确认订单' }));
    // The same sentence again, as the message of the refused step.
    await waitFor(() => expect(screen.getAllByText(message).length).toBeGreaterThan(1), { timeout: 5000 });
    expect(screen.queryByRole('checkbox', { name: '我已阅读并同意《计算巢服务协议》' })).toBeNull();
    expect(callsTo(fetchMock, '/api/v1/quote', 'POST')).toHaveLength(0);
  });
});
