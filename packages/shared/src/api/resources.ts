import { z } from 'zod';
import { REASON_CODES, type Reason } from '../domain/eligibility';
import { RegionIdSchema } from '../domain/regions';
import { VpcIdSchema } from '../domain/rules';
import type { Endpoint } from './contract';

export const ReasonCodeSchema = z.enum(REASON_CODES);
export const ReasonSchema = z.object({
  code: ReasonCodeSchema,
  params: z.record(z.string(), z.string()).describe('Values named in the message'),
  message: z.string().describe("The reason in the user's language"),
}) satisfies z.ZodType<Reason>;

/** `?refresh=true` bypasses the BFF's short cache. */
const BooleanQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

export const RegionParamsSchema = z.object({ regionId: RegionIdSchema });
export const RefreshQuerySchema = z.object({
  refresh: BooleanQuery.optional().describe('Bypass the cache'),
});
/** A paged cloud listing: `?firstPage=true` answers with its first page as soon as it is in. */
export const PagedQuerySchema = RefreshQuerySchema.extend({
  firstPage: BooleanQuery.optional().describe(
    'Answer as soon as the first page of the cloud listing is in (complete is false when more pages follow; ask again without firstPage for the whole list, which the listing in progress answers)',
  ),
});
export const ListQuerySchema = PagedQuerySchema.extend({
  vpcId: VpcIdSchema.optional().describe('The chosen VPC: items elsewhere are marked unusable'),
});

const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    fetchedAt: z.string().describe('When the cloud was asked (ISO 8601)'),
    complete: z.boolean().default(true).describe('False when only the first page was asked for and more follow'),
  });

export const RegionSchema = z.object({
  regionId: z.string(),
  name: z.string().describe('Name as the Compute Nest console shows it, in the user language'),
});
export const RegionListSchema = listOf(RegionSchema);
export type Region = z.infer<typeof RegionSchema>;

const Candidate = {
  id: z.string(),
  name: z.string(),
  status: z.string().describe("The cloud's own status value"),
  vpcId: z.string(),
  eligible: z.boolean().describe('Usable for this deployment'),
  reasons: z.array(ReasonSchema).describe('Why it is not usable (empty when eligible)'),
};

export const VpcSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  cidrBlock: z.string(),
  isDefault: z.boolean(),
  vSwitchCount: z.number().int(),
});
export type Vpc = z.infer<typeof VpcSchema>;
export const VpcListSchema = listOf(VpcSchema);

export const AddressSchema = z.object({ host: z.string(), port: z.number().int() });

export const ClusterSchema = z.object({
  ...Candidate,
  clusterType: z.string().describe('ManagedKubernetes, Kubernetes (dedicated), ExternalKubernetes…'),
  profile: z.string().describe('Default, Serverless, Edge, Lingjun'),
  spec: z.string().describe('ack.pro.small (Pro) or ack.standard (Basic)'),
  kind: z.enum(['pro', 'basic', 'dedicated', 'serverless', 'edge', 'lingjun', 'external', 'other']),
  kubernetesVersion: z.string(),
  nodeCount: z.number().int(),
});
export type Cluster = z.infer<typeof ClusterSchema>;
export const ClusterListSchema = listOf(ClusterSchema);

export const PostgresSchema = z.object({
  ...Candidate,
  engine: z.string(),
  engineVersion: z.string(),
  instanceClass: z.string(),
  internalAddress: AddressSchema.nullable().describe('In-VPC connection address'),
});
export type Postgres = z.infer<typeof PostgresSchema>;
export const PostgresListSchema = listOf(PostgresSchema);

export const RedisSchema = z.object({
  ...Candidate,
  engineVersion: z.string(),
  architecture: z.string().describe('standard, cluster or rwsplit'),
  instanceType: z.string().describe('Redis, Tair or Memcache'),
  internalAddress: AddressSchema.nullable(),
});
export type Redis = z.infer<typeof RedisSchema>;
export const RedisListSchema = listOf(RedisSchema);

export const MilvusSchema = z.object({
  ...Candidate,
  version: z.string(),
  internalEndpoint: z.string().nullable().describe('c-<id>-internal.milvus.aliyuncs.com'),
  port: z.number().int().nullable(),
});
export type Milvus = z.infer<typeof MilvusSchema>;
export const MilvusListSchema = listOf(MilvusSchema);

export const listRegions = {
  method: 'GET',
  path: '/api/v1/regions',
  summary: 'Regions the account can deploy to',
  query: RefreshQuerySchema,
  response: RegionListSchema,
} as const satisfies Endpoint;

export const listVpcs = {
  method: 'GET',
  path: '/api/v1/regions/:regionId/vpcs',
  summary: 'VPCs of a region',
  params: RegionParamsSchema,
  query: PagedQuerySchema,
  response: VpcListSchema,
} as const satisfies Endpoint;

export const listClusters = {
  method: 'GET',
  path: '/api/v1/regions/:regionId/clusters',
  summary: 'ACK clusters of a region, each marked usable or not with the reasons',
  params: RegionParamsSchema,
  query: ListQuerySchema,
  response: ClusterListSchema,
} as const satisfies Endpoint;

export const listPostgres = {
  method: 'GET',
  path: '/api/v1/regions/:regionId/postgres',
  summary: 'RDS instances of a region, each marked usable for Dify or not with the reasons',
  params: RegionParamsSchema,
  query: ListQuerySchema,
  response: PostgresListSchema,
} as const satisfies Endpoint;

export const listRedis = {
  method: 'GET',
  path: '/api/v1/regions/:regionId/redis',
  summary: 'Redis (Tair) instances of a region, each marked usable or not with the reasons',
  params: RegionParamsSchema,
  query: ListQuerySchema,
  response: RedisListSchema,
} as const satisfies Endpoint;

export const listMilvus = {
  method: 'GET',
  path: '/api/v1/regions/:regionId/milvus',
  summary: 'Milvus instances of a region, each marked usable or not with the reasons',
  params: RegionParamsSchema,
  query: ListQuerySchema,
  response: MilvusListSchema,
} as const satisfies Endpoint;

export const RESOURCE_ENDPOINTS = {
  regions: listRegions,
  vpcs: listVpcs,
  clusters: listClusters,
  postgres: listPostgres,
  redis: listRedis,
  milvus: listMilvus,
} as const;
