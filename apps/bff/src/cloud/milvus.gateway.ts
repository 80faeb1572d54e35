import { z } from 'zod';
import { CloudError } from '../errors/cloud-error';
import type { CloudTransport } from './pop-client';
import { maybeText, parseWire, textsFilled } from './wire';

const MilvusInstanceShape = {
  InstanceId: z.string(),
  ClusterName: maybeText,
  InstanceStatus: z.string(),
  RegionId: maybeText,
  ZoneId: maybeText,
  VpcId: maybeText,
  VswId: maybeText,
  Version: maybeText,
  ClusterInfo: z
    .looseObject({
      IntranetUrl: z.string().nullish(),
      InternetUrl: z.string().nullish(),
      ProxyPort: z.number().nullish(),
    })
    .nullish(),
};
export const MilvusInstanceWire = z.object(MilvusInstanceShape);
const milvusInstances = textsFilled(MilvusInstanceShape);
const ListInstancesWire = z.looseObject({
  RequestId: z.string().optional(),
  Success: z.boolean().optional(),
  ErrCode: z.string().nullish(),
  ErrMessage: z.string().nullish(),
  Total: z.number().optional(),
  Data: z.array(MilvusInstanceWire).nullish(),
});

export const MILVUS_PAGE_SIZE = 50;

export class MilvusGateway {
  constructor(private readonly transport: CloudTransport) {}

  /** ListInstances — POST /webapi/order/list, parameters in the query, empty body (ROA). */
  async listInstances(regionId: string, pageNumber: number, pageSize = MILVUS_PAGE_SIZE) {
    const raw = await this.transport.roa('milvus', regionId, {
      action: 'ListInstances',
      method: 'POST',
      path: '/webapi/order/list',
      query: { RegionId: regionId, PageNumber: pageNumber, PageSize: pageSize },
    });
    const body = parseWire(ListInstancesWire, raw, 'ListInstances');
    // Milvus may answer HTTP 200 with an application error in its envelope.
    if (body.Success === false) {
      throw new CloudError({
        code: body.ErrCode ?? 'Milvus.Failed',
        message: body.ErrMessage ?? 'ListInstances failed',
        httpStatus: 200,
        requestId: body.RequestId,
        action: 'ListInstances',
      });
    }
    const items = milvusInstances(body.Data ?? []);
    return { items, totalCount: body.Total ?? items.length };
  }
}
