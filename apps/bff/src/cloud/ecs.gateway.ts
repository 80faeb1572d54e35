import { z } from 'zod';
import type { CloudTransport } from './pop-client';
import { parseWire } from './wire';

export const EcsRegionWire = z.looseObject({
  RegionId: z.string(),
  LocalName: z.string().default(''),
  RegionEndpoint: z.string().optional(),
  Status: z.string().optional(),
});
const DescribeRegionsWire = z.looseObject({
  RequestId: z.string().optional(),
  Regions: z.looseObject({ Region: z.array(EcsRegionWire) }),
});

export class EcsGateway {
  constructor(private readonly transport: CloudTransport) {}

  /** ECS DescribeRegions; `LocalName` in the requested language (zh-CN, en-US). */
  async describeRegions(acceptLanguage: 'zh-CN' | 'en-US') {
    const raw = await this.transport.rpc('ecs', 'cn-hangzhou', 'DescribeRegions', { AcceptLanguage: acceptLanguage });
    return parseWire(DescribeRegionsWire, raw, 'DescribeRegions').Regions.Region;
  }
}
