import type { AccountState } from '../../state/registry';
import { callerMay } from '../ram/authorize';
import type { Caller } from '../ram/principal';

// The RAM actions the 高可用版-已有资源 template's stack performs as the deploying identity
// (the ROS stack runs with the caller's permissions). The list follows what the stack touches in
// the deployment model (deploy.ts): ROS itself, the cluster's kubeconfig, the RDS/Redis data
// sources, the VPC, the NAS file system and mount target, the plugin daemon's disk. The real
// template's policy (GenerateServicePolicy) is longer; its exact action list is UNCONFIRMED. NAS is
// left out: the guide's policy list has no NAS policy, and the sandbox cannot know how the real
// service covers it.

export const TEMPLATE_ACTIONS: readonly string[] = [
  'ros:CreateStack',
  'ros:GetStack',
  'ros:ListStackResources',
  'ros:DeleteStack',
  'cs:DescribeClusterDetail',
  'cs:DescribeClusterUserKubeconfig',
  'rds:DescribeDBInstances',
  'rds:DescribeDBInstanceAttribute',
  'kvstore:DescribeInstances',
  'kvstore:DescribeInstanceAttribute',
  'vpc:DescribeVpcs',
  'vpc:DescribeVSwitches',
  'ecs:CreateDisk',
  'ecs:DescribeDisks',
  'ecs:DeleteDisk',
];

export interface MissingPolicy {
  ServiceName: string;
  Action: string[];
  Resource: string;
}

/** The template's actions the caller may not perform, grouped by service (empty for root keys). */
export function missingPolicies(
  account: AccountState,
  caller: Caller | undefined,
): MissingPolicy[] {
  const out: MissingPolicy[] = [];
  for (const action of TEMPLATE_ACTIONS) {
    if (callerMay(account, caller, action)) continue;
    const service = action.split(':')[0] ?? '';
    let entry = out.find((m) => m.ServiceName === service);
    if (!entry) {
      entry = { ServiceName: service, Action: [], Resource: '*' };
      out.push(entry);
    }
    entry.Action.push(action);
  }
  return out;
}

/** The policy document granting the template's actions (GenerateServicePolicy's `Policy`). */
export function templatePolicyDocument(): string {
  return JSON.stringify({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: [...TEMPLATE_ACTIONS], Resource: '*' }],
  });
}

export function describeMissing(missing: readonly MissingPolicy[]): string {
  return missing.map((m) => m.Action.join(', ')).join(', ');
}
