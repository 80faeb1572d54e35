import type { AccountState } from '../../state/registry';
import type { KubeApiHost } from '../types';
import type { ClusterRecord } from './model';

function ipFromCidr(cidr: string, last: number): string {
  const [base = '10.0.0.0'] = cidr.split('/');
  const parts = base.split('.');
  return `${parts[0]}.${parts[1]}.${parts[2]}.${last}`;
}

/** The API server's address inside the VPC (its intranet endpoint). */
export function intranetApiIp(c: ClusterRecord, internalCidr: string): string {
  const hash = [...c.cluster_id].reduce((a, ch) => (a * 31 + ch.charCodeAt(0)) % 250, 7) + 3;
  return ipFromCidr(internalCidr, hash);
}

/**
 * One cluster as DescribeClustersV1 / DescribeClusterDetail return it (snake_case). Its API
 * server endpoints are the local cloud's: the public one (when the cluster has one) reachable on
 * loopback, the intranet one in the VPC.
 */
export function renderCluster(
  c: ClusterRecord,
  kubeApi: KubeApiHost,
  account: AccountState,
): Record<string, unknown> {
  const masterUrl = {
    api_server_endpoint: c.api_server_public ? kubeApi.publicUrl(account, c) : '',
    intranet_api_server_endpoint: kubeApi.intranetUrl(account, c),
  };
  return {
    cluster_id: c.cluster_id,
    name: c.name,
    region_id: c.region_id,
    zone_id: c.zone_id,
    cluster_type: c.cluster_type,
    profile: c.profile,
    cluster_spec: c.cluster_spec,
    state: c.state,
    size: c.nodes.length,
    current_version: c.current_version,
    init_version: c.init_version,
    next_version: '',
    vpc_id: c.vpc_id,
    vswitch_ids: c.vswitch_ids,
    vswitch_id: c.vswitch_ids.join(','),
    security_group_id: c.security_group_id,
    container_cidr: c.container_cidr,
    service_cidr: c.service_cidr,
    network_mode: 'vpc',
    proxy_mode: c.proxy_mode,
    ip_stack: 'ipv4',
    timezone: 'Asia/Shanghai',
    cluster_domain: 'cluster.local',
    master_url: JSON.stringify(masterUrl),
    external_loadbalancer_id: `lb-${c.cluster_id.slice(1, 22)}`,
    created: c.created,
    updated: c.updated,
    tags: c.tags,
    resource_group_id: c.resource_group_id,
    deletion_protection: c.deletion_protection,
    docker_version: '',
    meta_data: JSON.stringify({
      KubernetesVersion: c.current_version.split('-')[0],
      NetworkPlugin: c.network_plugin,
    }),
    maintenance_window: { enable: false, maintenance_time: '', duration: '', weekly_period: '' },
    operation_policy: { cluster_auto_upgrade: { enabled: false, channel: '' } },
  };
}
