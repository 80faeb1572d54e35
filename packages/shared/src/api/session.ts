import { z } from 'zod';
import type { Endpoint } from './contract';

export const SessionStateSchema = z.object({
  loginRequired: z.boolean().describe('Whether this console asks for the access token'),
  authenticated: z.boolean(),
  csrfToken: z
    .string()
    .max(256)
    .optional()
    .describe('When a login is required: send it back in the X-CSRF-Token header of every state-changing call (sign-in included)'),
});
export type SessionState = z.infer<typeof SessionStateSchema>;

export const SessionBodySchema = z.object({
  token: z.string().min(1).max(512).describe('CONSOLE_ACCESS_TOKEN'),
});

export const getSession = {
  method: 'GET',
  path: '/api/v1/session',
  summary: 'Whether a login is needed and present',
  response: SessionStateSchema,
} as const satisfies Endpoint;

export const createSession = {
  method: 'POST',
  path: '/api/v1/session',
  summary: 'Sign in with the access token; sets an HttpOnly session cookie (204, no body)',
  body: SessionBodySchema,
  response: z.null().optional(),
} as const satisfies Endpoint;
