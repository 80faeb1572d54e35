import { z } from 'zod';
import type { Endpoint } from './contract';
import { InstanceParams } from './deployments';

/** A DNS name for the Ingress rule (no wildcard, no port, lower case). */
export const IngressHostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/, {
    error: 'ingressHost.format',
  })
  .describe('Domain routed to Dify, e.g. dify.example.com');

export const TlsInputSchema = z.object({
  certificate: z.string().min(1).max(65_536).describe('PEM certificate chain (leaf first)'),
  privateKey: z.string().min(1).max(65_536).describe('PEM private key (secret: never shown back or logged)'),
});

/** The entry the user wants; applying it is idempotent, switching kinds cleans up the other. */
export const AccessRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('loadBalancer'),
    addressType: z.enum(['internet', 'intranet']).describe('Public or VPC-internal load balancer'),
  }),
  z.object({
    kind: z.literal('ingress'),
    host: IngressHostSchema,
    tls: TlsInputSchema.optional(),
    installAddon: z
      .boolean()
      .default(false)
      .describe('Agree to install the nginx Ingress add-on when the cluster lacks it'),
  }),
]);
export type AccessRequest = z.input<typeof AccessRequestSchema>;

export const AccessCheckSchema = z.object({
  id: z.enum(['install', 'upload', 'streaming']),
  status: z.enum(['pass', 'fail', 'pending']),
  title: z.string(),
  detail: z.string(),
});
export type AccessCheck = z.infer<typeof AccessCheckSchema>;

export const AccessStateSchema = z.object({
  kind: z.enum(['none', 'loadBalancer', 'ingress']),
  state: z.enum(['none', 'pending', 'ready', 'failed']),
  reason: z.string().nullable().describe("Why it is pending or failed, in the user's language"),
  settings: z.object({
    addressType: z.enum(['internet', 'intranet']).nullable(),
    host: z.string().nullable(),
    tls: z.object({ subject: z.string(), notAfter: z.string() }).nullable(),
    annotations: z.record(z.string(), z.string()).describe('Dify-aware settings applied'),
  }),
  address: z
    .object({ ip: z.string().nullable(), hostname: z.string().nullable() })
    .nullable()
    .describe('An IP (classic load balancer) or a host name (network load balancer)'),
  url: z.string().nullable().describe('Where to open Dify: …/install'),
  hostsLine: z.string().nullable().describe('`IP domain` for the hosts file, for an Ingress with a domain'),
  addon: z.object({ installed: z.boolean(), state: z.string().nullable() }),
  checks: z.array(AccessCheckSchema),
});
export type AccessState = z.infer<typeof AccessStateSchema>;

export const getAccess = {
  method: 'GET',
  path: '/api/v1/deployments/:instanceId/access',
  summary: 'The access entry of a deployment: kind, settings, address, URL, state, checks',
  params: InstanceParams,
  response: AccessStateSchema,
} as const satisfies Endpoint;

export const putAccess = {
  method: 'PUT',
  path: '/api/v1/deployments/:instanceId/access',
  summary: 'Apply the wanted access entry (idempotent; switching kinds cleans up the other)',
  params: InstanceParams,
  body: AccessRequestSchema,
  response: AccessStateSchema,
} as const satisfies Endpoint;
