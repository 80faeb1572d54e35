import { SimError } from '../../protocol/errors';
import type { ActionHandler } from '../types';
import { installedAddons } from './addons-model';
import { findCluster } from './find';

/** GetClusterAddonInstance — GET /clusters/{cluster_id}/addon_instances/{instance_name}. */
export const getClusterAddonInstance: ActionHandler = ({ account, pathParams }) => {
  const c = findCluster(account, pathParams.cluster_id ?? '');
  const name = pathParams.instance_name ?? '';
  const a = installedAddons(account, c).get(name);
  // Code from Alibaba's Terraform provider; HTTP status UNCONFIRMED (404 likely).
  if (!a)
    throw new SimError(
      'AddonNotFound',
      404,
      `The addon ${name} is not installed in cluster ${c.cluster_id}.`,
    );
  return {
    name: a.name,
    version: a.version,
    state: a.state,
    config: a.config,
    logging: { capable: false, enabled: false, log_project: '', logstore: '' },
  };
};
