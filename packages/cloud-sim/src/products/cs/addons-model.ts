import type { AccountState } from '../../state/registry';
import { storeKey } from '../../state/registry';
import type { ClusterRecord } from './model';

// Cluster add-ons and the tasks that install them.

export interface AddonCatalogEntry {
  name: string;
  version: string;
  category: string;
  install_by_default: boolean;
  managed: boolean;
  supported_actions: string[];
  config_schema: string;
}

const schema = (props: Record<string, unknown>) =>
  JSON.stringify({
    $schema: 'https://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: props,
  });

/** What ListAddons offers (the versions are plausible ACK versions; exact ones UNCONFIRMED). */
export const ADDON_CATALOG: readonly AddonCatalogEntry[] = [
  {
    name: 'nginx-ingress-controller',
    version: 'v1.12.1-aliyun.1',
    category: 'network',
    install_by_default: false,
    managed: false,
    supported_actions: ['Install', 'Upgrade', 'Modify', 'Uninstall'],
    config_schema: schema({
      IngressSlbNetworkType: {
        type: 'string',
        enum: ['internet', 'intranet'],
        default: 'internet',
        description: 'Network type of the load balancer of Service kube-system/nginx-ingress-lb',
      },
      IngressSlbSpec: {
        type: 'string',
        description:
          'CLB specification; when set the controller gets a CLB instead of the default NLB',
      },
      IngressDashboardEnabled: { type: 'string', enum: ['true', 'false'], default: 'true' },
    }),
  },
  {
    name: 'alb-ingress-controller',
    version: 'v2.14.0-aliyun.1',
    category: 'network',
    install_by_default: false,
    managed: true,
    supported_actions: ['Install', 'Upgrade', 'Uninstall'],
    config_schema: schema({}),
  },
  {
    name: 'metrics-server',
    version: 'v0.3.9.7-c0d9a5a-aliyun',
    category: 'monitor',
    install_by_default: true,
    managed: true,
    supported_actions: ['Upgrade'],
    config_schema: schema({}),
  },
  {
    name: 'coredns',
    version: 'v1.11.3.2-f57ea7ed6-aliyun',
    category: 'network',
    install_by_default: true,
    managed: false,
    supported_actions: ['Upgrade', 'Modify'],
    config_schema: schema({}),
  },
  {
    name: 'csi-plugin',
    version: 'v1.33.1-67e8986-aliyun',
    category: 'storage',
    install_by_default: true,
    managed: false,
    supported_actions: ['Upgrade', 'Modify'],
    config_schema: schema({}),
  },
  {
    name: 'csi-provisioner',
    version: 'v1.33.1-67e8986-aliyun',
    category: 'storage',
    install_by_default: true,
    managed: true,
    supported_actions: ['Upgrade', 'Modify'],
    config_schema: schema({}),
  },
  {
    name: 'storage-operator',
    version: 'v1.33.1-67e8986-aliyun',
    category: 'storage',
    install_by_default: true,
    managed: false,
    supported_actions: ['Upgrade'],
    config_schema: schema({}),
  },
  {
    name: 'terway-eniip',
    version: 'v1.13.4',
    category: 'network',
    install_by_default: false,
    managed: false,
    supported_actions: ['Upgrade', 'Modify'],
    config_schema: schema({}),
  },
  {
    name: 'flannel',
    version: 'v0.15.1.22-20a397e6-aliyun',
    category: 'network',
    install_by_default: false,
    managed: false,
    supported_actions: ['Upgrade'],
    config_schema: schema({}),
  },
];

export interface AddonInstance {
  name: string;
  version: string;
  /** `active`, `updating`, `upgrading`, `deleting`. */
  state: string;
  /** JSON string. */
  config: string;
}

export interface AddonTask {
  task_id: string;
  cluster_id: string;
  task_type: 'cluster_addon_install';
  state: 'running' | 'success' | 'failed';
  created: number;
  updated: number;
  /** When the installation completes (simulated ms). */
  doneAt: number;
  addons: { name: string; version: string; config: string }[];
}

export interface AddonStore {
  /** clusterId → add-on name → instance. */
  clusters: Map<string, Map<string, AddonInstance>>;
  tasks: Map<string, AddonTask>;
}

export const ADDON_STORE = storeKey<AddonStore>('cs-addons', () => ({
  clusters: new Map(),
  tasks: new Map(),
}));

/** How long an add-on installation takes (simulated ms). */
export const ADDON_INSTALL_MS = 45_000;

/** A cluster's installed add-ons; a running cluster starts with ACK's defaults. */
export function installedAddons(
  account: AccountState,
  cluster: ClusterRecord,
): Map<string, AddonInstance> {
  const store = account.store(cluster.region_id, ADDON_STORE);
  let m = store.clusters.get(cluster.cluster_id);
  if (!m) {
    m = new Map();
    const names = [
      'coredns',
      'metrics-server',
      'csi-plugin',
      'csi-provisioner',
      'storage-operator',
      cluster.network_plugin === 'terway' ? 'terway-eniip' : 'flannel',
    ];
    for (const n of names) {
      const a = ADDON_CATALOG.find((x) => x.name === n);
      if (a) m.set(n, { name: n, version: a.version, state: 'active', config: '' });
    }
    store.clusters.set(cluster.cluster_id, m);
  }
  return m;
}

export function addonActive(
  account: AccountState,
  cluster: ClusterRecord,
  name: string,
): AddonInstance | undefined {
  const a = account
    .store(cluster.region_id, ADDON_STORE)
    .clusters.get(cluster.cluster_id)
    ?.get(name);
  return a?.state === 'active' ? a : undefined;
}
