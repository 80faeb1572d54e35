import { z } from 'zod';
import { DeploymentStatusSchema } from '../domain/deployment-status';
import { RegionIdSchema } from '../domain/regions';
import { InstanceNameSchema, MAX_USER_TAGS, ResourceGroupIdSchema, TagSchema } from '../domain/rules';
import { DeploymentParametersSchema, TemplateNameSchema } from '../template/schema';
import type { Endpoint } from './contract';
import { ServiceVersionSchema, TemplateParameterValuesSchema } from './template';

/** What the user asks for: the same body prices, checks and orders. */
export const DeploymentRequestSchema = z.object({
  regionId: RegionIdSchema.describe('Region Dify is deployed to'),
  templateName: TemplateNameSchema,
  name: InstanceNameSchema,
  parameters: DeploymentParametersSchema,
  templateParameters: TemplateParameterValuesSchema.optional(),
  serviceVersion: ServiceVersionSchema.optional(),
});
export type DeploymentRequest = z.infer<typeof DeploymentRequestSchema>;

export const ClientTokenSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,64}$/)
  .describe('Idempotency token made once per order by the browser (ASCII, at most 64)');

export const OrderRequestSchema = DeploymentRequestSchema.extend({
  clientToken: ClientTokenSchema,
  resourceGroupId: ResourceGroupIdSchema.optional().describe("Compute Nest's ResourceGroupId: the resource group of the instance"),
  tags: z.array(TagSchema).max(MAX_USER_TAGS).optional().describe("Compute Nest's Tag.N: tags of the instance (one more is the console's own)"),
});
export type OrderRequest = z.infer<typeof OrderRequestSchema>;

export const QuoteRequestSchema = DeploymentRequestSchema.omit({ name: true });
export type QuoteRequest = z.infer<typeof QuoteRequestSchema>;

const Money = z.number().describe('Amount in the quote currency');

export const QuoteItemSchema = z.object({
  id: z.string().describe('The template resource this line prices'),
  type: z.string().describe('Its resource type, e.g. ALIYUN::NAS::FileSystem'),
  label: z.string().describe("What it is, in the user's language"),
  chargeType: z.enum(['PostPaid', 'PrePaid']),
  priceUnit: z.string().describe('/Hour, /Month …'),
  quantity: z.number(),
  tradeAmount: Money,
  originalAmount: Money,
  discountAmount: Money,
});
export type QuoteItem = z.infer<typeof QuoteItemSchema>;

export const QuoteSchema = z.object({
  currency: z.string().describe('CNY on the China site'),
  sandbox: z.boolean().describe('Prices come from the local cloud, not from Alibaba Cloud'),
  items: z.array(QuoteItemSchema),
  total: z.object({ tradeAmount: Money, originalAmount: Money, discountAmount: Money, priceUnit: z.string() }),
  accessEntry: z
    .object({ label: z.string(), tradeAmount: Money, priceUnit: z.string(), note: z.string() })
    .describe('What the access entry will add later (a load balancer): not part of this order'),
  existingResources: z
    .array(z.object({ kind: z.string(), id: z.string(), label: z.string() }))
    .describe('Resources you already pay for: not part of the quote'),
  quotedAt: z.string(),
});
export type Quote = z.infer<typeof QuoteSchema>;

export const NameAvailabilitySchema = z.object({
  name: z.string(),
  available: z.boolean(),
  message: z.string().optional().describe("Why not, in the user's language"),
});

export const DEPLOYMENT_PHASES = ['ordered', 'validating', 'installing', 'starting', 'ready', 'failed', 'deleting', 'deleted'] as const;
export const DeploymentPhaseSchema = z.enum(DEPLOYMENT_PHASES);
export type DeploymentPhase = z.infer<typeof DeploymentPhaseSchema>;

export const DeploymentSummarySchema = z.object({
  instanceId: z.string(),
  name: z.string(),
  status: DeploymentStatusSchema,
  progress: z.number().int().min(0).max(100),
  phase: DeploymentPhaseSchema,
  regionId: z.string().describe('Region Dify is deployed to'),
  templateName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DeploymentSummary = z.infer<typeof DeploymentSummarySchema>;

export const FailureSchema = z.object({
  code: z.string(),
  title: z.string().describe("What went wrong, in the user's language"),
  detail: z.string().describe("The cloud's own words"),
  action: z.string().describe('What to do next'),
  fields: z.array(z.string()).describe('Form fields to correct, when the inputs were wrong'),
});
export type Failure = z.infer<typeof FailureSchema>;

export const DeploymentDetailSchema = DeploymentSummarySchema.extend({
  statusDetail: z.string(),
  failure: FailureSchema.nullable(),
  outputs: z.array(
    z.object({
      key: z.string().describe("The template's output name"),
      label: z.string().describe("The output's name in the user's language"),
      value: z.string(),
      manualAccess: z.boolean().describe('The note asking to open access by hand (the access entry does it)'),
    }),
  ),
  resources: z.array(
    z.object({
      arn: z.string(),
      productCode: z.string(),
      type: z.string(),
      status: z.string(),
      typeLabel: z.string().describe("What it is, in the user's language"),
      statusLabel: z.string().describe("Its state, in the user's language"),
      billed: z.boolean().describe('Costs money by itself while it exists'),
    }),
  ),
  parameters: z.record(z.string(), z.unknown()).describe('Parameters used, NoEcho values masked'),
  serviceVersion: z.string().describe('The service version ordered'),
  templateParameters: z
    .record(z.string(), z.unknown())
    .describe("The template's parameters the console does not know, as sent (NoEcho masked)"),
});
export type DeploymentDetail = z.infer<typeof DeploymentDetailSchema>;

export const LogEntrySchema = z.object({
  timestamp: z.string(),
  content: z.string(),
  status: z.string().optional(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

/** Server-Sent Events of `GET /api/v1/deployments/:instanceId/events`. */
export const DeploymentEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), deployment: DeploymentDetailSchema }),
  z.object({ type: z.literal('logs'), entries: z.array(LogEntrySchema) }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type DeploymentEvent = z.infer<typeof DeploymentEventSchema>;

/** The path parameters of a deployment's routes: its service instance id. */
export const InstanceParams = z.object({
  instanceId: z
    .string({ error: 'instanceId.format' })
    .max(64, { error: 'instanceId.format' })
    .regex(/^si-[a-z0-9]+$/, { error: 'instanceId.format' })
    .describe('Service instance id'),
});

export const quote = {
  method: 'POST',
  path: '/api/v1/quote',
  summary: 'Price of a deployment, item by item',
  body: QuoteRequestSchema,
  response: QuoteSchema,
} as const satisfies Endpoint;

export const nameAvailability = {
  method: 'GET',
  path: '/api/v1/deployments/name-availability',
  summary: 'Whether a service instance name is free in the account',
  query: z.object({ name: z.string().max(128) }),
  response: NameAvailabilitySchema,
} as const satisfies Endpoint;

export const createDeployment = {
  method: 'POST',
  path: '/api/v1/deployments',
  summary: 'Order a deployment (idempotent per clientToken)',
  body: OrderRequestSchema,
  response: z.object({ instanceId: z.string() }),
} as const satisfies Endpoint;

export const listDeployments = {
  method: 'GET',
  path: '/api/v1/deployments',
  summary: 'Deployments of the account',
  query: z.object({ refresh: z.enum(['true', 'false']).optional() }),
  response: z.object({ items: z.array(DeploymentSummarySchema) }),
} as const satisfies Endpoint;

export const getDeployment = {
  method: 'GET',
  path: '/api/v1/deployments/:instanceId',
  summary: 'One deployment: status, progress, outputs, resources, masked parameters, failure',
  params: InstanceParams,
  response: DeploymentDetailSchema,
} as const satisfies Endpoint;

export const deleteDeployment = {
  method: 'DELETE',
  path: '/api/v1/deployments/:instanceId',
  summary: 'Delete a deployment; the body must repeat its name',
  params: InstanceParams,
  body: z.object({ confirmName: z.string().max(128).describe('The instance name, typed again') }),
  response: z.object({ instanceId: z.string(), status: DeploymentStatusSchema }),
} as const satisfies Endpoint;

/** Path of the event stream (not a JSON endpoint). */
export const DEPLOYMENT_EVENTS_PATH = '/api/v1/deployments/:instanceId/events';
