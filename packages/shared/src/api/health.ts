import { z } from 'zod';
import type { Endpoint } from './contract';

export const HealthSchema = z.object({
  status: z.literal('ok'),
  mode: z.enum(['sandbox', 'aliyun']).describe('sandbox = the local cloud; aliyun = the real cloud'),
});
export type Health = z.infer<typeof HealthSchema>;

export const getHealth = {
  method: 'GET',
  path: '/api/v1/health',
  summary: 'Liveness and which cloud the console talks to',
  response: HealthSchema,
} as const satisfies Endpoint;

/** A probe's answer: `ok` while the process serves; `draining` once it is shutting down. */
export const ProbeSchema = z.object({ status: z.enum(['ok', 'draining']) });
export type Probe = z.infer<typeof ProbeSchema>;

export const getLiveness = {
  method: 'GET',
  path: '/livez',
  summary: 'Liveness probe: the process answers (for Kubernetes)',
  response: ProbeSchema,
} as const satisfies Endpoint;

export const getReadiness = {
  method: 'GET',
  path: '/readyz',
  summary: 'Readiness probe: 200 while taking requests, 503 once shutting down (for Kubernetes)',
  response: ProbeSchema,
} as const satisfies Endpoint;
