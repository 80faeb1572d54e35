import { decodeToken, tokenPage } from '../paging';
import { Errors } from '../../protocol/errors';
import type { ActionHandler } from '../types';
import type { Params } from '../params';
import { LB_STORE } from '../slb/model';
import { render } from './render';

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

/**
 * ListLoadBalancers: `LoadBalancers[]`, token paging (MaxResults default 20, max 100). RegionId is
 * optional in the API; one endpoint serves every region here, so without it all regions are listed.
 */
export const listLoadBalancers: ActionHandler = ({ account, params }) => {
  const regionId = params.get('RegionId');
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
  const stores =
    regionId !== undefined
      ? [account.store(regionId, LB_STORE)]
      : account.stores(LB_STORE).map(([, store]) => store);
  const all = stores
    .flatMap((store) => [...store.loadBalancers.values()])
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
