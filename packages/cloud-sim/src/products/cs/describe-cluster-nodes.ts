import { paginate } from '../paging';
import type { ActionHandler } from '../types';
import { findCluster } from './find';

/** DescribeClusterNodes — GET /clusters/{ClusterId}/nodes; camelCase query, `page {…}`. */
export const describeClusterNodes: ActionHandler = ({ account, pathParams, params }) => {
  const c = findCluster(account, pathParams.ClusterId ?? '');
  const state = params.get('state') ?? 'all';
  const pool = params.get('nodepool_id');
  const ids = params.list('instanceIds');
  const pageNumber = params.int('pageNumber', { default: 1, min: 1 });
  const pageSize = params.int('pageSize', { default: 10, min: 1, max: 100 });
  const all = c.nodes.filter(
    (n) =>
      (state === 'all' || n.state === state) &&
      (pool === undefined || n.nodepool_id === pool) &&
      (ids === undefined || ids.includes(n.instance_id)),
  );
  const page = paginate(all, pageNumber, pageSize);
  return {
    nodes: page.items.map((n) => ({
      instance_id: n.instance_id,
      node_name: n.node_name,
      host_name: n.node_name,
      instance_name: `worker-k8s-for-cs-${c.cluster_id}`,
      instance_type: n.instance_type,
      instance_type_family: n.instance_type_family,
      instance_role: n.instance_role,
      instance_status: n.state === 'running' ? 'Running' : 'Stopped',
      instance_charge_type: 'PostPaid',
      state: n.state,
      node_status: n.node_status,
      ip_address: [n.ip_address],
      nodepool_id: n.nodepool_id,
      creation_time: n.creation_time,
      expired_time: '2099-12-31T15:59:00+08:00',
      image_id: 'aliyun_3_x64_20G_alibase_20250117.vhd',
      is_aliyun_node: true,
      error_message: '',
      source: 'ess_attach',
      spot_strategy: 'NoSpot',
    })),
    page: { page_number: pageNumber, page_size: pageSize, total_count: page.total },
  };
};
