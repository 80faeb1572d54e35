import { DeploymentRequestSchema, type DeploymentRequest } from '@dify-console/shared/api/deployments';
import type { FormValues } from './form-values';

/** The drawn parameters the user gave a value (an empty one means "the template's Default"). */
function given(values: FormValues['templateParameters']): Record<string, string | number | boolean> | undefined {
  const entries = Object.entries(values ?? {}).filter((e): e is [string, string | number | boolean] => e[1] !== undefined && e[1] !== null && e[1] !== '');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Step 1's values as the request the BFF prices, checks and orders; null if they do not fit. */
export function toDeploymentRequest(values: Partial<FormValues>): DeploymentRequest | null {
  const { templateName, instanceName, regionId, templateParameters, serviceVersion, ...parameters } = values;
  const drawn = given(templateParameters);
  const parsed = DeploymentRequestSchema.safeParse({
    templateName,
    regionId,
    name: instanceName,
    parameters,
    ...(drawn ? { templateParameters: drawn } : {}),
    ...(serviceVersion ? { serviceVersion } : {}),
  });
  return parsed.success ? parsed.data : null;
}

/** The request's field `name` is the form's `instanceName`; every other name is the same. */
export function formFieldOfIssue(path: readonly (string | number)[]): (string | number)[] {
  const inParameters = path.includes('parameters') || path.includes('templateParameters');
  return path.map((p) => (p === 'name' && !inParameters ? 'instanceName' : p));
}
