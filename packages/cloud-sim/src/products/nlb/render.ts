import { type LoadBalancerRecord } from '../slb/model';

// Network Load Balancer (NLB 2022-04-30, RPC): an NLB as the API shows it.

export function render(lb: LoadBalancerRecord): Record<string, unknown> {
  return {
    LoadBalancerId: lb.LoadBalancerId,
    LoadBalancerName: lb.LoadBalancerName,
    LoadBalancerType: 'Network',
    LoadBalancerStatus: 'Active',
    LoadBalancerBusinessStatus: 'Normal',
    AddressType: lb.AddressType === 'internet' ? 'Internet' : 'Intranet',
    AddressIpVersion: 'ipv4',
    DNSName: lb.DNSName,
    VpcId: lb.VpcId,
    RegionId: lb.RegionId,
    ResourceGroupId: lb.ResourceGroupId,
    CrossZoneEnabled: true,
    TrafficAffinityEnabled: false,
    CreateTime: new Date(Math.floor(lb.CreateTime / 1000) * 1000)
      .toISOString()
      .replace('.000Z', 'Z'),
    DeletionProtectionConfig: { Enabled: lb.DeleteProtection === 'on' },
    ModificationProtectionConfig: { Status: lb.ModificationProtection },
    ZoneMappings: lb.ZoneMappings.map((z, i) => ({
      ZoneId: z.ZoneId,
      VSwitchId: z.VSwitchId,
      Status: 'Active',
      LoadBalancerAddresses: [
        {
          PrivateIPv4Address: i === 0 ? lb.Address : '',
          ...(lb.AddressType === 'internet' && i === 0 ? { PublicIPv4Address: lb.Address } : {}),
        },
      ],
    })),
    Tags: lb.Tags.map((t) => ({ Key: t.Key, Value: t.Value })),
  };
}
