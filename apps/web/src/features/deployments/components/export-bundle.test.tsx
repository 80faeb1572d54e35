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

describe('export', () => {
  it('downloads the deployment as one zip of the bundle files', async () => {
    const saved: Blob[] = [];
    URL.createObjectURL = (b: Blob) => (saved.push(b), 'blob:export');
    URL.revokeObjectURL = () => undefined;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderApp('/deployments/si-export1', {
      '/deployments/si-export1': () => Response.json(detail),
      '/deployments/si-export1/export': () =>
        Response.json({
          name: 'dify-export1',
          serviceVersion: '6',
          templateName: '高可用版-已有资源',
          files: [
            { name: 'README.md', content: '# Deployment' },
            { name: 'terraform/main.tf', content: 'resource "alicloud_compute_nest_service_instance" "dify" {}' },
          ],
        }),
    });
    await userEvent.click(await screen.findByRole('button', { name: '导出部署包' }, { timeout: 5000 }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const anchor = click.mock.instances[0] as HTMLAnchorElement;
    expect(anchor.download).toBe('dify-export1-export.zip');
    const files = unzipSync(new Uint8Array(await saved[0]!.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['dify-export1-export/README.md', 'dify-export1-export/terraform/main.tf']);
    expect(strFromU8(files['dify-export1-export/terraform/main.tf']!)).toContain('alicloud_compute_nest_service_instance');
  });
});
