import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { DeploymentHealth } from '@dify-console/shared/api/deployment-health';
import type { DeploymentDetail } from '@dify-console/shared/api/deployments';
import { stubEventSource } from '../../../test/event-source';
import { callsTo, renderApp } from '../../../test/render-app';

beforeEach(() => {
  stubEventSource();
});
afterEach(() => vi.unstubAllGlobals());

const detail: DeploymentDetail = {
  instanceId: 'si-health1',
  name: 'dify-health1',
  status: 'Deployed',
  progress: 100,
  phase: 'ready',
  regionId: 'cn-hangzhou',
  templateName: '高可用版-已有资源',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:10:00.000Z',
  statusDetail: '',
  failure: null,
  outputs: [],
  resources: [],
  parameters: {},
  serviceVersion: '6',
  templateParameters: {},
};

const kept: DeploymentHealth = {
  status: 'unhealthy',
  checkedAt: '2025-01-01T00:10:00.000Z',
  checks: [
    { id: 'pods.plugin-daemon', status: 'fail', title: 'plugin-daemon 的 Pod 就绪', detail: '0/1 就绪：Pending' },
    { id: 'api.health', status: 'pass', title: 'api 在集群内通过健康检查（ack-dify-api）', detail: '状态正常，Dify 1.1.3' },
    { id: 'install', status: 'warn', title: '通过访问入口打开 /install', detail: '还没有访问入口' },
    { id: 'api.ready', status: 'fail', title: 'api 经 Service 应答', detail: '未应答正常（HTTP 503）', evidence: 'no endpoints available for service "ack-dify-api"' },
  ],
  diagnosis: [
    {
      signature: 'pending.resources',
      component: 'plugin-daemon',
      pod: 'ack-dify-plugin-daemon-x-y',
      explanation: 'Pod 无法调度：集群的 CPU 或内存不够。',
      evidence: '0/2 nodes are available: 2 Insufficient memory.',
      fix: { kind: 'link', label: '扩容集群节点池', url: 'https://cs.console.aliyun.com/#/k8s/cluster/c1/v2/nodepool/list?region=cn-hangzhou' },
    },
    {
      signature: 'oom.killed',
      component: 'api',
      pod: 'ack-dify-api-x-y',
      explanation: '容器因超出内存限制被终止（OOMKilled）。',
      evidence: 'OOMKilled: exit code 137',
      fix: { kind: 'text', text: '查看 `kubectl -n dify-system get limitrange`，请调高到至少 2Gi 或删除。' },
    },
  ],
};

const fresh: DeploymentHealth = {
  status: 'healthy',
  checkedAt: '2025-01-01T01:00:00.000Z',
  checks: kept.checks.map((c) => ({ ...c, status: c.id === 'install' ? 'warn' : 'pass' })),
  diagnosis: [],
};

describe('health section', () => {
  it('shows the kept result (checks, diagnosis card with evidence and fix); "check again" runs it anew (POST) and shows the new one', async () => {
    const { user, fetchMock } = renderApp('/deployments/si-health1', {
      '/deployments/si-health1': () => Response.json(detail),
      '/deployments/si-health1/health': (req) => Response.json(req.method === 'POST' ? fresh : kept),
    });
    const region = await screen.findByRole('region', { name: '运行状况' }, { timeout: 5000 });
    const text = (id: string) => within(region).getByTestId(id).textContent ?? '';
    await waitFor(() => expect(text('health-summary')).toContain('Dify 运行异常'));
    expect(within(region).getByTestId('health-check-pods.plugin-daemon').getAttribute('data-status')).toBe('fail');
    expect(text('health-check-api.health')).toContain('状态正常，Dify 1.1.3');
    // The cluster's own words stay verbatim, apart from the sentence, in a code element.
    const evidence = within(region).getByTestId('health-evidence-api.ready');
    expect(evidence.tagName).toBe('CODE');
    expect(evidence.textContent).toBe('no endpoints available for service "ack-dify-api"');
    expect(text('health-check-api.ready')).toContain('未应答正常（HTTP 503）');
    const card = within(region).getByRole('article', { name: 'plugin-daemon 的诊断' });
    expect(within(card).getByTestId('diagnosis-evidence').textContent).toBe('0/2 nodes are available: 2 Insufficient memory.');
    expect(within(card).getByTestId('diagnosis-fix').getAttribute('href')).toContain('/nodepool/list');
    // A command in the advice is code, run as written; the words around it stay words.
    const oom = within(region).getByRole('article', { name: 'api 的诊断' });
    const advice = within(oom).getByTestId('diagnosis-fix');
    expect(advice.querySelector('code')?.textContent).toBe('kubectl -n dify-system get limitrange');
    expect(advice.textContent).toBe('查看 kubectl -n dify-system get limitrange，请调高到至少 2Gi 或删除。');
    expect(callsTo(fetchMock, '/api/v1/deployments/si-health1/health', 'POST')).toHaveLength(0);

    await user.click(within(region).getByRole('button', { name: /重新检查/ }));
    await waitFor(() => expect(text('health-summary')).toContain('Dify 运行正常'));
    expect(callsTo(fetchMock, '/api/v1/deployments/si-health1/health', 'POST')).toHaveLength(1);
    expect(within(region).queryByRole('article')).toBeNull();
    expect(text('health-checked-at')).toContain(new Date(fresh.checkedAt).toLocaleString('zh-CN'));
  });
});
