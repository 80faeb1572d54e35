import { NLB_ACTIONS } from '../catalog';
import { hosts } from '../hosts';
import { decodeToken, tokenPage } from '../paging';
import { Errors } from '../../protocol/errors';
import type { ActionHandler, ProductDef } from '../types';
import type { Params } from '../params';
import { LB_STORE, type LoadBalancerRecord } from '../slb/model';

// Network Load Balancer (NLB 2022-04-30, RPC): the NLBs the cloud controller bought (Services with
// `loadBalancerClass: alibabacloud.com/nlb`, and nginx-ingress-lb of the Ingress add-on).

function render(lb: LoadBalancerRecord): Record<string, unknown> {
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

/** `Name.1`, `Name.2`, … (or a JSON array string, as V3 SDKs may send). */
function listParam(params: Params, name: string): string[] | undefined {
  const all = params.all();
  const out: string[] = [];
  for (const [k, v] of Object.entries(all)) if (k.startsWith(`${name}.`) && v !== '') out.push(v);
  const flat = all[name];
  if (flat !== undefined && flat !== '') {
    try {
      const parsed: unknown = JSON.parse(flat);
      if (Array.isArray(parsed)) out.push(...parsed.map(String));
      else out.push(flat);
    } catch {
      out.push(...flat.split(','));
    }
  }
  return out.length > 0 ? out : undefined;
}

/** ListLoadBalancers: `LoadBalancers[]`, token paging (MaxResults default 20, max 100). */
const listLoadBalancers: ActionHandler = ({ account, params }) => {
  const regionId = params.required('RegionId');
  const ids = listParam(params, 'LoadBalancerIds');
  const vpcIds = listParam(params, 'VpcIds');
  const names = listParam(params, 'LoadBalancerNames');
  const addressType = params.get('AddressType');
  const dns = params.get('DNSName');
  const max = params.int('MaxResults', { default: 20, min: 1, max: 100 });
  const token = params.get('NextToken');
  const offset = token === undefined ? 0 : decodeToken(token);
  if (offset === undefined)
    throw Errors.invalidParameter('NextToken', 'The specified NextToken is invalid.');
  const all = [...account.store(regionId, LB_STORE).loadBalancers.values()]
    .filter((lb) => lb.kind === 'nlb')
    .sort((a, b) => a.CreateTime - b.CreateTime)
    .filter(
      (lb) =>
        (ids === undefined || ids.includes(lb.LoadBalancerId)) &&
        (vpcIds === undefined || vpcIds.includes(lb.VpcId)) &&
        (names === undefined || names.includes(lb.LoadBalancerName)) &&
        (addressType === undefined || addressType.toLowerCase() === lb.AddressType) &&
        (dns === undefined || dns === lb.DNSName),
    );
  const page = tokenPage(all, offset, max);
  return {
    TotalCount: all.length,
    MaxResults: max,
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
    LoadBalancers: page.items.map(render),
  };
};

export const nlb: ProductDef = {
  code: 'Nlb',
  version: '2022-04-30',
  style: 'RPC',
  host: hosts.nlb,
  catalog: NLB_ACTIONS,
  actions: { ListLoadBalancers: listLoadBalancers },
};
