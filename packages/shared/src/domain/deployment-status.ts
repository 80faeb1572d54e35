import { z } from 'zod';

/** Compute Nest service instance states (GetServiceInstance `Status`). */
export const DEPLOYMENT_STATUSES = [
  'Created',
  'Deploying',
  'Deployed',
  'DeployedFailed',
  'Upgrading',
  'Deleting',
  'Deleted',
  'DeletedFailed',
  'Stopped',
] as const;
export const DeploymentStatusSchema = z.enum(DEPLOYMENT_STATUSES);
export type DeploymentStatus = z.infer<typeof DeploymentStatusSchema>;

/** States after which nothing changes without a new action: a watcher stops polling there. */
export const FINAL_STATUSES: ReadonlySet<DeploymentStatus> = new Set([
  'Deployed',
  'DeployedFailed',
  'Deleted',
  'DeletedFailed',
  'Stopped',
]);

export function isFinalStatus(status: DeploymentStatus): boolean {
  return FINAL_STATUSES.has(status);
}
