import { z } from 'zod';
import type { Endpoint } from './contract';
import { InstanceParams, OrderRequestSchema } from './deployments';

/** A deployment as files that reproduce it without the console (no secret in any of them). */
export const ExportFileSchema = z.object({
  name: z.string().describe('Path inside the bundle, e.g. terraform/main.tf'),
  content: z.string(),
});
export const ExportBundleSchema = z.object({
  name: z.string().describe('The deployment (service instance) name; the bundle is named after it'),
  serviceVersion: z.string(),
  templateName: z.string(),
  files: z.array(ExportFileSchema).min(1),
});
export type ExportBundle = z.infer<typeof ExportBundleSchema>;

export const exportDeployment = {
  method: 'GET',
  path: '/api/v1/deployments/:instanceId/export',
  summary: 'The deployment as an aliyun CLI call, Terraform, a ROS template and access manifests (secrets as variables)',
  params: InstanceParams,
  response: ExportBundleSchema,
} as const satisfies Endpoint;

export const exportOrder = {
  method: 'POST',
  path: '/api/v1/export',
  summary: 'An order not yet placed, as the same bundle (the Parameters the order would send; secrets as variables)',
  body: OrderRequestSchema,
  response: ExportBundleSchema,
} as const satisfies Endpoint;
