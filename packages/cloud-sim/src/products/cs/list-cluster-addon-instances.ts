import type { ActionHandler } from '../types';
import { ADDON_STORE, installedAddons } from './addons-model';
import { findCluster } from './find';

/** ListClusterAddonInstances — GET /clusters/{cluster_id}/addon_instances. */
export const listClusterAddonInstances: ActionHandler = ({ account, pathParams, changed }) => {
  const c = findCluster(account, pathParams.cluster_id ?? '');
  const before = account.store(c.region_id, ADDON_STORE).clusters.has(c.cluster_id);
  const list = [...installedAddons(account, c).values()];
  if (!before) changed();
  return { addons: list.map((a) => ({ name: a.name, version: a.version, state: a.state })) };
};
