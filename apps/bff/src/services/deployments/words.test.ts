import { describe, expect, it } from 'vitest';
import { isBilled, MANUAL_ACCESS_OUTPUT, outputText, resourceStateText, resourceTypeText, statusDetailText } from './words';

describe("the cloud's words in the user's language", () => {
  it('status details', () => {
    expect(statusDetailText('deploy successfully', 'zh-CN')).toBe('部署成功');
    expect(statusDetailText('Deploying', 'zh-CN')).toBe('部署中');
    expect(statusDetailText('deploy successfully', 'en')).toBe('Deployed successfully');
    expect(statusDetailText('Create stack failed: boom', 'zh-CN')).toBe('Create stack failed: boom'); // unknown: as written
  });

  it('resource types from the ARN, then the product; states', () => {
    const uid = 'cn-hangzhou:1420000000000001';
    expect(resourceTypeText(`arn:acs:ros:${uid}:stack/e46`, 'ros', 'ros', 'zh-CN')).toBe('资源栈（ROS）');
    expect(resourceTypeText(`arn:acs:nas:${uid}:filesystem/6743`, 'nas', 'nas', 'zh-CN')).toBe('NAS 文件系统');
    expect(resourceTypeText(`arn:acs:ecs:${uid}:disk/d-bp1`, 'ecs', 'ecs', 'en')).toBe('Cloud disk');
    expect(resourceTypeText(`arn:acs:cs:${uid}:cluster/c1/namespace/dify-system/deployment/ack-dify-api`, 'cs', 'Deployment', 'zh-CN')).toBe('工作负载（Deployment）');
    expect(resourceStateText('Running', 'zh-CN')).toBe('运行中');
    expect(resourceStateText('waiting', 'en')).toBe('Waiting');
    expect(resourceStateText('', 'zh-CN')).toBe('');
  });

  it('what is billed by itself: not the stack, not the workloads', () => {
    expect(['ros', 'cs', 'nas', 'ecs'].map(isBilled)).toEqual([false, false, true, true]);
  });

  it('output keys, and the note asking to open access by hand, marked as such', () => {
    expect(outputText('ServicePort', '80', 'zh-CN')).toEqual({ label: '服务端口', value: '80', manualAccess: false });
    const manual = outputText(MANUAL_ACCESS_OUTPUT, '为ACK集群中…', 'en');
    expect(manual).toMatchObject({ label: 'Open access to Dify', manualAccess: true });
    expect(manual.value).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
