import { SLB_ACTIONS } from '../catalog';
import { hosts } from '../hosts';
import type { ProductDef } from '../types';
import { describeLoadBalancerAttribute } from './describe-load-balancer-attribute';
import { describeLoadBalancers } from './describe-load-balancers';

// Classic Load Balancer (SLB 2014-05-15, RPC): the CLBs the cloud controller bought for Services
// of type LoadBalancer, so they show among the account's resources.

export const slb: ProductDef = {
  code: 'Slb',
  version: '2014-05-15',
  style: 'RPC',
  host: hosts.slb,
  catalog: SLB_ACTIONS,
  actions: {
    DescribeLoadBalancers: describeLoadBalancers,
    DescribeLoadBalancerAttribute: describeLoadBalancerAttribute,
  },
};
