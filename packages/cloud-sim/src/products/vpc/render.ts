import type { AccountState } from '../../state/registry';
import { routeTableIdOf, routerIdOf, VPC_STORE, type VpcRecord, type VSwitchRecord } from './model';

export function renderVpc(account: AccountState, vpc: VpcRecord): Record<string, unknown> {
  const store = account.store(vpc.RegionId, VPC_STORE);
  const vswitchIds = [...store.vswitches.values()]
    .filter((s) => s.VpcId === vpc.VpcId)
    .map((s) => s.VSwitchId);
  return {
    VpcId: vpc.VpcId,
    VpcName: vpc.VpcName,
    Description: vpc.Description,
    RegionId: vpc.RegionId,
    Status: vpc.Status,
    CidrBlock: vpc.CidrBlock,
    SecondaryCidrBlocks: { SecondaryCidrBlock: [] },
    UserCidrs: { UserCidr: [] },
    VSwitchIds: { VSwitchId: vswitchIds.slice(-300) },
    VRouterId: routerIdOf(vpc.VpcId),
    IsDefault: vpc.IsDefault,
    CreationTime: vpc.CreationTime,
    OwnerId: Number(account.accountId),
    ResourceGroupId: vpc.ResourceGroupId,
    Ipv6CidrBlock: '',
    EnabledIpv6: false,
    Ipv6CidrBlocks: { Ipv6CidrBlock: [] },
    Tags: { Tag: vpc.Tags },
    DhcpOptionsSetId: '',
    DhcpOptionsSetStatus: 'Available',
    DnsHostnameStatus: 'DISABLED',
  };
}

export function renderVSwitch(account: AccountState, s: VSwitchRecord): Record<string, unknown> {
  return {
    VSwitchId: s.VSwitchId,
    VSwitchName: s.VSwitchName,
    Description: s.Description,
    VpcId: s.VpcId,
    ZoneId: s.ZoneId,
    CidrBlock: s.CidrBlock,
    AvailableIpAddressCount: s.AvailableIpAddressCount,
    Status: s.Status,
    IsDefault: s.IsDefault,
    CreationTime: s.CreationTime,
    RouteTable: { RouteTableId: routeTableIdOf(s.VpcId), RouteTableType: 'System' },
    NetworkAclId: '',
    ResourceGroupId: s.ResourceGroupId,
    OwnerId: Number(account.accountId),
    ShareType: 'Sharing',
    Ipv6CidrBlock: '',
    EnabledIpv6: false,
    Tags: { Tag: s.Tags },
  };
}
