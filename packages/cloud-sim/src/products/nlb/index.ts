import { NLB_ACTIONS } from '../catalog';
import { hosts } from '../hosts';
import type { ProductDef } from '../types';
import { listLoadBalancers } from './list-load-balancers';

// Network Load Balancer (NLB 2022-04-30, RPC): the NLBs the cloud controller bought (Services with
// `loadBalancerClass: alibabacloud.com/nlb`, and nginx-ingress-lb of the Ingress add-on).

export const nlb: ProductDef = {
  code: 'Nlb',
  version: '2022-04-30',
  style: 'RPC',
  host: hosts.nlb,
  catalog: NLB_ACTIONS,
  actions: { ListLoadBalancers: listLoadBalancers },
};
