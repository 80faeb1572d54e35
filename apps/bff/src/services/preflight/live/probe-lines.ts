import { z } from 'zod';

/**
 * The probe script's output (probe.sh): one JSON object per line. Anything else a tool printed
 * is ignored; a line that is JSON but not a check is ignored too, so a newer script's extra
 * fields or checks never break an older console.
 */

export const ProbeLineSchema = z.object({
  check: z.string().regex(/^[a-z_.]+$/),
  ok: z.boolean(),
  code: z.string().regex(/^[a-z_]+$/),
  detail: z.string().max(2000),
  ms: z.number().nonnegative(),
});
export type ProbeLine = z.infer<typeof ProbeLineSchema>;

export function parseProbeLog(text: string): Map<string, ProbeLine> {
  const out = new Map<string, ProbeLine>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('{')) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = ProbeLineSchema.safeParse(value);
    if (parsed.success) out.set(parsed.data.check, parsed.data);
  }
  return out;
}
