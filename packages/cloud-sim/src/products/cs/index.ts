import { CS_ROUTES } from '../catalog';
import { hosts } from '../hosts';
import type { ProductDef } from '../types';
import { describeClusterDetail } from './describe-cluster-detail';
import { describeClusterNodes } from './describe-cluster-nodes';
import { describeClustersV1 } from './describe-clusters-v1';
import { CS_STORE } from './model';
import { describeClusterUserKubeconfig } from './describe-cluster-user-kubeconfig';
import { describeTaskInfo } from './describe-task-info';
import { getClusterAddonInstance } from './get-cluster-addon-instance';
import { installClusterAddons } from './install-cluster-addons';
import { listAddons } from './list-addons';
import { listClusterAddonInstances } from './list-cluster-addon-instances';

export const cs: ProductDef = {
  code: 'CS',
  version: '2015-12-15',
  style: 'ROA',
  host: hosts.cs,
  catalog: CS_ROUTES.map((r) => r.action),
  routes: CS_ROUTES,
  actions: {
    DescribeClustersV1: describeClustersV1,
    DescribeClusterDetail: describeClusterDetail,
    DescribeClusterNodes: describeClusterNodes,
    DescribeClusterUserKubeconfig: describeClusterUserKubeconfig,
    ListAddons: listAddons,
    ListClusterAddonInstances: listClusterAddonInstances,
    GetClusterAddonInstance: getClusterAddonInstance,
    InstallClusterAddons: installClusterAddons,
    DescribeTaskInfo: describeTaskInfo,
  },
  seed(account, scenario) {
    for (const c of scenario.clusters)
      account.store(c.region_id, CS_STORE).clusters.set(c.cluster_id, structuredClone(c));
  },
};
