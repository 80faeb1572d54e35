// The resources the local cloud's Kubernetes API serves, as discovery lists them. `writable`
// resources take create/update/patch/delete; the others are read-only here
// (get/list), which is all the console needs of them.

export interface ResourceDef {
  /** Group ('' = core), version. */
  group: string;
  version: string;
  /** Plural resource name (the URL segment). */
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  writable: boolean;
  /** Has a `/status` subresource. */
  status?: boolean;
  /** DELETE answers the object itself (Services, Pods, Namespaces) instead of a Status. */
  returnsDeletedObject?: boolean;
  /** Served from the objects of another group (events.k8s.io/v1 Events are core Events). */
  storedAs?: { apiVersion: string; kind: string };
}

const RW = true;
const RO = false;

export const RESOURCES: readonly ResourceDef[] = [
  // core/v1
  {
    group: '',
    version: 'v1',
    name: 'namespaces',
    singularName: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    writable: RW,
    status: true,
    returnsDeletedObject: true,
  },
  {
    group: '',
    version: 'v1',
    name: 'services',
    singularName: 'service',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    writable: RW,
    status: true,
    returnsDeletedObject: true,
  },
  {
    group: '',
    version: 'v1',
    name: 'secrets',
    singularName: 'secret',
    kind: 'Secret',
    namespaced: true,
    writable: RW,
  },
  {
    group: '',
    version: 'v1',
    name: 'configmaps',
    singularName: 'configmap',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
    writable: RW,
  },
  {
    group: '',
    version: 'v1',
    name: 'limitranges',
    singularName: 'limitrange',
    kind: 'LimitRange',
    namespaced: true,
    shortNames: ['limits'],
    writable: RW,
  },
  {
    group: '',
    version: 'v1',
    name: 'events',
    singularName: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
    writable: RO,
  },
  {
    group: '',
    version: 'v1',
    name: 'nodes',
    singularName: 'node',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
    writable: RO,
    status: true,
  },
  {
    group: '',
    version: 'v1',
    name: 'pods',
    singularName: 'pod',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    writable: RO,
    status: true,
  },
  {
    group: '',
    version: 'v1',
    name: 'persistentvolumeclaims',
    singularName: 'persistentvolumeclaim',
    kind: 'PersistentVolumeClaim',
    namespaced: true,
    shortNames: ['pvc'],
    writable: RO,
    status: true,
  },
  // apps/v1
  {
    group: 'apps',
    version: 'v1',
    name: 'deployments',
    singularName: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    writable: RO,
    status: true,
  },
  {
    group: 'apps',
    version: 'v1',
    name: 'statefulsets',
    singularName: 'statefulset',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
    categories: ['all'],
    writable: RO,
    status: true,
  },
  {
    group: 'apps',
    version: 'v1',
    name: 'daemonsets',
    singularName: 'daemonset',
    kind: 'DaemonSet',
    namespaced: true,
    shortNames: ['ds'],
    categories: ['all'],
    writable: RO,
    status: true,
  },
  // batch/v1
  {
    group: 'batch',
    version: 'v1',
    name: 'jobs',
    singularName: 'job',
    kind: 'Job',
    namespaced: true,
    categories: ['all'],
    writable: RW,
    status: true,
  },
  // autoscaling/v2
  {
    group: 'autoscaling',
    version: 'v2',
    name: 'horizontalpodautoscalers',
    singularName: 'horizontalpodautoscaler',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    shortNames: ['hpa'],
    categories: ['all'],
    writable: RO,
    status: true,
  },
  // networking.k8s.io/v1
  {
    group: 'networking.k8s.io',
    version: 'v1',
    name: 'ingresses',
    singularName: 'ingress',
    kind: 'Ingress',
    namespaced: true,
    shortNames: ['ing'],
    writable: RW,
    status: true,
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    name: 'ingressclasses',
    singularName: 'ingressclass',
    kind: 'IngressClass',
    namespaced: false,
    writable: RW,
  },
  // storage.k8s.io/v1
  {
    group: 'storage.k8s.io',
    version: 'v1',
    name: 'storageclasses',
    singularName: 'storageclass',
    kind: 'StorageClass',
    namespaced: false,
    shortNames: ['sc'],
    writable: RO,
  },
  // events.k8s.io/v1: the core Events in the newer shape
  {
    group: 'events.k8s.io',
    version: 'v1',
    name: 'events',
    singularName: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
    writable: RO,
    storedAs: { apiVersion: 'v1', kind: 'Event' },
  },
];

export function apiVersionOf(r: Pick<ResourceDef, 'group' | 'version'>): string {
  return r.group === '' ? r.version : `${r.group}/${r.version}`;
}

/** The ref the store keys objects by. */
export function storeRef(r: ResourceDef): { apiVersion: string; kind: string } {
  return r.storedAs ?? { apiVersion: apiVersionOf(r), kind: r.kind };
}

export function findResource(
  group: string,
  version: string,
  name: string,
): ResourceDef | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.name === name);
}

export function groupVersions(): { group: string; version: string }[] {
  const out: { group: string; version: string }[] = [];
  for (const r of RESOURCES)
    if (r.group !== '' && !out.some((g) => g.group === r.group && g.version === r.version))
      out.push({ group: r.group, version: r.version });
  return out;
}

function verbs(r: ResourceDef): string[] {
  return r.writable
    ? ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']
    : ['get', 'list', 'watch'];
}

/** `GET /api/v1` or `/apis/<g>/<v>`. */
export function resourceList(group: string, version: string): Record<string, unknown> {
  const resources: Record<string, unknown>[] = [];
  for (const r of RESOURCES) {
    if (r.group !== group || r.version !== version) continue;
    resources.push({
      name: r.name,
      singularName: r.singularName,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: verbs(r),
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
      storageVersionHash: Buffer.from(`${group}/${version}/${r.name}`)
        .toString('base64')
        .slice(0, 11),
    });
    if (r.status)
      resources.push({
        name: `${r.name}/status`,
        singularName: '',
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: r.writable ? ['get', 'patch', 'update'] : ['get'],
      });
  }
  return {
    kind: 'APIResourceList',
    ...(group === '' ? {} : { apiVersion: 'v1' }),
    groupVersion: group === '' ? version : `${group}/${version}`,
    resources,
  };
}

export function apiGroup(group: string): Record<string, unknown> | undefined {
  const versions = groupVersions().filter((g) => g.group === group);
  const first = versions[0];
  if (!first) return undefined;
  const gv = versions.map((g) => ({ groupVersion: `${g.group}/${g.version}`, version: g.version }));
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: gv, preferredVersion: gv[0] };
}

export function apiGroupList(): Record<string, unknown> {
  const names = [...new Set(groupVersions().map((g) => g.group))];
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: names.map((n) => {
      const g = apiGroup(n) ?? {};
      return { name: n, versions: g.versions, preferredVersion: g.preferredVersion };
    }),
  };
}
