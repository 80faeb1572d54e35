import type { ActionHandler } from '../types';
import { reconcileInstance } from './deploy';
import { apiRegion, findInstance } from './model';
import { renderInstance } from './render';

/** GetServiceInstance: status, progress, detail, outputs, parameters (NoEcho masked). */
export const getServiceInstance: ActionHandler = ({
  account,
  params,
  clock,
  changed,
  endpoint,
}) => {
  const region = apiRegion(params);
  const si = findInstance(account, region, params.required('ServiceInstanceId'));
  const now = clock.now();
  if (reconcileInstance(account, si, now)) changed();
  return renderInstance(si, now, account.accountId, endpoint);
};
