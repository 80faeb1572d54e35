import { paginate } from '../paging';
import type { ActionHandler } from '../types';
import { envelope, MILVUS_STORE, renderMilvus } from './model';

/** ListInstances — POST /webapi/order/list, parameters in the query; `Total` + plain `Data[]`. */
export const listInstances: ActionHandler = ({ account, params, requestId, clock }) => {
  const regionId = params.get('RegionId');
  const clusterId = params.get('ClusterId');
  const clusterName = params.get('ClusterName');
  const rg = params.get('ResourceGroupId');
  const pageNumber = params.int('PageNumber', { default: 1, min: 1 });
  const pageSize = params.int('PageSize', { default: 10, min: 1, max: 100 });
  // One endpoint serves every region here, so without RegionId the sim lists all of them.
  const stores =
    regionId !== undefined
      ? [account.store(regionId, MILVUS_STORE)]
      : account.stores(MILVUS_STORE).map(([, s]) => s);
  const all = stores
    .flatMap((s) => [...s.instances.values()])
    .filter(
      (m) =>
        m.InstanceStatus !== 'deleted' &&
        (clusterId === undefined || m.InstanceId === clusterId) &&
        (clusterName === undefined || m.ClusterName.includes(clusterName)) &&
        (rg === undefined || m.ResourceGroupId === rg),
    );
  const page = paginate(all, pageNumber, pageSize);
  const now = clock.now();
  return envelope(requestId, {
    Total: page.total,
    Data: page.items.map((m) => renderMilvus(m, now)),
  });
};
