import { MASK } from '@dify-console/shared/template/templates';

/**
 * Runs a cloud call that carries passwords; should the cloud echo one in its error message, the
 * error leaves here with the value masked (error messages reach the user and the log).
 */
export async function withSecretsScrubbed<T>(secrets: readonly (string | undefined)[], call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof Error) {
      for (const s of secrets) if (s && s.length >= 4) err.message = err.message.split(s).join(MASK);
    }
    throw err;
  }
}
