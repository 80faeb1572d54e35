import { storeKey } from '../../state/registry';

export interface Tag {
  Key: string;
  Value: string;
}

export interface VpcRecord {
  VpcId: string;
  VpcName: string;
  Description: string;
  RegionId: string;
  CidrBlock: string;
  IsDefault: boolean;
  Status: 'Pending' | 'Available';
  CreationTime: string;
  ResourceGroupId: string;
  Tags: Tag[];
}

export interface VSwitchRecord {
  VSwitchId: string;
  VSwitchName: string;
  Description: string;
  VpcId: string;
  RegionId: string;
  ZoneId: string;
  CidrBlock: string;
  IsDefault: boolean;
  Status: 'Pending' | 'Available';
  CreationTime: string;
  AvailableIpAddressCount: number;
  ResourceGroupId: string;
  Tags: Tag[];
}

export interface VpcStore {
  vpcs: Map<string, VpcRecord>;
  vswitches: Map<string, VSwitchRecord>;
}

export const VPC_STORE = storeKey<VpcStore>('vpc', () => ({
  vpcs: new Map(),
  vswitches: new Map(),
}));

export function routerIdOf(vpcId: string): string {
  return `vrt-${vpcId.slice(4)}`;
}

export function routeTableIdOf(vpcId: string): string {
  return `vtb-${vpcId.slice(4)}`;
}
