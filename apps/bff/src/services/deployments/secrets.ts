import {
  MASK,
  secretParameterNames,
  type DeploymentParameters,
} from '@dify-console/shared/template/templates';

/**
 * Runs a cloud call that carries the order's passwords (its NoEcho fields, from the shared template
 * description); should the cloud echo one in its error message, the error leaves here with the
 * value masked (error messages reach the user and the log).
 */
export async function withSecretsScrubbed<T>(
  parameters: Partial<DeploymentParameters>,
  call: () => Promise<T>,
  /** Values sent to the template's other NoEcho parameters (the drawn ones). */
  extra: readonly string[] = [],
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof Error) {
      for (const name of secretParameterNames()) {
        const s = parameters[name];
        if (typeof s === 'string' && s.length >= 4) err.message = err.message.split(s).join(MASK);
      }
      for (const s of extra) if (s.length >= 4) err.message = err.message.split(s).join(MASK);
    }
    throw err;
  }
}
