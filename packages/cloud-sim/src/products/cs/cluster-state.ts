import { SimError } from '../../protocol/errors';
import type { ClusterRecord } from './model';

// What the access actions share: which cluster states allow an operation, and CS's time format.

export const RUNNING = new Set(['running', 'updating', 'scaling', 'upgrading']);

export function rfc3339(ms: number): string {
  // CS writes local times with the +08:00 offset.
  const d = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600_000);
  return d.toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

// Code as in the Compute Nest stack reasons (computenest/deploy.ts); exact CS body for this API UNCONFIRMED.
export function clusterStateError(c: ClusterRecord): SimError {
  return new SimError(
    'ErrorClusterState',
    400,
    `The current state of cluster ${c.cluster_id} is ${c.state}, which does not allow this operation. The cluster must be running.`,
  );
}
