import { z } from 'zod';
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

/** Text a record may lack (absent or null on the wire); `textsFilled` reads it as ''. */
export const maybeText = z.string().nullish();

type TextKeys<S> = { [K in keyof S]: S[K] extends typeof maybeText ? K : never }[keyof S];
/** A record of `shape` with its `maybeText` fields as strings. */
export type TextsFilled<S extends z.ZodRawShape> = Omit<z.output<z.ZodObject<S>>, TextKeys<S>> & { [K in TextKeys<S>]: string };

/**
 * Fills the `maybeText` fields of records parsed with `shape` with '' where the wire had nothing
 * (in place: they are the parser's fresh output). Not a zod transform on each field: that takes
 * zod off its compiled path, and a 100-record page then parses about ten times slower and
 * allocates twice as much, which a listing, parsing its pages all at once, waits for.
 */
export function textsFilled<S extends z.ZodRawShape>(shape: S): (records: z.output<z.ZodObject<S>>[]) => TextsFilled<S>[] {
  const texts = Object.keys(shape).filter((k) => shape[k] === maybeText);
  return (records) => {
    for (const r of records) {
      const record = r as Record<string, unknown>;
      for (const k of texts) record[k] ??= '';
    }
    return records as TextsFilled<S>[];
  };
}
