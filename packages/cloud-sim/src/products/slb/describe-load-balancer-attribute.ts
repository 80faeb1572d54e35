import { notFound } from '../params';
import type { ActionHandler } from '../types';
import { LB_STORE } from './model';
import { render } from './render';

/** DescribeLoadBalancerAttribute: one CLB with its listener ports. */
export const describeLoadBalancerAttribute: ActionHandler = ({ account, params }) => {
  const id = params.required('LoadBalancerId');
  const regionId = params.get('RegionId');
  for (const [region, s] of account.stores(LB_STORE)) {
    if (regionId !== undefined && region !== regionId) continue;
    const lb = s.loadBalancers.get(id);
    if (lb?.kind === 'clb')
      return {
        ...render(lb),
        ListenerPorts: { ListenerPort: [] },
        BackendServers: { BackendServer: [] },
      };
  }
  throw notFound(
    'InvalidLoadBalancerId.NotFound',
    `The specified LoadBalancerId does not exist: ${id}.`,
    400,
  );
};
