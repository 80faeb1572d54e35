import { z } from 'zod';
import { RegionIdSchema } from '../domain/regions';
import { ClusterIdSchema, PostgresInstanceIdSchema, RedisInstanceIdSchema } from '../domain/rules';
import { DeploymentParametersSchema, TemplateNameSchema } from '../template/schema';
import type { Endpoint } from './contract';
import { ServiceVersionSchema, TemplateParameterValuesSchema } from './template';

export const PreflightRequestSchema = z.object({
  regionId: RegionIdSchema,
  templateName: TemplateNameSchema,
  parameters: DeploymentParametersSchema,
  rerunProbe: z
    .boolean()
    .optional()
    .describe('Run the live probe in the cluster again although a finished one for the same parameters is known (after a fix)'),
  templateParameters: TemplateParameterValuesSchema.optional(),
  serviceVersion: ServiceVersionSchema.optional(),
});
export type PreflightRequest = z.infer<typeof PreflightRequestSchema>;

export const CHECK_GROUPS = ['identity', 'computeNest', 'topology', 'cluster', 'postgres', 'redis', 'milvus', 'live'] as const;
/** `running`: a live check (the probe Job in the cluster) whose result is not known yet; ask again. */
export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'running'] as const;

/** A whitelist change the console can make for the user: one dedicated group, only the missing ranges. */
export const WhitelistFixSchema = z.object({
  kind: z.literal('whitelist'),
  target: z.enum(['postgres', 'redis']),
  instanceId: z.string(),
  groupName: z.string().describe('The dedicated group, e.g. dify_ack; no other group is touched'),
  add: z.array(z.string()).describe('The missing IPs/CIDRs that group will receive'),
});
export type WhitelistFix = z.infer<typeof WhitelistFixSchema>;

export const LinkFixSchema = z.object({
  kind: z.literal('link'),
  label: z.string(),
  url: z.string().describe('Where in the Alibaba Cloud console to fix it'),
});

export const PreflightCheckSchema = z.object({
  id: z.string().describe('Stable id, e.g. postgres.whitelist'),
  group: z.enum(CHECK_GROUPS),
  status: z.enum(CHECK_STATUSES),
  title: z.string().describe("What was checked, in the user's language"),
  detail: z.string().describe("What was found and, when not passing, what to do (in the user's language)"),
  evidence: z.string().optional().describe('What the cloud or the cluster answered, verbatim (not translated)'),
  field: z.string().optional().describe('The form field to change to fix it, e.g. redisPassword'),
  fix: z.discriminatedUnion('kind', [WhitelistFixSchema, LinkFixSchema]).optional(),
});
export type PreflightCheck = z.infer<typeof PreflightCheckSchema>;

export const PreflightResultSchema = z.object({
  checks: z.array(PreflightCheckSchema),
  summary: z.object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int(), running: z.number().int() }),
  durationMs: z.number(),
  checkedAt: z.string(),
});
export type PreflightResult = z.infer<typeof PreflightResultSchema>;

export const WhitelistFixRequestSchema = z.discriminatedUnion('target', [
  z.object({
    regionId: RegionIdSchema,
    target: z.literal('postgres'),
    instanceId: PostgresInstanceIdSchema,
    clusterId: ClusterIdSchema.describe('The cluster whose pods must be admitted'),
    confirm: z.literal(true).describe('The user saw the change and agreed'),
  }),
  z.object({
    regionId: RegionIdSchema,
    target: z.literal('redis'),
    instanceId: RedisInstanceIdSchema,
    clusterId: ClusterIdSchema.describe('The cluster whose pods must be admitted'),
    confirm: z.literal(true).describe('The user saw the change and agreed'),
  }),
]);

export const WhitelistFixResultSchema = z.object({
  instanceId: z.string(),
  groupName: z.string(),
  added: z.array(z.string()),
});

export const PolicyStatusSchema = z.object({
  name: z.string().describe('RAM system policy, e.g. AliyunCSFullAccess'),
  purpose: z.string().describe("What it is for, in the user's language"),
  status: z.enum(['granted', 'missing', 'unknown', 'notNeeded']),
  via: z.string().nullable().describe('user, group:<name>, or AdministratorAccess'),
});

export const PrerequisitesSchema = z.object({
  identity: z.object({
    type: z.enum(['Account', 'RAMUser', 'AssumedRoleUser']),
    accountId: z.string(),
    userName: z.string().nullable(),
    arn: z.string(),
  }),
  policies: z.array(PolicyStatusSchema),
  note: z.string().nullable().describe('E.g. why the policies could not be read'),
});
export type Prerequisites = z.infer<typeof PrerequisitesSchema>;

export const runPreflight = {
  method: 'POST',
  path: '/api/v1/preflight',
  summary: 'Checks that the chosen resources can work together, before the quote',
  body: PreflightRequestSchema,
  response: PreflightResultSchema,
} as const satisfies Endpoint;

export const applyWhitelistFix = {
  method: 'POST',
  path: '/api/v1/preflight/whitelist-fix',
  summary: 'Adds the missing ranges to a dedicated whitelist group (never touches other groups)',
  body: WhitelistFixRequestSchema,
  response: WhitelistFixResultSchema,
} as const satisfies Endpoint;

export const getPrerequisites = {
  method: 'GET',
  path: '/api/v1/prerequisites',
  summary: "The caller's identity and the guide's RAM policies, each with its status",
  response: PrerequisitesSchema,
} as const satisfies Endpoint;
