import type { ClusterRecord } from '../products/cs/model';
import { VPC_STORE } from '../products/vpc/model';
import type { AccountState } from '../state/registry';
import {
  allocateClusterIp,
  createObject,
  KUBE_STORE,
  newClusterObjects,
  type ClusterObjects,
} from './store';

// What a running ACK cluster holds before anyone deploys to it: the system namespaces, the default
// and kube-system Services, one Node per cluster node, and ACK's storage classes. Seeded the first
// time a cluster's objects are asked for (a cluster that is not running has no API server and
// gets an empty store).

const RUNNING = new Set(['running', 'updating', 'scaling', 'upgrading']);

/** The Kubernetes objects of a cluster, seeded on first use. */
export function clusterObjects(account: AccountState, cluster: ClusterRecord): ClusterObjects {
  const store = account.store(cluster.region_id, KUBE_STORE);
  let c = store.clusters.get(cluster.cluster_id);
  if (!c) {
    c = newClusterObjects(cluster.cluster_id, cluster.service_cidr || '192.168.0.0/16');
    if (RUNNING.has(cluster.state)) seedCluster(c, cluster, podVSwitchesByZone(account, cluster));
    store.clusters.set(cluster.cluster_id, c);
  }
  return c;
}

/** Terway's pod vSwitches grouped by zone, as its `eni-config` ConfigMap lists them. */
function podVSwitchesByZone(
  account: AccountState,
  cluster: ClusterRecord,
): Record<string, string[]> {
  const vswitches = account.store(cluster.region_id, VPC_STORE).vswitches;
  const byZone: Record<string, string[]> = {};
  for (const id of cluster.pod_vswitch_ids) {
    const zone = vswitches.get(id)?.ZoneId ?? cluster.region_id;
    (byZone[zone] ??= []).push(id);
  }
  return byZone;
}

function seedCluster(
  c: ClusterObjects,
  cluster: ClusterRecord,
  podVSwitches: Record<string, string[]>,
): void {
  const at = Date.parse(cluster.created);
  const created = Number.isFinite(at) ? at : 0;
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    createObject(
      c,
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      },
      created,
    );
  }
  const service = (
    namespace: string,
    name: string,
    ipOffset: number,
    ports: { name: string; port: number; targetPort: number | string; protocol?: string }[],
    selector: Record<string, string> | undefined,
    labels: Record<string, string>,
  ) => {
    const ip = allocateClusterIp(c, ipOffset);
    createObject(
      c,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace, labels },
        spec: {
          type: 'ClusterIP',
          clusterIP: ip,
          clusterIPs: [ip],
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          sessionAffinity: 'None',
          internalTrafficPolicy: 'Cluster',
          ports: ports.map((p) => ({ protocol: 'TCP', ...p })),
          ...(selector ? { selector } : {}),
        },
        status: { loadBalancer: {} },
      },
      created,
    );
  };
  service('default', 'kubernetes', 1, [{ name: 'https', port: 443, targetPort: 6443 }], undefined, {
    component: 'apiserver',
    provider: 'kubernetes',
  });
  service(
    'kube-system',
    'kube-dns',
    10,
    [
      { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, targetPort: 53 },
      { name: 'metrics', port: 9153, targetPort: 9153 },
    ],
    { 'k8s-app': 'kube-dns' },
    { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' },
  );
  service(
    'kube-system',
    'metrics-server',
    11,
    [{ name: 'https', port: 443, targetPort: 443 }],
    { 'k8s-app': 'metrics-server' },
    { 'kubernetes.io/name': 'Metrics-server', 'kubernetes.io/cluster-service': 'true' },
  );

  const version = `v${cluster.current_version}`;
  for (const n of cluster.nodes) {
    const master = n.instance_role === 'Master';
    createObject(
      c,
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: n.node_name,
          labels: {
            'kubernetes.io/hostname': n.node_name,
            'kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            'node.kubernetes.io/instance-type': n.instance_type,
            'topology.kubernetes.io/region': cluster.region_id,
            'topology.kubernetes.io/zone': n.zone_id,
            'alibabacloud.com/nodepool-id': n.nodepool_id,
            ...(master ? { 'node-role.kubernetes.io/master': '' } : {}),
          },
        },
        spec: {
          providerID: `${cluster.region_id}.${n.instance_id}`,
          podCIDR: cluster.container_cidr || undefined,
          ...(master
            ? { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] }
            : {}),
        },
        status: {
          capacity: { cpu: String(n.cpu), memory: `${n.memory_gib * 1024 * 1024}Ki`, pods: '64' },
          allocatable: {
            cpu: `${n.allocatable_cpu_m ?? n.cpu * 1000 - 100}m`,
            memory: `${n.allocatable_memory_mib !== undefined ? n.allocatable_memory_mib * 1024 : Math.floor(n.memory_gib * 1024 * 1024 * 0.9)}Ki`,
            pods: '64',
          },
          conditions: [
            {
              type: 'Ready',
              status: n.node_status === 'Ready' ? 'True' : 'False',
              reason: n.node_status === 'Ready' ? 'KubeletReady' : 'KubeletNotReady',
              message:
                n.node_status === 'Ready'
                  ? 'kubelet is posting ready status'
                  : 'container runtime status check may not have completed yet',
            },
          ],
          addresses: [
            { type: 'InternalIP', address: n.ip_address },
            { type: 'Hostname', address: n.node_name },
          ],
          nodeInfo: {
            kubeletVersion: version,
            kubeProxyVersion: version,
            containerRuntimeVersion: 'containerd://1.6.36',
            operatingSystem: 'linux',
            architecture: 'amd64',
            osImage: 'Alibaba Cloud Linux 3.2104 U11 (OpenAnolis Edition)',
          },
        },
      },
      created,
    );
  }

  if (cluster.network_plugin === 'terway') {
    // Terway reads its pod vSwitches from this ConfigMap: pods take addresses from them.
    createObject(
      c,
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'eni-config', namespace: 'kube-system' },
        data: {
          eni_conf: JSON.stringify({
            version: '1',
            max_pool_size: 5,
            min_pool_size: 0,
            vswitches: podVSwitches,
            security_group: cluster.security_group_id,
            vswitch_selection_policy: 'ordered',
          }),
        },
      },
      created,
    );
  }

  createObject(
    c,
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'alicloud-disk-topology-alltype' },
      provisioner: 'diskplugin.csi.alibabacloud.com',
      parameters: { type: 'cloud_essd,cloud_ssd,cloud_efficiency' },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    },
    created,
  );
  createObject(
    c,
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'alibabacloud-cnfs-nas' },
      provisioner: 'nasplugin.csi.alibabacloud.com',
      parameters: {
        volumeAs: 'subpath',
        containerNetworkFileSystem: `cnfs-nas-${cluster.cluster_id}`,
        path: '/',
        archiveOnDelete: 'false',
      },
      mountOptions: ['nolock,tcp,noresvport', 'vers=3'],
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'Immediate',
      allowVolumeExpansion: true,
    },
    created,
  );
  // A namespace a platform team prepared, with a LimitRange that gives every container without
  // limits a default one (LimitRanger admission applies it to the pods created there).
  for (const ns of cluster.prepared_namespaces ?? []) {
    createObject(
      c,
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns.name, labels: { 'kubernetes.io/metadata.name': ns.name } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      },
      created,
    );
    createObject(
      c,
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'default-limits', namespace: ns.name },
        spec: { limits: [{ type: 'Container', default: { memory: ns.defaultMemoryLimit }, defaultRequest: { memory: ns.defaultMemoryRequest } }] },
      },
      created,
    );
  }
}
