import { SimError } from '../../protocol/errors';
import type { AccountState } from '../../state/registry';
import { VPC_STORE } from '../vpc/model';
import { CS_STORE, type ClusterRecord } from './model';

/** Clusters are account-wide: the id alone finds one in any region. */
export function allClusters(account: AccountState): ClusterRecord[] {
  return account.stores(CS_STORE).flatMap(([, s]) => [...s.clusters.values()]);
}

export function findCluster(account: AccountState, clusterId: string): ClusterRecord {
  for (const [, s] of account.stores(CS_STORE)) {
    const c = s.clusters.get(clusterId);
    if (c) return c;
  }
  // Code from Alibaba's Terraform provider, 404 from ACK's troubleshooting table.
  throw new SimError('ErrorClusterNotFound', 404, `The specified cluster ${clusterId} not found.`);
}

export function vpcCidrOf(account: AccountState, c: ClusterRecord): string {
  return account.store(c.region_id, VPC_STORE).vpcs.get(c.vpc_id)?.CidrBlock ?? '172.16.0.0/12';
}
