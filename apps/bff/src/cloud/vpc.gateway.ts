import { z } from 'zod';
import type { CloudTransport } from './pop-client';
import { parseWire } from './wire';

export const VpcWire = z.object({
  VpcId: z.string(),
  VpcName: z.string().default(''),
  Status: z.string(),
  CidrBlock: z.string().default(''),
  IsDefault: z.boolean().default(false),
  RegionId: z.string().optional(),
  VSwitchIds: z.looseObject({ VSwitchId: z.array(z.string()).default([]) }).optional(),
});
const DescribeVpcsWire = z.looseObject({
  RequestId: z.string().optional(),
  TotalCount: z.number(),
  PageNumber: z.number().optional(),
  PageSize: z.number().optional(),
  Vpcs: z.looseObject({ Vpc: z.array(VpcWire) }),
});

export const VSwitchWire = z.looseObject({
  VSwitchId: z.string(),
  VSwitchName: z.string().default(''),
  VpcId: z.string(),
  ZoneId: z.string(),
  CidrBlock: z.string().default(''),
  AvailableIpAddressCount: z.number().optional(),
  Status: z.string(),
  IsDefault: z.boolean().default(false),
});
const DescribeVSwitchesWire = z.looseObject({
  RequestId: z.string().optional(),
  TotalCount: z.number(),
  VSwitches: z.looseObject({ VSwitch: z.array(VSwitchWire) }),
});

/** VPC allows at most 50 per page. */
export const VPC_PAGE_SIZE = 50;

export class VpcGateway {
  constructor(private readonly transport: CloudTransport) {}

  async describeVpcs(regionId: string, pageNumber: number, pageSize = VPC_PAGE_SIZE) {
    const raw = await this.transport.rpc('vpc', regionId, 'DescribeVpcs', { RegionId: regionId, PageNumber: pageNumber, PageSize: pageSize });
    const body = parseWire(DescribeVpcsWire, raw, 'DescribeVpcs');
    return { items: body.Vpcs.Vpc, totalCount: body.TotalCount };
  }

  async describeVSwitches(regionId: string, vpcId: string, pageNumber: number, pageSize = VPC_PAGE_SIZE) {
    const raw = await this.transport.rpc('vpc', regionId, 'DescribeVSwitches', {
      RegionId: regionId,
      VpcId: vpcId,
      PageNumber: pageNumber,
      PageSize: pageSize,
    });
    const body = parseWire(DescribeVSwitchesWire, raw, 'DescribeVSwitches');
    return { items: body.VSwitches.VSwitch, totalCount: body.TotalCount };
  }
}
