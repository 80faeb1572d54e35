import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { AccessState } from '@dify-console/shared/api/access';
import type { DeploymentDetail } from '@dify-console/shared/api/deployments';
import type { MockRequest } from '../../../test/bff-fixtures';
import { MockEventSource, stubEventSource } from '../../../test/event-source';
import { callsTo, renderApp } from '../../../test/render-app';

beforeEach(() => {
  stubEventSource();
});
afterEach(() => vi.unstubAllGlobals());

const ACCESS_PATH = '/api/v1/deployments/si-acc1/access';
const PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-very-secret\n-----END PRIVATE KEY-----';
const CERTIFICATE = '-----BEGIN CERTIFICATE-----\nMIIDazCCAlOgAwIBAgIUe\n-----END CERTIFICATE-----';

function detail(over: Partial<DeploymentDetail> = {}): DeploymentDetail {
  return {
    instanceId: 'si-acc1',
    name: 'dify-acc1',
    status: 'Deployed',
    progress: 100,
    phase: 'ready',
    regionId: 'cn-hangzhou',
    templateName: '高可用版-已有资源',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:09:00.000Z',
    statusDetail: '',
    failure: null,
    outputs: [],
    resources: [],
    parameters: { clusterId: 'c1prod', highAvailability: true },
    serviceVersion: '6',
    templateParameters: {},
    ...over,
  };
}

const NONE: AccessState = {
  kind: 'none',
  state: 'none',
  reason: '尚未配置访问入口：Service ack-dify 仅集群内可访问',
  settings: { addressType: null, host: null, tls: null, annotations: {} },
  address: null,
  url: null,
  hostsLine: null,
  addon: { installed: false, state: null },
  checks: [],
};

const LB_ANNOTATIONS = {
  'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type': 'intranet',
  'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-established-timeout': '900',
};

const lbPending: AccessState = {
  ...NONE,
  kind: 'loadBalancer',
  state: 'pending',
  reason: '阿里云正在为 Service ack-dify 创建负载均衡，通常一分钟内完成',
  settings: { addressType: 'intranet', host: null, tls: null, annotations: LB_ANNOTATIONS },
  checks: [
    { id: 'install', status: 'pending', title: 'Dify 初始化页面可访问', detail: '入口获得地址后开始检查' },
  ],
};

const lbReady: AccessState = {
  ...lbPending,
  state: 'ready',
  reason: null,
  address: { ip: '127.0.100.3', hostname: null },
  url: 'http://127.0.100.3:18080/install',
  checks: [
    { id: 'install', status: 'pass', title: 'Dify 初始化页面可访问', detail: 'http://127.0.100.3:18080/install 返回了 Dify 初始化页面' },
    { id: 'upload', status: 'pass', title: '大文件上传不被拦截', detail: '20 MB 的上传通过了入口（未返回 413）' },
    { id: 'streaming', status: 'pending', title: '流式回答实时到达', detail: '正在通过入口地址检查…' },
  ],
};

const ingressReady: AccessState = {
  kind: 'ingress',
  state: 'ready',
  reason: null,
  settings: {
    addressType: null,
    host: 'dify.example.com',
    tls: null,
    annotations: {
      'nginx.ingress.kubernetes.io/proxy-body-size': '100m',
      'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
    },
  },
  address: { ip: '127.0.100.7', hostname: null },
  url: 'http://dify.example.com:18080/install',
  hostsLine: '127.0.100.7 dify.example.com',
  addon: { installed: true, state: 'active' },
  checks: [
    { id: 'install', status: 'pass', title: 'Dify 初始化页面可访问', detail: 'ok' },
    { id: 'upload', status: 'fail', title: '大文件上传不被拦截', detail: '20 MB 的上传被入口拒绝（HTTP 413 请求体过大）' },
    { id: 'streaming', status: 'pending', title: '流式回答实时到达', detail: '正在通过入口地址检查…' },
  ],
};

/** A BFF holding one access state; PUT answers with `onPut` (or the state it is given next). */
function accessBff(initial: AccessState, onPut: (request: MockRequest) => Response) {
  const server = { state: initial };
  const handler = (request: MockRequest) => {
    if (request.method === 'PUT') return onPut(request);
    return Response.json(server.state);
  };
  return { server, handler };
}

function open(
  initial: AccessState,
  onPut: (request: MockRequest) => Response = () => Response.json(initial),
  deployment = detail(),
) {
  const bff = accessBff(initial, onPut);
  const app = renderApp('/deployments/si-acc1', {
    '/deployments/si-acc1/access': bff.handler,
    '/deployments/si-acc1': () => Response.json(deployment),
  });
  return { ...app, server: bff.server };
}

/** The section, once its state has been read (the two ways are shown then). */
async function section() {
  const region = await screen.findByRole('region', { name: '访问入口' }, { timeout: 5000 });
  await within(region).findByRole('region', { name: '方式一：负载均衡' }, { timeout: 3000 });
  return region;
}
const option = (name: string) => screen.getByRole('region', { name });
const problem = (status: number, body: object) => Response.json(body, { status });

describe('access entry', () => {
  it('appears only once the deployment is Deployed', async () => {
    const { fetchMock } = open(NONE, undefined, detail({ status: 'Deploying', phase: 'installing', progress: 60 }));
    expect(await screen.findByRole('heading', { name: 'dify-acc1' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByRole('region', { name: '访问入口' })).toBeNull();
    expect(callsTo(fetchMock, ACCESS_PATH)).toHaveLength(0);

    act(() => MockEventSource.latest().emit('status', { deployment: detail({ updatedAt: '2025-01-01T00:10:00.000Z' }) }));
    const region = await section();
    expect(within(region).getByRole('region', { name: '方式一：负载均衡' })).toBeTruthy();
    expect(within(region).getByRole('region', { name: '方式二：Ingress' })).toBeTruthy();
    expect(await within(region).findByText('未配置', { selector: '[role="status"]' })).toBeTruthy();
    // The scaling note says whether this deployment's pods scale, and links the node auto-scaling.
    expect(within(region).getByText('本部署已开启高可用。')).toBeTruthy();
    expect(within(region).getByRole('link', { name: '配置节点自动伸缩' }).getAttribute('href')).toBe(
      'https://help.aliyun.com/zh/ack/ack-managed-and-ack-dedicated/user-guide/auto-scaling-of-nodes',
    );
  });

  it('applies a load balancer, shows it pending, then the URL and the /install link once ready', async () => {
    const { user, fetchMock, server } = open(NONE, () => Response.json(lbPending));
    await section();
    const lb = option('方式一：负载均衡');
    // Before anything is applied, the settings are said in words, with why.
    expect(within(lb).getByText('将应用的设置')).toBeTruthy();
    expect(within(lb).getByText(/空闲超时过短会把它切断/)).toBeTruthy();
    await user.click(within(lb).getByRole('radio', { name: '私网' }));
    await user.click(within(lb).getByRole('button', { name: '应用' }));

    await waitFor(() => expect(callsTo(fetchMock, ACCESS_PATH, 'PUT')).toHaveLength(1));
    const [, init] = callsTo(fetchMock, ACCESS_PATH, 'PUT')[0]!;
    expect(JSON.parse(init!.body as string)).toEqual({ kind: 'loadBalancer', addressType: 'intranet' });
    expect(await screen.findByText('正在分配地址…')).toBeTruthy();
    expect(screen.getByText(lbPending.reason!)).toBeTruthy();
    expect(screen.queryByRole('link', { name: '打开 Dify 安装页' })).toBeNull();

    // The page polls until the address is there.
    server.state = lbReady;
    const link = await screen.findByRole('link', { name: '打开 Dify 安装页' }, { timeout: 5000 });
    expect(link.getAttribute('href')).toBe('http://127.0.100.3:18080/install');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(screen.getByTestId('access-url').textContent).toBe('http://127.0.100.3:18080/install');
    expect(screen.getByText('已就绪')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '复制地址' }));
    expect(await navigator.clipboard.readText()).toBe('http://127.0.100.3:18080/install');
    // The checks, each with its status in words.
    expect(within(screen.getByTestId('access-check-upload')).getByText('通过')).toBeTruthy();
    expect(within(screen.getByTestId('access-check-streaming')).getByText('检查中')).toBeTruthy();
    // The settings as applied, in the same words as before applying; the annotations verbatim on demand.
    const lbOption = option('方式一：负载均衡');
    expect(within(lbOption).getByText('已应用的设置')).toBeTruthy();
    const applied = within(lbOption).getByText('连接空闲超时 900 秒（负载均衡允许的最大值）');
    expect(applied.closest('ul')?.getAttribute('title')).toBeNull();
    const annotations = within(lbOption).getByText('集群中的注解').closest('details');
    expect(annotations?.querySelector('pre')?.textContent).toMatch(/established-timeout: 900/);
  });

  it('shows the hosts line of an Ingress with a domain, with its own copy button', async () => {
    const { user } = open(ingressReady);
    await section();
    expect((await screen.findByTestId('access-hosts-line')).textContent).toBe('127.0.100.7 dify.example.com');
    expect(screen.getByText(/在 DNS 中将域名 dify.example.com 解析到 127.0.100.7/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '复制 hosts 记录' }));
    expect(await navigator.clipboard.readText()).toBe('127.0.100.7 dify.example.com');
    expect(within(screen.getByTestId('access-check-upload')).getByText('未通过')).toBeTruthy();
    const ingress = option('方式二：Ingress');
    expect(within(ingress).getByText('当前使用')).toBeTruthy();
    expect(within(ingress).getByRole<HTMLInputElement>('textbox', { name: '域名' }).value).toBe('dify.example.com');
    // Installed: no consent to give.
    expect(within(ingress).queryByRole('checkbox', { name: /同意自动安装/ })).toBeNull();
    expect(within(ingress).getByText('集群已安装 Nginx Ingress Controller 组件')).toBeTruthy();
    expect(screen.queryByTestId('access-cname')).toBeNull();
  });

  it('a host name address (network load balancer) asks for a CNAME, never a hosts line', async () => {
    const { user } = open({ ...ingressReady, address: { ip: null, hostname: 'nlb-abc.cn-hangzhou.nlb.aliyuncsslb.com' }, hostsLine: null });
    await section();
    expect((await screen.findByTestId('access-cname')).textContent).toBe('dify.example.com CNAME nlb-abc.cn-hangzhou.nlb.aliyuncsslb.com');
    expect(screen.getByText(/为 dify.example.com 添加一条 CNAME 记录，指向 nlb-abc/)).toBeTruthy();
    expect(screen.queryByTestId('access-hosts-line')).toBeNull();
    await user.click(screen.getByRole('button', { name: '复制 CNAME 目标' }));
    expect(await navigator.clipboard.readText()).toBe('nlb-abc.cn-hangzhou.nlb.aliyuncsslb.com');
  });

  it('proposes an example domain that is not under .local', async () => {
    open(NONE);
    await section();
    const host = within(option('方式二：Ingress')).getByRole<HTMLInputElement>('textbox', { name: '域名' }).value;
    expect(host).toBe('dify.example.com');
    expect(host.endsWith('.local')).toBe(false);
  });

  it('checks the domain before sending', async () => {
    const { user, fetchMock } = open(NONE);
    await section();
    const ingress = option('方式二：Ingress');
    const host = within(ingress).getByRole<HTMLInputElement>('textbox', { name: '域名' });
    await user.clear(host);
    await user.type(host, 'http://dify:80');
    await user.click(within(ingress).getByRole('button', { name: '应用' }));
    expect(within(ingress).getByText(/请输入有效的域名/)).toBeTruthy();
    expect(host.getAttribute('aria-invalid')).toBe('true');
    expect(callsTo(fetchMock, ACCESS_PATH, 'PUT')).toHaveLength(0);
  });

  it('highlights the add-on checkbox when the add-on is missing, and sends the agreement', async () => {
    const addonMissing = {
      code: 'IngressAddonMissing',
      message: '集群未安装 nginx Ingress 组件，请同意安装后重试',
      issues: [{ path: ['installAddon'], message: 'Ingress 入口需要集群组件 nginx-ingress-controller。勾选“安装组件”后重试' }],
    };
    const { user, fetchMock } = open(NONE, ({ body }) =>
      (body as { installAddon?: boolean }).installAddon
        ? Response.json({ ...NONE, kind: 'ingress', state: 'pending', reason: '正在安装 nginx Ingress 组件（约一分钟）', settings: { ...NONE.settings, host: 'dify.example.com' } })
        : problem(409, addonMissing),
    );
    await section();
    const ingress = option('方式二：Ingress');
    expect(within(ingress).getByRole<HTMLInputElement>('textbox', { name: '域名' }).value).toBe('dify.example.com');
    await user.click(within(ingress).getByRole('button', { name: '应用' }));

    expect(await within(ingress).findByText(addonMissing.message)).toBeTruthy();
    const checkbox = within(ingress).getByRole('checkbox', { name: '若集群未安装 Nginx Ingress Controller 组件，同意自动安装' });
    expect(checkbox.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('access-addon').getAttribute('data-flagged')).toBe('true');
    expect(within(screen.getByTestId('access-addon')).getByText(addonMissing.issues[0]!.message)).toBeTruthy();
    expect(JSON.parse(callsTo(fetchMock, ACCESS_PATH, 'PUT')[0]![1]!.body as string)).toEqual({
      kind: 'ingress',
      host: 'dify.example.com',
      installAddon: false,
    });

    await user.click(checkbox);
    expect(checkbox.getAttribute('aria-invalid')).toBeNull();
    await user.click(within(ingress).getByRole('button', { name: '应用' }));
    await waitFor(() => expect(callsTo(fetchMock, ACCESS_PATH, 'PUT')).toHaveLength(2));
    expect(JSON.parse(callsTo(fetchMock, ACCESS_PATH, 'PUT')[1]![1]!.body as string)).toMatchObject({ installAddon: true });
    expect(await screen.findByText('正在分配地址…')).toBeTruthy();
  });

  it('shows a refused certificate under the TLS fields, and keeps no private key in the page', async () => {
    const invalid = {
      code: 'InvalidCertificate',
      message: 'TLS 证书不可用，未做任何更改',
      issues: [{ path: ['tls', 'privateKey'], message: '私钥与证书不匹配：请粘贴签发该证书时使用的私钥' }],
    };
    const { user, fetchMock } = open(NONE, () => problem(400, invalid));
    await section();
    const ingress = option('方式二：Ingress');
    await user.click(within(ingress).getByRole('checkbox', { name: '启用 HTTPS（TLS）' }));
    const cert = within(ingress).getByRole<HTMLTextAreaElement>('textbox', { name: '证书（PEM）' });
    const key = within(ingress).getByRole<HTMLTextAreaElement>('textbox', { name: '私钥（PEM）' });
    await user.click(cert);
    await user.paste(CERTIFICATE);
    await user.click(key);
    await user.paste(PRIVATE_KEY);
    await user.click(within(ingress).getByRole('button', { name: '应用' }));

    const message = await within(ingress).findByText(invalid.issues[0]!.message);
    expect(message.closest('[data-field]')?.contains(key)).toBe(true);
    expect(key.getAttribute('aria-invalid')).toBe('true');
    expect(key.getAttribute('aria-describedby')).toContain(message.id);
    expect(within(ingress).getByText(invalid.message)).toBeTruthy();
    expect(JSON.parse(callsTo(fetchMock, ACCESS_PATH, 'PUT')[0]![1]!.body as string)).toEqual({
      kind: 'ingress',
      host: 'dify.example.com',
      installAddon: false,
      tls: { certificate: CERTIFICATE, privateKey: PRIVATE_KEY },
    });
    expect(key.value).toBe('');
    expect(cert.value).toBe(CERTIFICATE);
    expect(document.documentElement.outerHTML).not.toContain('very-secret');
  });

  it('never shows the private key again after a successful apply', async () => {
    const applied: AccessState = {
      ...ingressReady,
      settings: { ...ingressReady.settings, host: 'dify.example.com', tls: { subject: 'CN=dify.example.com', notAfter: '2027-01-01T00:00:00.000Z' } },
      url: 'https://dify.example.com:18443/install',
      hostsLine: '127.0.100.7 dify.example.com',
    };
    const { user, fetchMock } = open(NONE, () => Response.json(applied));
    await section();
    const ingress = option('方式二：Ingress');
    await user.click(within(ingress).getByRole('checkbox', { name: '启用 HTTPS（TLS）' }));
    await user.click(within(ingress).getByRole('textbox', { name: '证书（PEM）' }));
    await user.paste(CERTIFICATE);
    await user.click(within(ingress).getByRole('textbox', { name: '私钥（PEM）' }));
    await user.paste(PRIVATE_KEY);
    await user.click(within(ingress).getByRole('button', { name: '应用' }));

    expect(await screen.findByText(/CN=dify.example.com，有效期至/)).toBeTruthy();
    expect(callsTo(fetchMock, ACCESS_PATH, 'PUT')).toHaveLength(1);
    expect(within(ingress).getByRole<HTMLTextAreaElement>('textbox', { name: '私钥（PEM）' }).value).toBe('');
    for (const el of document.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input')) {
      expect(el.value).not.toContain('very-secret');
    }
    expect(document.documentElement.outerHTML).not.toContain('very-secret');
  });

  it('asks before switching from one way to the other', async () => {
    const { user, fetchMock } = open(lbReady, () => Response.json(ingressReady));
    await section();
    const ingress = option('方式二：Ingress');
    await user.click(within(ingress).getByRole('button', { name: '应用' }));
    const dialog = await screen.findByRole('dialog', { name: '切换访问方式' });
    const body = within(dialog).getByText(/当前入口将被替换为Ingress/);
    expect(body.textContent).toContain('原入口负载均衡（私网）会被删除');
    expect(body.textContent).not.toMatch(/（[^）]*（/); // no nested full-width brackets
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(callsTo(fetchMock, ACCESS_PATH, 'PUT')).toHaveLength(0);

    await user.click(within(ingress).getByRole('button', { name: '应用' }));
    await user.click(within(await screen.findByRole('dialog', { name: '切换访问方式' })).getByRole('button', { name: '切换' }));
    await waitFor(() => expect(callsTo(fetchMock, ACCESS_PATH, 'PUT')).toHaveLength(1));
    expect(await screen.findByTestId('access-hosts-line')).toBeTruthy();
  });
});
