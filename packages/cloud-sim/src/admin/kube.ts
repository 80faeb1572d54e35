import { clusterObjects } from '../kubernetes/cluster';
import { allObjects, type KubeObject } from '../kubernetes/store';
import { CS_STORE } from '../products/cs/model';
import type { SimCore } from '../sim-core';

/** Every Kubernetes object of an account's cluster, or undefined when either is unknown. */
export function findClusterObjects(
  core: SimCore,
  accessKeyId: string,
  clusterId: string,
): KubeObject[] | undefined {
  const account = core.registry.byAccessKey(accessKeyId);
  if (!account) return undefined;
  for (const [, s] of account.stores(CS_STORE)) {
    const cluster = s.clusters.get(clusterId);
    if (cluster) return allObjects(clusterObjects(account, cluster));
  }
  return undefined;
}
