import { Errors } from '../../protocol/errors';
import type { ActionHandler } from '../types';
import { reconcileInstance, startDeletion } from './deploy';
import { apiRegion, findInstance } from './model';

/**
 * DeleteServiceInstances: `ServiceInstanceId.N`. Each instance goes Deleting → Deleted; the
 * release is uninstalled from the cluster and the stack's own resources released. Existing
 * resources passed in by id are untouched. An unknown id fails the whole call (nothing deleted).
 */
export const deleteServiceInstances: ActionHandler = ({ account, params, clock, changed }) => {
  const region = apiRegion(params);
  const ids: string[] = [];
  for (let n = 1; ; n++) {
    const id = params.get(`ServiceInstanceId.${n}`);
    if (id === undefined) break;
    ids.push(id);
  }
  if (ids.length === 0) throw Errors.missingParameter('ServiceInstanceId.1');
  const now = clock.now();
  const instances = ids.map((id) => findInstance(account, region, id));
  for (const si of instances) {
    reconcileInstance(account, si, now);
    startDeletion(si, now);
  }
  changed();
  return {};
};
