import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { unzipSync, strFromU8 } from 'fflate';
import type { DeploymentDetail } from '@dify-console/shared/api/deployments';
import { stubEventSource } from '../../../test/event-source';
import { renderApp } from '../../../test/render-app';

beforeEach(() => {
  stubEventSource();
});
afterEach(() => vi.unstubAllGlobals());

const detail = {
  instanceId: 'si-export1',
  name: 'dify-export1',
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
  parameters: { vpcId: 'vpc-1', postgresPassword: '******', highAvailability: true },
  serviceVersion: '6',
  templateParameters: {},
} as unknown as DeploymentDetail;

/** The export answer of the deployment above, with these files. */
const bundle = (files: { name: string; content: string }[]) => ({ name: 'dify-export1', serviceVersion: '6', templateName: '高可用版-已有资源', files });

describe('export', () => {
  it('downloads the deployment as one zip of the bundle files', async () => {
    const saved: Blob[] = [];
    URL.createObjectURL = (b: Blob) => (saved.push(b), 'blob:export');
    URL.revokeObjectURL = () => undefined;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderApp('/deployments/si-export1', {
      '/deployments/si-export1': () => Response.json(detail),
      '/deployments/si-export1/export': () =>
        Response.json(
          bundle([
            { name: 'README.md', content: '# Deployment' },
            { name: 'terraform/main.tf', content: 'resource "alicloud_compute_nest_service_instance" "dify" {}' },
          ]),
        ),
    });
    await userEvent.click(await screen.findByRole('button', { name: '导出部署包' }, { timeout: 5000 }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const anchor = click.mock.instances[0] as HTMLAnchorElement;
    expect(anchor.download).toBe('dify-export1-export.zip');
    const files = unzipSync(new Uint8Array(await saved[0]!.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['dify-export1-export/README.md', 'dify-export1-export/terraform/main.tf']);
    expect(strFromU8(files['dify-export1-export/terraform/main.tf']!)).toContain('alicloud_compute_nest_service_instance');
  });

  it('copies the CLI script to paste in a terminal, and says so when the bundle cannot be had', async () => {
    let fail = false;
    renderApp('/deployments/si-export1', {
      '/deployments/si-export1': () => Response.json(detail),
      '/deployments/si-export1/export': () =>
        fail
          ? Response.json({ code: 'Throttling', message: '云端限流，请稍后重试' }, { status: 503 })
          : Response.json(
              bundle([
                { name: 'README.md', content: '# Deployment' },
                { name: 'deploy.sh', content: '#!/usr/bin/env bash\naliyun computenest CreateServiceInstance' },
              ]),
            ),
    });
    await navigator.clipboard.writeText('');
    await userEvent.click(await screen.findByRole('button', { name: '复制 CLI 脚本' }, { timeout: 5000 }));
    expect(await screen.findByText('已复制 CLI 脚本：先设置其中列出的密码变量，再运行')).toBeTruthy();
    expect(await navigator.clipboard.readText()).toBe('#!/usr/bin/env bash\naliyun computenest CreateServiceInstance');

    fail = true;
    await navigator.clipboard.writeText('');
    await userEvent.click(screen.getByRole('button', { name: '复制 CLI 脚本' }));
    expect(await screen.findByText(/导出失败：云端限流，请稍后重试/)).toBeTruthy();
    expect(await navigator.clipboard.readText()).toBe('');
  });
});
