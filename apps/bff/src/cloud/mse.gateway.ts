import { z } from 'zod';
import { CloudError } from '../errors/cloud-error';
import type { CloudTransport } from './pop-client';
import { parseWire } from './wire';

const emptyString = z.string().nullish().transform((v) => v ?? '');

export const MseClusterWire = z.looseObject({
  InstanceId: z.string(),
  ClusterAliasName: emptyString,
  ClusterName: emptyString,
  ClusterType: emptyString,
  AppVersion: emptyString,
  VersionCode: emptyString,
  MseVersion: emptyString,
  InitStatus: emptyString,
  VpcId: emptyString,
  IntranetDomain: emptyString,
  InternetDomain: emptyString,
  IntranetAddress: emptyString,
  InternetAddress: emptyString,
});
export type MseCluster = z.output<typeof MseClusterWire>;

const Envelope = {
  RequestId: z.string().optional(),
  Success: z.boolean().optional(),
  ErrorCode: z.string().nullish(),
  Message: z.string().nullish(),
};
const ListClustersWire = z.looseObject({
  ...Envelope,
  TotalCount: z.number().nullish(),
  Data: z.array(MseClusterWire).nullish(),
});
const QueryClusterDetailWire = z.looseObject({
  ...Envelope,
  Data: MseClusterWire.extend({
    RegionId: emptyString,
    VSwitchId: emptyString,
    IntranetPort: emptyString,
    InternetPort: emptyString,
    AclEntryList: z.string().nullish(),
  }).nullish(),
});
export type MseClusterDetail = NonNullable<z.output<typeof QueryClusterDetailWire>['Data']>;

export const MSE_PAGE_SIZE = 50;

/** MSE may answer HTTP 200 with an application error in its envelope. */
function checkEnvelope(body: { Success?: boolean | undefined; ErrorCode?: string | null | undefined; Message?: string | null | undefined; RequestId?: string | undefined }, action: string) {
  if (body.Success === false)
    throw new CloudError({
      code: body.ErrorCode || 'Mse.Failed',
      message: body.Message ?? `${action} failed`,
      httpStatus: 200,
      requestId: body.RequestId,
      action,
    });
}

export class MseGateway {
  constructor(private readonly transport: CloudTransport) {}

  /** ListClusters — registry instances of a region (RegionId, PageNum, PageSize required). */
  async listClusters(regionId: string, pageNum: number, pageSize = MSE_PAGE_SIZE) {
    const raw = await this.transport.rpc('mse', regionId, 'ListClusters', { RegionId: regionId, PageNum: pageNum, PageSize: pageSize });
    const body = parseWire(ListClustersWire, raw, 'ListClusters');
    checkEnvelope(body, 'ListClusters');
    const items = body.Data ?? [];
    return { items, totalCount: body.TotalCount ?? items.length };
  }

  /** QueryClusterDetail — one instance, with its whitelist (AclSwitch). */
  async queryClusterDetail(regionId: string, instanceId: string): Promise<MseClusterDetail> {
    const raw = await this.transport.rpc('mse', regionId, 'QueryClusterDetail', { InstanceId: instanceId, AclSwitch: true });
    const body = parseWire(QueryClusterDetailWire, raw, 'QueryClusterDetail');
    checkEnvelope(body, 'QueryClusterDetail');
    if (!body.Data) throw new CloudError({ code: 'Mse.NotFound', message: `MSE instance ${instanceId} not found`, httpStatus: 404, action: 'QueryClusterDetail' });
    return body.Data;
  }
}
