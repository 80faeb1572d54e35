import { issueKubeconfig } from '../../kubernetes/kubeconfig';
import type { ActionHandler } from '../types';
import { findCluster } from './find';
import { clusterStateError, RUNNING } from './cluster-state';

/**
 * DescribeClusterUserKubeconfig — GET /k8s/{ClusterId}/user_config. The kubeconfig points at the
 * public API server endpoint, or the intranet one with PrivateIpAddress=true; a cluster without a
 * public endpoint gets the intranet one either way (UNCONFIRMED: the real answer in that case is
 * not documented; usable only inside the VPC). Its client certificate authenticates the caller
 * (the account, or the RAM user by id).
 */
export const describeClusterUserKubeconfig: ActionHandler = async ({
  account,
  pathParams,
  params,
  clock,
  kubeApi,
  caller,
  changed,
}) => {
  const c = findCluster(account, pathParams.ClusterId ?? '');
  const minutes =
    params.get('TemporaryDurationMinutes') !== undefined
      ? params.int('TemporaryDurationMinutes', { default: 0, min: 15, max: 4320 })
      : undefined;
  const privateIp = params.bool('PrivateIpAddress') ?? false;
  if (!RUNNING.has(c.state)) throw clusterStateError(c);
  const server =
    privateIp || !c.api_server_public
      ? kubeApi.intranetUrl(account, c)
      : kubeApi.publicUrl(account, c);
  const ca = await kubeApi.clusterCa(account, c);
  const user = caller?.type === 'RAMUser' ? caller.userId : account.accountId;
  const out = await issueKubeconfig(ca, c, {
    server,
    user,
    now: clock.now(),
    ...(minutes !== undefined ? { minutes } : {}),
  });
  changed();
  return { config: out.config, expiration: out.expiration };
};
