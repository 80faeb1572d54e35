import { systemPolicy } from './policies';
import type { AttachedPolicy } from './model';

/** One `Policies.Policy[]` element as ListPoliciesForUser / ListPoliciesForGroup show it. */
export function renderPolicy(p: AttachedPolicy): Record<string, unknown> {
  const sys = p.PolicyType === 'System' ? systemPolicy(p.PolicyName) : undefined;
  return {
    PolicyName: p.PolicyName,
    PolicyType: p.PolicyType,
    Description: sys?.Description ?? '',
    DefaultVersion: sys?.DefaultVersion ?? 'v1',
    AttachDate: p.AttachDate,
  };
}
