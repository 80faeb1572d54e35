import { paginate } from '../paging';
import type { ActionHandler } from '../types';
import { allClusters } from './find';
import { renderCluster } from './render';

// page_size: the SDK documents 10 as its example; the maximum is UNCONFIRMED. We default to 10
// and clamp to 100 (the limit DescribeClusterNodes documents) rather than reject.
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/** DescribeClustersV1 — GET /api/v1/clusters. No vpc_id filter exists: clients filter on `vpc_id`. */
export const describeClustersV1: ActionHandler = ({ account, params, kubeApi }) => {
  const name = params.get('name');
  const clusterType = params.get('cluster_type');
  const profile = params.get('profile');
  const spec = params.get('cluster_spec');
  const regionId = params.get('region_id');
  const clusterId = params.get('cluster_id');
  const pageNumber = params.int('page_number', { default: 1, min: 1 });
  const pageSize = Math.min(
    params.int('page_size', { default: DEFAULT_PAGE_SIZE, min: 1 }),
    MAX_PAGE_SIZE,
  );
  const all = allClusters(account).filter(
    (c) =>
      (name === undefined || c.name.includes(name)) &&
      (clusterType === undefined || c.cluster_type === clusterType) &&
      (profile === undefined || c.profile === profile) &&
      (spec === undefined || c.cluster_spec === spec) &&
      (regionId === undefined || c.region_id === regionId) &&
      (clusterId === undefined || c.cluster_id === clusterId),
  );
  const page = paginate(all, pageNumber, pageSize);
  return {
    clusters: page.items.map((c) => renderCluster(c, kubeApi, account)),
    page_info: { page_number: pageNumber, page_size: pageSize, total_count: page.total },
  };
};
