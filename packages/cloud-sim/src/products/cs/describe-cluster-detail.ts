import type { ActionHandler } from '../types';
import { findCluster } from './find';
import { renderCluster } from './render';

/** DescribeClusterDetail — GET /clusters/{ClusterId}. */
export const describeClusterDetail: ActionHandler = ({ account, pathParams, kubeApi }) => {
  const c = findCluster(account, pathParams.ClusterId ?? '');
  return {
    ...renderCluster(c, kubeApi, account),
    worker_ram_role_name: `KubernetesWorkerRole-${c.cluster_id.slice(1, 13)}`,
    node_cidr_mask: '26',
    extra_sans: [],
    rrsa_config: { enabled: false },
    control_plane_config: {},
    parameters: {},
  };
};
