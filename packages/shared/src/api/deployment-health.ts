import { z } from 'zod';
import type { Endpoint } from './contract';
import { InstanceParams } from './deployments';

/** The smoke test of a deployed Dify and the diagnosis of what fails (its pods, events, logs). */

export const SmokeCheckSchema = z.object({
  id: z.string().describe('Stable id, e.g. pods.api, hpa, spread'),
  status: z.enum(['pass', 'warn', 'fail']),
  title: z.string().describe("What was checked, in the user's language"),
  detail: z.string(),
  evidence: z.string().optional().describe('What the cluster answered, verbatim (not translated)'),
});
export type SmokeCheck = z.infer<typeof SmokeCheckSchema>;

export const DiagnosisFixSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('field'), field: z.string().describe('The form field to change, e.g. redisPassword') }),
  z.object({ kind: z.literal('link'), label: z.string(), url: z.string() }),
  z.object({ kind: z.literal('whitelist'), target: z.enum(['postgres', 'redis']).describe('Fixed in one click by the pre-flight whitelist fix') }),
  z.object({ kind: z.literal('text'), text: z.string().describe('What to do, in words; a command to run is between backticks') }),
]);
export type DiagnosisFix = z.infer<typeof DiagnosisFixSchema>;

export const DiagnosisSchema = z.object({
  signature: z.string().nullable().describe('The known failure it matches; null: unknown, evidence only'),
  component: z.string().describe('api, worker, web, sandbox, plugin-daemon, proxy, or the deployment'),
  pod: z.string().nullable(),
  explanation: z.string().nullable().describe("Plain words, in the user's language; null when unknown"),
  evidence: z.string().describe('The log line, event or state it was read from'),
  fix: DiagnosisFixSchema.nullable(),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

export const DeploymentHealthSchema = z.object({
  status: z.enum(['healthy', 'unhealthy']),
  checks: z.array(SmokeCheckSchema),
  diagnosis: z.array(DiagnosisSchema),
  checkedAt: z.string(),
});
export type DeploymentHealth = z.infer<typeof DeploymentHealthSchema>;

export const getDeploymentHealth = {
  method: 'GET',
  path: '/api/v1/deployments/:instanceId/health',
  summary:
    "Smoke test of a finished deployment (pods, HPA, spread, the api's /health in the cluster, /install through the access entry) and the diagnosis of what fails, with evidence: the result kept from its last run",
  params: InstanceParams,
  response: DeploymentHealthSchema,
} as const satisfies Endpoint;

export const runDeploymentHealth = {
  method: 'POST',
  path: '/api/v1/deployments/:instanceId/health',
  summary: 'Runs the smoke test again now (it ran by itself when the deployment finished) and keeps the result',
  params: getDeploymentHealth.params,
  response: DeploymentHealthSchema,
} as const satisfies Endpoint;
