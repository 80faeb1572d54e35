import { DeploymentRequestSchema, type DeploymentRequest } from '@dify-console/shared/api/deployments';
import type { FormValues } from './form-values';

/** Step 1's values as the request the BFF prices, checks and orders; null if they do not fit. */
export function toDeploymentRequest(values: Partial<FormValues>): DeploymentRequest | null {
  const { templateName, instanceName, regionId, ...parameters } = values;
  const parsed = DeploymentRequestSchema.safeParse({ templateName, regionId, name: instanceName, parameters });
  return parsed.success ? parsed.data : null;
}

/** The request's field `name` is the form's `instanceName`; every other name is the same. */
export function formFieldOfIssue(path: readonly (string | number)[]): (string | number)[] {
  const inParameters = path.includes('parameters');
  return path.map((p) => (p === 'name' && !inParameters ? 'instanceName' : p));
}
