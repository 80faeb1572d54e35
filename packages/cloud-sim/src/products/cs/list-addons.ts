import type { ActionHandler } from '../types';
import { ADDON_CATALOG } from './addons-model';
import { findCluster } from './find';

/** ListAddons — GET /addons (cluster_id, or region_id + cluster_type …). */
export const listAddons: ActionHandler = ({ account, params }) => {
  const clusterId = params.get('cluster_id');
  if (clusterId !== undefined) findCluster(account, clusterId);
  return {
    addons: ADDON_CATALOG.map((a) => ({
      name: a.name,
      version: a.version,
      category: a.category,
      config_schema: a.config_schema,
      install_by_default: a.install_by_default,
      managed: a.managed,
      supported_actions: a.supported_actions,
      architecture: ['amd64', 'arm64'],
    })),
  };
};
