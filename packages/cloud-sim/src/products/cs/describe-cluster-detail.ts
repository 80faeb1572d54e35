import type { ActionHandler } from '../types';
import { findCluster, vpcCidrOf } from './find';
import { renderCluster } from './render';

/** DescribeClusterDetail — GET /clusters/{ClusterId}. */
export const describeClusterDetail: ActionHandler = ({ account, pathParams }) => {
  const c = findCluster(account, pathParams.ClusterId ?? '');
  return {
    ...renderCluster(c, vpcCidrOf(account, c)),
    worker_ram_role_name: `KubernetesWorkerRole-${c.cluster_id.slice(1, 13)}`,
    node_cidr_mask: '26',
    extra_sans: [],
    rrsa_config: { enabled: false },
    control_plane_config: {},
    parameters: {},
  };
};
