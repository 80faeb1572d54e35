import { z } from 'zod';
import { CloudError } from '../errors/cloud-error';
import type { CloudTransport } from './pop-client';
import { parseWire } from './wire';

export const ClusterWire = z.object({
  cluster_id: z.string(),
  name: z.string().default(''),
  region_id: z.string().optional(),
  cluster_type: z.string(),
  profile: z.string().nullish().transform((v) => v ?? ''),
  cluster_spec: z.string().nullish().transform((v) => v ?? ''),
  state: z.string(),
  current_version: z.string().nullish().transform((v) => v ?? ''),
  vpc_id: z.string().nullish().transform((v) => v ?? ''),
  size: z.number().nullish().transform((v) => v ?? 0),
});
const DescribeClustersV1Wire = z.looseObject({
  clusters: z.array(ClusterWire),
  page_info: z.looseObject({ page_number: z.number().optional(), page_size: z.number().optional(), total_count: z.number() }),
});

// Wire shapes of the access-entry actions.
const KubeconfigWire = z.looseObject({ config: z.string().min(1), expiration: z.string().nullish().transform((v) => v ?? '') });
export const AddonInstanceWire = z.looseObject({
  name: z.string(),
  version: z.string().nullish().transform((v) => v ?? ''),
  state: z.string().nullish().transform((v) => v ?? ''),
  config: z.string().nullish().transform((v) => v ?? ''),
});
const ListAddonInstancesWire = z.looseObject({ addons: z.array(AddonInstanceWire).nullish().transform((v) => v ?? []) });
const ListAddonsWire = z.looseObject({
  addons: z
    .array(z.looseObject({ name: z.string(), version: z.string(), category: z.string().nullish(), supported_actions: z.array(z.string()).nullish() }))
    .nullish()
    .transform((v) => v ?? []),
});
const InstallAddonsWire = z.looseObject({ task_id: z.string().nullish().transform((v) => v ?? null) }).or(z.null().transform(() => ({ task_id: null })));
export const TaskWire = z.looseObject({
  task_id: z.string(),
  state: z.string(),
  current_stage: z.string().nullish(),
  error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

export interface AddonInstall {
  name: string;
  version: string;
  /** JSON string, as the API wants it. */
  config: string;
}

// Pre-flight: the network fields of DescribeClusterDetail and DescribeClusterNodes.
const jsonObject = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .nullish()
  .transform((v): Record<string, unknown> => {
    if (!v) return {};
    if (typeof v !== 'string') return v;
    try {
      const parsed: unknown = JSON.parse(v);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  });
export const ClusterDetailWire = ClusterWire.extend({
  vswitch_ids: z.array(z.string()).nullish().transform((v) => v ?? []),
  container_cidr: z.string().nullish().transform((v) => v ?? ''),
  service_cidr: z.string().nullish().transform((v) => v ?? ''),
  /** JSON string: NetworkPlugin, KubernetesVersion… */
  meta_data: jsonObject,
  /** Deprecated map of the creation parameters (ROS-era clusters). */
  parameters: jsonObject,
});
const MasterUrlWire = z.looseObject({ master_url: jsonObject });
export const ClusterNodeWire = z.looseObject({
  instance_id: z.string(),
  node_name: z.string().nullish().transform((v) => v ?? ''),
  instance_type: z.string().nullish().transform((v) => v ?? ''),
  instance_type_family: z.string().nullish().transform((v) => v ?? ''),
  instance_role: z.string().nullish().transform((v) => v ?? ''),
  state: z.string().nullish().transform((v) => v ?? ''),
  node_status: z.string().nullish().transform((v) => v ?? ''),
  ip_address: z.array(z.string()).nullish().transform((v) => v ?? []),
});
const DescribeClusterNodesWire = z.looseObject({
  nodes: z.array(ClusterNodeWire).nullish().transform((v) => v ?? []),
  page: z.looseObject({ total_count: z.number() }).nullish(),
});

export const CS_PAGE_SIZE = 50;

export class CsGateway {
  constructor(private readonly transport: CloudTransport) {}

  /** DescribeClustersV1 — GET /api/v1/clusters (no vpc filter in this API). */
  async describeClustersV1(regionId: string, pageNumber: number, pageSize = CS_PAGE_SIZE) {
    const raw = await this.transport.roa('cs', regionId, {
      action: 'DescribeClustersV1',
      method: 'GET',
      path: '/api/v1/clusters',
      query: { region_id: regionId, page_number: pageNumber, page_size: pageSize },
    });
    const body = parseWire(DescribeClustersV1Wire, raw, 'DescribeClustersV1');
    return { items: body.clusters, totalCount: body.page_info.total_count };
  }

  /** DescribeClusterDetail — GET /clusters/{ClusterId}. */
  async describeClusterDetail(regionId: string, clusterId: string) {
    const raw = await this.transport.roa('cs', regionId, {
      action: 'DescribeClusterDetail',
      method: 'GET',
      path: `/clusters/${encodeURIComponent(clusterId)}`,
    });
    return parseWire(ClusterDetailWire, raw, 'DescribeClusterDetail');
  }

  // ── access entry: kubeconfig, add-ons, tasks ──

  /**
   * DescribeClusterUserKubeconfig — GET /k8s/{ClusterId}/user_config. A temporary kubeconfig
   * (TemporaryDurationMinutes) for the public API server endpoint, or the intranet one
   * (PrivateIpAddress=true). The answer is a credential: it goes to the cluster gateway only,
   * never into a log or a response.
   */
  async describeClusterUserKubeconfig(regionId: string, clusterId: string, minutes: number, privateIpAddress = false): Promise<{ config: string; expiration: string }> {
    const raw = await this.transport.roa('cs', regionId, {
      action: 'DescribeClusterUserKubeconfig',
      method: 'GET',
      path: `/k8s/${encodeURIComponent(clusterId)}/user_config`,
      query: { TemporaryDurationMinutes: minutes, PrivateIpAddress: privateIpAddress },
    });
    return parseWire(KubeconfigWire, raw, 'DescribeClusterUserKubeconfig');
  }

  /**
   * The API server's endpoints from DescribeClusterDetail's `master_url` (a JSON string):
   * `api_server_endpoint` is empty when the API server has no public endpoint.
   */
  async apiServerEndpoints(regionId: string, clusterId: string): Promise<{ public: string; intranet: string }> {
    const raw = await this.transport.roa('cs', regionId, {
      action: 'DescribeClusterDetail',
      method: 'GET',
      path: `/clusters/${encodeURIComponent(clusterId)}`,
    });
    const master = parseWire(MasterUrlWire, raw, 'DescribeClusterDetail').master_url;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    return { public: str(master.api_server_endpoint), intranet: str(master.intranet_api_server_endpoint) };
  }

  /** ListClusterAddonInstances — GET /clusters/{cluster_id}/addon_instances (installed add-ons only). */
  async listClusterAddonInstances(regionId: string, clusterId: string) {
    const raw = await this.transport.roa('cs', regionId, {
      action: 'ListClusterAddonInstances',
      method: 'GET',
      path: `/clusters/${encodeURIComponent(clusterId)}/addon_instances`,
    });
    return parseWire(ListAddonInstancesWire, raw, 'ListClusterAddonInstances').addons;
  }

  /** GetClusterAddonInstance — GET /clusters/{cluster_id}/addon_instances/{name}; null on any NotFound answer (AddonNotFound; the real code and status are UNCONFIRMED). */
  async getClusterAddonInstance(regionId: string, clusterId: string, name: string) {
    try {
      const raw = await this.transport.roa('cs', regionId, {
        action: 'GetClusterAddonInstance',
        method: 'GET',
        path: `/clusters/${encodeURIComponent(clusterId)}/addon_instances/${encodeURIComponent(name)}`,
      });
      return parseWire(AddonInstanceWire, raw, 'GetClusterAddonInstance');
    } catch (err) {
      if (err instanceof CloudError && /NotFound/.test(err.code) && !/Cluster/.test(err.code)) return null;
      throw err;
    }
  }

  /** ListAddons — GET /addons?cluster_id=: what can be installed on this cluster, with versions. */
  async listAddons(regionId: string, clusterId: string) {
    const raw = await this.transport.roa('cs', regionId, {
      action: 'ListAddons',
      method: 'GET',
      path: '/addons',
      query: { cluster_id: clusterId },
    });
    return parseWire(ListAddonsWire, raw, 'ListAddons').addons;
  }

  /** InstallClusterAddons — POST /clusters/{ClusterId}/components/install, body `[{name, version, config}]`. */
  async installClusterAddons(regionId: string, clusterId: string, addons: AddonInstall[]): Promise<{ taskId: string | null }> {
    const raw = await this.transport.roa('cs', regionId, {
      action: 'InstallClusterAddons',
      method: 'POST',
      path: `/clusters/${encodeURIComponent(clusterId)}/components/install`,
      body: addons,
    });
    // Older CS versions answer an empty body.
    return { taskId: parseWire(InstallAddonsWire, raw === '' || raw === undefined ? null : raw, 'InstallClusterAddons').task_id };
  }

  /** DescribeTaskInfo — GET /tasks/{task_id}: `running`, `success`, `failed` (or `fail`). */
  async describeTaskInfo(regionId: string, taskId: string) {
    const raw = await this.transport.roa('cs', regionId, {
      action: 'DescribeTaskInfo',
      method: 'GET',
      path: `/tasks/${encodeURIComponent(taskId)}`,
    });
    return parseWire(TaskWire, raw, 'DescribeTaskInfo');
  }

  /** DescribeClusterNodes — GET /clusters/{ClusterId}/nodes (camelCase query, 1-100 per page). */
  async describeClusterNodes(regionId: string, clusterId: string, pageNumber: number, pageSize = 100) {
    const raw = await this.transport.roa('cs', regionId, {
      action: 'DescribeClusterNodes',
      method: 'GET',
      path: `/clusters/${encodeURIComponent(clusterId)}/nodes`,
      query: { pageNumber, pageSize },
    });
    const body = parseWire(DescribeClusterNodesWire, raw, 'DescribeClusterNodes');
    return { items: body.nodes, totalCount: body.page?.total_count ?? body.nodes.length };
  }
}
