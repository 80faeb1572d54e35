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
