import { nonSecretParameters, type DeployPrefill } from './form-values';

/**
 * The wizard's prefill from a deployment ("back to edit parameters"): its non-secret values and
 * the fields its failure names. Used by the deployment page only, so kept out of the first screen.
 */
export function prefillFromDeployment(deployment: {
  name: string;
  regionId: string;
  templateName: string;
  parameters: Record<string, unknown>;
  failure: { title: string; fields: string[] } | null;
}): DeployPrefill {
  return {
    name: deployment.name,
    regionId: deployment.regionId,
    templateName: deployment.templateName,
    parameters: nonSecretParameters(deployment.parameters),
    invalidFields: deployment.failure?.fields ?? [],
    reason: deployment.failure?.title ?? '',
  };
}
