import { paginate } from '../paging';
import type { ActionHandler } from '../types';
import { clbs, render } from './render';

/** DescribeLoadBalancers: `LoadBalancers.LoadBalancer[]`, PageSize default 10, max 100. */
export const describeLoadBalancers: ActionHandler = ({ account, params }) => {
  const regionId = params.required('RegionId');
  const ids = params.list('LoadBalancerId', 10);
  const addressType = params.get('AddressType');
  const vpcId = params.get('VpcId');
  const vswId = params.get('VSwitchId');
  const name = params.get('LoadBalancerName');
  const address = params.get('Address');
  const pageNumber = params.int('PageNumber', { default: 1, min: 1 });
  const pageSize = params.int('PageSize', { default: 10, min: 1, max: 100 });
  const all = clbs(account, regionId).filter(
    (lb) =>
      (ids === undefined || ids.includes(lb.LoadBalancerId)) &&
      (addressType === undefined || lb.AddressType === addressType) &&
      (vpcId === undefined || lb.VpcId === vpcId) &&
      (vswId === undefined || lb.VSwitchId === vswId) &&
      (name === undefined || lb.LoadBalancerName === name) &&
      (address === undefined || lb.Address === address),
  );
  const page = paginate(all, pageNumber, pageSize);
  return {
    TotalCount: page.total,
    PageNumber: pageNumber,
    PageSize: pageSize,
    LoadBalancers: { LoadBalancer: page.items.map(render) },
  };
};
