import { z } from 'zod';
import type { CloudTransport } from './pop-client';
import { parseWire } from './wire';

export const ClusterWire = z.looseObject({
  cluster_id: z.string(),
  name: z.string().default(''),
  region_id: z.string().optional(),
  cluster_type: z.string(),
  profile: z.string().nullish().transform((v) => v ?? ''),
  cluster_spec: z.string().nullish().transform((v) => v ?? ''),
  state: z.string(),
  current_version: z.string().nullish().transform((v) => v ?? ''),
  vpc_id: z.string().nullish().transform((v) => v ?? ''),
  size: z.number().nullish().transform((v) => v ?? 0),
});
const DescribeClustersV1Wire = z.looseObject({
  clusters: z.array(ClusterWire),
  page_info: z.looseObject({ page_number: z.number().optional(), page_size: z.number().optional(), total_count: z.number() }),
});

export const CS_PAGE_SIZE = 50;

export class CsGateway {
  constructor(private readonly transport: CloudTransport) {}

  /** DescribeClustersV1 — GET /api/v1/clusters (no vpc filter in this API). */
  async describeClustersV1(regionId: string, pageNumber: number, pageSize = CS_PAGE_SIZE) {
    const raw = await this.transport.roa('cs', regionId, {
      action: 'DescribeClustersV1',
      method: 'GET',
      path: '/api/v1/clusters',
      query: { region_id: regionId, page_number: pageNumber, page_size: pageSize },
    });
    const body = parseWire(DescribeClustersV1Wire, raw, 'DescribeClustersV1');
    return { items: body.clusters, totalCount: body.page_info.total_count };
  }

  /** DescribeClusterDetail — GET /clusters/{ClusterId}. */
  async describeClusterDetail(regionId: string, clusterId: string) {
    const raw = await this.transport.roa('cs', regionId, {
      action: 'DescribeClusterDetail',
      method: 'GET',
      path: `/clusters/${encodeURIComponent(clusterId)}`,
    });
    return parseWire(ClusterWire, raw, 'DescribeClusterDetail');
  }
}
