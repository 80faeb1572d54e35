import type { z } from 'zod';
import { CloudError } from '../errors/cloud-error';

/** Parses a cloud answer with the zod schema of its wire shape: drift fails loudly, here. */
export function parseWire<S extends z.ZodType>(schema: S, data: unknown, action: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown';
  const requestId =
    data && typeof data === 'object' && typeof (data as Record<string, unknown>).RequestId === 'string'
      ? ((data as Record<string, unknown>).RequestId as string)
      : undefined;
  throw new CloudError({
    code: 'Cloud.UnexpectedResponse',
    message: `${action}: the cloud's answer does not have the expected shape (${where})`,
    httpStatus: 200,
    requestId,
    retryable: false,
    action,
  });
}
