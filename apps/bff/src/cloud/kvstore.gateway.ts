import { z } from 'zod';
import type { CloudTransport } from './pop-client';
import { parseWire } from './wire';

const emptyString = z.string().nullish().transform((v) => v ?? '');

export const KVStoreInstanceWire = z.looseObject({
  InstanceId: z.string(),
  InstanceName: emptyString,
  InstanceStatus: z.string(),
  ConnectionDomain: emptyString,
  Port: z.union([z.number(), z.string()]).nullish().transform((v) => (v === null || v === undefined || v === '' ? null : Number(v))),
  EngineVersion: emptyString,
  ArchitectureType: emptyString,
  InstanceType: emptyString,
  NetworkType: emptyString,
  VpcId: emptyString,
  VSwitchId: emptyString,
  ZoneId: emptyString,
});
const DescribeInstancesWire = z.looseObject({
  RequestId: z.string().optional(),
  TotalCount: z.number(),
  Instances: z.looseObject({ KVStoreInstance: z.array(KVStoreInstanceWire) }),
});

/** R-kvstore allows at most 50 per page. */
export const KVSTORE_PAGE_SIZE = 50;

export class KvstoreGateway {
  constructor(private readonly transport: CloudTransport) {}

  async describeInstances(regionId: string, pageNumber: number, pageSize = KVSTORE_PAGE_SIZE) {
    const raw = await this.transport.rpc('r-kvstore', regionId, 'DescribeInstances', {
      RegionId: regionId,
      PageNumber: pageNumber,
      PageSize: pageSize,
    });
    const body = parseWire(DescribeInstancesWire, raw, 'DescribeInstances');
    return { items: body.Instances.KVStoreInstance, totalCount: body.TotalCount };
  }
}
