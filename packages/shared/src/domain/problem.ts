import { z } from 'zod';

/** The one error envelope of the BFF's HTTP API. */
export const ProblemIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])).describe('Where in the request the problem is'),
  message: z.string().describe("What is wrong, in the user's language"),
});

export const ProblemSchema = z
  .object({
    code: z.string().describe('Stable machine-readable code, e.g. ValidationFailed, Cloud.Throttling'),
    message: z.string().describe("What is wrong and what to do, in the user's language"),
    requestId: z.string().optional().describe('Cloud request id, when the cloud answered'),
    evidence: z
      .string()
      .optional()
      .describe("What the cloud (or the cluster) answered, verbatim and not translated: kept apart from the message, shown as the cloud's answer"),
    issues: z.array(ProblemIssueSchema).optional(),
  })
  .describe('Error');
export type Problem = z.infer<typeof ProblemSchema>;
