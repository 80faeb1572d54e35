import { joinList } from '@dify-console/shared/domain/i18n';
import type { KubeNodeInfo, ClusterDetailRecord } from '../../../ports/preflight';
import { CannotVerify, notFoundIsFail, type CheckContext, type CheckDef } from '../check';
import { atLeast, isArmInstanceType, majorMinor, MIN_KUBERNETES, NAMESPACE, RELEASE, requiredCapacity } from '../dify-needs';

const GiB = (mib: number) => (mib / 1024).toFixed(1);
const cores = (m: number) => (m / 1000).toFixed(2).replace(/\.?0+$/, '');

/** The ACK cluster: kind, state, version, architecture, capacity, storage, HA and an earlier install. */
export function clusterChecks({ request, locale, t, facts }: CheckContext): CheckDef[] {
  const ha = request.parameters.highAvailability !== false;
  const id = request.parameters.clusterId;
  const insideNodes = facts.kubeNodes;
  const inside = facts.kube;
  const usable = (nodes: KubeNodeInfo[]) => nodes.filter((n) => n.ready && n.schedulable);
  return [
    {
      id: 'cluster.kind',
      group: 'cluster',
      title: t('tClusterKind'),
      run: () => notFoundIsFail(locale, id, async () => {
        const c = await facts.cluster();
        if (c.cluster_type === 'ManagedKubernetes' && (c.profile === '' || c.profile === 'Default')) {
          const kind = c.cluster_spec === 'ack.pro.small' ? (locale === 'zh-CN' ? 'ACK 托管集群 Pro 版' : 'ACK managed cluster (Pro)') : locale === 'zh-CN' ? 'ACK 托管集群基础版' : 'ACK managed cluster (Basic)';
          return { status: 'pass', detail: t('kindOk', { name: c.name, kind }) };
        }
        return { status: 'fail', detail: t('kindFail', { name: c.name, type: c.cluster_type, profile: c.profile || '-' }) };
      }),
    },
    {
      id: 'cluster.state',
      group: 'cluster',
      title: t('tClusterState'),
      run: () => notFoundIsFail(locale, id, async () => {
        const c = await facts.cluster();
        return c.state === 'running' ? { status: 'pass', detail: t('stateOk') } : { status: 'fail', detail: t('stateFail', { state: c.state }) };
      }),
    },
    {
      id: 'cluster.version',
      group: 'cluster',
      title: t('tClusterVersion'),
      run: () => notFoundIsFail(locale, id, async () => {
        const c: ClusterDetailRecord = await facts.cluster();
        const v = majorMinor(c.current_version);
        const min = MIN_KUBERNETES.join('.');
        if (!v) throw new CannotVerify('unknownVersion', { value: c.current_version });
        return atLeast(v, MIN_KUBERNETES)
          ? { status: 'pass', detail: t('versionOk', { version: c.current_version, min }) }
          : { status: 'fail', detail: t('versionFail', { version: c.current_version, min }) };
      }),
    },
    {
      id: 'cluster.architecture',
      group: 'cluster',
      title: t('tArch'),
      run: async () => {
        let nodes: { name: string; arm: boolean; usable: boolean }[];
        try {
          nodes = (await insideNodes()).map((n) => ({ name: n.name, arm: n.arch !== '' && n.arch !== 'amd64', usable: n.ready && n.schedulable }));
        } catch {
          // The cloud's view: instance type families (g8y, c6r… are ARM).
          nodes = (await facts.csNodes())
            .filter((n) => n.instance_role !== 'Master')
            .map((n) => ({ name: n.node_name || n.instance_id, arm: isArmInstanceType(n.instance_type_family || n.instance_type), usable: n.node_status === 'Ready' }));
        }
        const x86 = nodes.filter((n) => !n.arm && n.usable);
        const arm = nodes.filter((n) => n.arm);
        if (x86.length === 0) return { status: 'fail', detail: t('archFail') };
        if (arm.length > 0) return { status: 'warn', detail: t('archMixed', { nodes: joinList(arm.map((n) => n.name), locale) }) };
        return { status: 'pass', detail: t('archOk', { count: x86.length }) };
      },
    },
    {
      id: 'cluster.capacity',
      group: 'cluster',
      title: t('tCapacity'),
      run: async () => {
        const nodes = usable(await insideNodes()).filter((n) => n.arch === '' || n.arch === 'amd64');
        const cpu = nodes.reduce((s, n) => s + n.allocatableCpuM, 0);
        const mem = nodes.reduce((s, n) => s + n.allocatableMemoryMiB, 0);
        const need = requiredCapacity(ha);
        const params = {
          cpu: cores(cpu),
          mem: GiB(mem),
          needCpu: cores(need.cpuM),
          needMem: GiB(need.memoryMiB),
          pods: joinList(need.pods, locale),
          ha: ha ? (locale === 'zh-CN' ? '开' : 'on') : locale === 'zh-CN' ? '关' : 'off',
        };
        return cpu >= need.cpuM && mem >= need.memoryMiB ? { status: 'pass', detail: t('capacityOk', params) } : { status: 'fail', detail: t('capacityFail', params) };
      },
    },
    {
      id: 'cluster.storage',
      group: 'cluster',
      title: t('tStorage'),
      run: async () => {
        const classes = await (await inside()).listStorageClasses();
        const disk = classes.filter((c) => c.name.startsWith('alicloud-disk') || c.provisioner === 'diskplugin.csi.alibabacloud.com').map((c) => c.name);
        const nas = classes.filter((c) => c.name === 'alibabacloud-cnfs-nas' || c.provisioner === 'nasplugin.csi.alibabacloud.com').map((c) => c.name);
        if (disk.length === 0) return { status: 'fail', detail: t('storageNoDisk') };
        if (nas.length === 0) return { status: 'warn', detail: t('storageNoNas', { disk: joinList(disk, locale) }) };
        return { status: 'pass', detail: t('storageOk', { disk: joinList(disk, locale), nas: joinList(nas, locale) }) };
      },
    },
    {
      id: 'cluster.ha',
      group: 'cluster',
      title: t('tHa'),
      run: async () => {
        if (!ha) return { status: 'pass', detail: t('haOff') };
        const count = usable(await insideNodes()).length;
        return count >= 2 ? { status: 'pass', detail: t('haOk', { count }) } : { status: 'warn', detail: t('haWarn', { count }) };
      },
    },
    {
      id: 'cluster.existing',
      group: 'cluster',
      title: t('tExisting'),
      run: async () => {
        const k = await inside();
        if (!(await k.namespaceExists(NAMESPACE))) return { status: 'pass', detail: t('existingNone') };
        // Known to fail (one release per cluster): blocks the order rather than asking for an acknowledgement.
        if (await k.releaseExists(NAMESPACE, RELEASE)) return { status: 'fail', detail: t('existingRelease') };
        return { status: 'warn', detail: t('existingNamespace') };
      },
    },
  ];
}
