import type { ProductDef } from '../types';
import { seedMse } from './fixtures';
import { listClusters } from './list-clusters';
import { queryClusterDetail } from './query-cluster-detail';
import { updateAcl } from './update-acl';

/** Real actions of MSE 2019-05-31 around registry instances (a subset of the API). */
export const MSE_ACTIONS = [
  'ListClusters',
  'QueryClusterDetail',
  'QueryClusterInfo',
  'UpdateAcl',
  'CreateCluster',
  'DeleteCluster',
  'UpdateClusterSpec',
  'RestartCluster',
  'ListClusterVersions',
  'ListEngineNamespaces',
  'CreateEngineNamespace',
  'ListAnsInstances',
  'ListAnsServices',
] as const;

export const mse: ProductDef = {
  code: 'mse',
  version: '2019-05-31',
  style: 'RPC',
  host: (r) => `mse.${r ?? 'cn-hangzhou'}.aliyuncs.com`,
  catalog: MSE_ACTIONS,
  actions: {
    ListClusters: listClusters,
    QueryClusterDetail: queryClusterDetail,
    UpdateAcl: updateAcl,
  },
  seed(account, scenario) {
    if (scenario.name === 'default') seedMse(account);
  },
};
