import { z } from 'zod';
import type { CloudTransport } from './pop-client';
import { maybeText, parseWire, textsFilled } from './wire';

const emptyString = z.string().nullish().transform((v) => v ?? '');

const KVStoreInstanceShape = {
  InstanceId: z.string(),
  InstanceName: maybeText,
  InstanceStatus: z.string(),
  ConnectionDomain: maybeText,
  Port: z.union([z.number(), z.string()]).nullish().transform((v) => (v === null || v === undefined || v === '' ? null : Number(v))),
  EngineVersion: maybeText,
  ArchitectureType: maybeText,
  InstanceType: maybeText,
  NetworkType: maybeText,
  VpcId: maybeText,
  VSwitchId: maybeText,
  ZoneId: maybeText,
};
export const KVStoreInstanceWire = z.object(KVStoreInstanceShape);
const kvstoreInstances = textsFilled(KVStoreInstanceShape);
const DescribeInstancesWire = z.looseObject({
  RequestId: z.string().optional(),
  TotalCount: z.number(),
  Instances: z.looseObject({ KVStoreInstance: z.array(KVStoreInstanceWire) }),
});

const DescribeInstanceAttributeWire = z.looseObject({
  Instances: z.looseObject({ DBInstanceAttribute: z.array(KVStoreInstanceWire) }),
});
const DescribeSecurityIpsWire = z.looseObject({
  SecurityIpGroups: z.looseObject({
    SecurityIpGroup: z.array(
      z.looseObject({ SecurityIpGroupName: z.string(), SecurityIpGroupAttribute: emptyString, SecurityIpList: emptyString }),
    ),
  }),
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
    return { items: kvstoreInstances(body.Instances.KVStoreInstance), totalCount: body.TotalCount };
  }

  /** DescribeInstanceAttribute: one instance (status, version, architecture, VPC). */
  async describeInstanceAttribute(regionId: string, instanceId: string) {
    const raw = await this.transport.rpc('r-kvstore', regionId, 'DescribeInstanceAttribute', { InstanceId: instanceId });
    return kvstoreInstances(parseWire(DescribeInstanceAttributeWire, raw, 'DescribeInstanceAttribute').Instances.DBInstanceAttribute)[0] ?? null;
  }

  /** DescribeSecurityIps: the whitelist groups. */
  async describeSecurityIps(regionId: string, instanceId: string) {
    const raw = await this.transport.rpc('r-kvstore', regionId, 'DescribeSecurityIps', { InstanceId: instanceId });
    return parseWire(DescribeSecurityIpsWire, raw, 'DescribeSecurityIps').SecurityIpGroups.SecurityIpGroup;
  }

  /** ModifySecurityIps with ModifyMode Append into one named group (created when missing); no other group changes. */
  async appendSecurityIps(regionId: string, instanceId: string, groupName: string, ips: string[]) {
    await this.transport.rpc('r-kvstore', regionId, 'ModifySecurityIps', {
      InstanceId: instanceId,
      SecurityIpGroupName: groupName,
      ModifyMode: 'Append',
      SecurityIps: ips.join(','),
    });
  }
}
