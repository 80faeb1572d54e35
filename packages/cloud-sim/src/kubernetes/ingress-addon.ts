import type { ClusterRecord } from '../products/cs/model';
import {
  ADDON_CATALOG,
  ADDON_STORE,
  addonActive,
  installedAddons,
  type AddonTask,
} from '../products/cs/addons-model';
import { VPC_STORE } from '../products/vpc/model';
import type { AccountState } from '../state/registry';
import { admit } from './api/admit';
import {
  createObject,
  getObject,
  listObjects,
  patchObject,
  type ClusterObjects,
  type KubeObject,
  type KubeObjectInput,
} from './store';
import { ANNOTATION, NLB_CLASS, SERVICE, spec } from './cloud-controller';

// The nginx Ingress add-on of a cluster, driven by simulated time: add-on installation tasks (CS
// InstallClusterAddons) run → success after ADDON_INSTALL_MS; nginx-ingress-controller then creates
// IngressClass `nginx` and Service kube-system/nginx-ingress-lb; Ingresses of class `nginx` get the
// controller Service's address.

export const INGRESS_NS = 'kube-system';
export const INGRESS_SVC = 'nginx-ingress-lb';

type Obj = Record<string, unknown>;

// --- Add-on tasks ------------------------------------------------------------------------------------

function zoneMapsFor(account: AccountState, cluster: ClusterRecord): string {
  const byZone = new Map<string, string>();
  const vsws = account.store(cluster.region_id, VPC_STORE).vswitches;
  for (const id of [...cluster.vswitch_ids, ...cluster.pod_vswitch_ids]) {
    const v = vsws.get(id);
    if (v && !byZone.has(v.ZoneId)) byZone.set(v.ZoneId, id);
  }
  for (const v of vsws.values())
    if (v.VpcId === cluster.vpc_id && !byZone.has(v.ZoneId)) byZone.set(v.ZoneId, v.VSwitchId);
  return [...byZone].map(([z, v]) => `${z}:${v}`).join(',');
}

function create(c: ClusterObjects, input: KubeObjectInput, at: number): void {
  const o = structuredClone(input) as unknown as KubeObject;
  o.metadata.uid = '';
  admit(c, o, undefined);
  if (!getObject(c, o, o.metadata.namespace, o.metadata.name)) createObject(c, o, at);
}

function installNginxIngress(
  account: AccountState,
  cluster: ClusterRecord,
  c: ClusterObjects,
  config: Obj,
  at: number,
): void {
  const network = config.IngressSlbNetworkType === 'intranet' ? 'intranet' : 'internet';
  const clbSpec =
    typeof config.IngressSlbSpec === 'string' && config.IngressSlbSpec !== ''
      ? config.IngressSlbSpec
      : undefined;
  const labels = {
    'app.kubernetes.io/managed-by': 'Helm',
    'app.kubernetes.io/instance': 'nginx-ingress-controller',
  };
  create(
    c,
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: {
        name: 'nginx',
        labels,
        annotations: {
          'meta.helm.sh/release-name': 'nginx-ingress-controller',
          'meta.helm.sh/release-namespace': INGRESS_NS,
        },
      },
      spec: { controller: 'k8s.io/ingress-nginx' },
    },
    at,
  );
  create(
    c,
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'nginx-configuration',
        namespace: INGRESS_NS,
        labels: { app: 'ingress-nginx', ...labels },
      },
      data: {
        'allow-backend-server-header': 'true',
        'enable-underscores-in-headers': 'true',
        'generate-request-id': 'true',
        'ignore-invalid-headers': 'true',
        'max-worker-connections': '65536',
        'reuse-port': 'true',
        'server-tokens': 'false',
        'upstream-keepalive-timeout': '900',
        'worker-cpu-affinity': 'auto',
      },
    },
    at,
  );
  create(
    c,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'nginx-ingress-controller',
        namespace: INGRESS_NS,
        labels: { app: 'ingress-nginx', ...labels },
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'ingress-nginx' } },
        template: {
          metadata: { labels: { app: 'ingress-nginx' } },
          spec: {
            containers: [
              {
                name: 'nginx-ingress-controller',
                image: `registry-${cluster.region_id}-vpc.ack.aliyuncs.com/acs/aliyun-ingress-controller:${ADDON_CATALOG[0]?.version ?? ''}`,
                args: [
                  '/nginx-ingress-controller',
                  '--configmap=$(POD_NAMESPACE)/nginx-configuration',
                  '--ingress-class=nginx',
                  '--controller-class=k8s.io/ingress-nginx',
                  `--publish-service=$(POD_NAMESPACE)/${INGRESS_SVC}`,
                ],
              },
            ],
          },
        },
      },
      status: {
        replicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
        updatedReplicas: 2,
        observedGeneration: 1,
      },
    },
    at,
  );
  create(
    c,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: INGRESS_SVC,
        namespace: INGRESS_NS,
        labels: { app: INGRESS_SVC, ...labels },
        annotations: {
          [`${ANNOTATION}address-type`]: network,
          ...(clbSpec
            ? { [`${ANNOTATION}instance-charge-type`]: 'PayBySpec', [`${ANNOTATION}spec`]: clbSpec }
            : { [`${ANNOTATION}zone-maps`]: zoneMapsFor(account, cluster) }),
        },
      },
      spec: {
        type: 'LoadBalancer',
        ...(clbSpec ? {} : { loadBalancerClass: NLB_CLASS }),
        externalTrafficPolicy: 'Local',
        selector: { app: 'ingress-nginx' },
        ports: [
          { name: 'http', port: 80, targetPort: 80, protocol: 'TCP' },
          { name: 'https', port: 443, targetPort: 443, protocol: 'TCP' },
        ],
      },
    },
    at,
  );
}

export function runTasks(
  account: AccountState,
  cluster: ClusterRecord,
  c: ClusterObjects | undefined,
  now: number,
): { changed: boolean; at?: number } {
  const store = account.store(cluster.region_id, ADDON_STORE);
  let changed = false;
  let at: number | undefined;
  const due: AddonTask[] = [...store.tasks.values()]
    .filter((t) => t.cluster_id === cluster.cluster_id && t.state === 'running' && t.doneAt <= now)
    .sort((a, b) => a.doneAt - b.doneAt);
  for (const t of due) {
    const installed = installedAddons(account, cluster);
    for (const a of t.addons) {
      if (a.name === 'nginx-ingress-controller' && c) {
        let config: Obj = {};
        try {
          const parsed: unknown = a.config ? JSON.parse(a.config) : {};
          if (typeof parsed === 'object' && parsed !== null) config = parsed as Obj;
        } catch {
          // validated at install time
        }
        installNginxIngress(account, cluster, c, config, t.doneAt);
      }
      installed.set(a.name, {
        name: a.name,
        version: a.version,
        state: 'active',
        config: a.config,
      });
    }
    t.state = 'success';
    t.updated = t.doneAt;
    at = t.doneAt;
    changed = true;
  }
  return { changed, ...(at !== undefined ? { at } : {}) };
}

// --- ingress-nginx ------------------------------------------------------------------------------------

export function ingressClassOf(ing: KubeObject): string | undefined {
  const cls = spec(ing).ingressClassName;
  if (typeof cls === 'string') return cls;
  return ing.metadata.annotations?.['kubernetes.io/ingress.class'];
}

export function ingressNginx(
  account: AccountState,
  cluster: ClusterRecord,
  c: ClusterObjects,
): boolean {
  if (!addonActive(account, cluster, 'nginx-ingress-controller')) return false;
  const lbSvc = getObject(c, SERVICE, INGRESS_NS, INGRESS_SVC);
  const addr = (((lbSvc?.status ?? {}) as Obj).loadBalancer as Obj | undefined)?.ingress as
    Obj[] | undefined;
  const want = (addr ?? []).map((a) =>
    a.hostname !== undefined ? { hostname: a.hostname } : { ip: a.ip },
  );
  let changed = false;
  for (const ing of listObjects(c, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' })) {
    if (ingressClassOf(ing) !== 'nginx') continue;
    const cur = (((ing.status ?? {}) as Obj).loadBalancer as Obj | undefined)?.ingress;
    const target = want.length > 0 ? want : undefined;
    if (JSON.stringify(cur) === JSON.stringify(target)) continue;
    patchObject(c, ing, ing.metadata.namespace, ing.metadata.name, (o) => {
      o.status = { loadBalancer: target ? { ingress: target } : {} };
    });
    changed = true;
  }
  return changed;
}
