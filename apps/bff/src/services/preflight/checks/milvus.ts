import { hostOf, type CheckContext, type CheckDef } from '../check';
import { atLeast, HYBRID_MILVUS, majorMinor, MIN_MILVUS } from '../dify-needs';

/** The picked Milvus: found, running, its version, and the endpoint is the instance's own. */
export function milvusChecks({ request, t, facts }: CheckContext): CheckDef[] {
  const { regionId, parameters: p } = request;
  return [
    {
      id: 'milvus.instance',
      group: 'milvus',
      title: t('tMilvusInstance'),
      run: async () => {
        const m = await facts.milvus();
        if (!m) {
          return p.milvusInstanceId
            ? { status: 'fail', detail: t('milvusNotFound', { regionId, id: p.milvusInstanceId }) }
            : { status: 'warn', detail: t('milvusUnknown', { regionId, endpoint: p.milvusEndpoint }) };
        }
        if (m.InstanceStatus !== 'running') return { status: 'fail', detail: t('milvusState', { state: m.InstanceStatus }) };
        const v = majorMinor(m.Version);
        if (v && !atLeast(v, MIN_MILVUS)) return { status: 'fail', detail: t('milvusOld', { version: m.Version, min: MIN_MILVUS.join('.') }) };
        if (v && !atLeast(v, HYBRID_MILVUS)) return { status: 'pass', detail: t('milvusNoHybrid', { version: m.Version }) };
        return { status: 'pass', detail: t('milvusOk', { version: m.Version }) };
      },
    },
    {
      id: 'milvus.endpoint',
      group: 'milvus',
      title: t('tMilvusEndpoint'),
      run: async () => {
        const m = await facts.milvus();
        if (!m) return { status: 'warn', detail: t('milvusUnknown', { regionId, endpoint: p.milvusEndpoint }) };
        const expected = hostOf(m.ClusterInfo?.IntranetUrl ?? '');
        const given = hostOf(p.milvusEndpoint);
        if (expected && given !== expected) return { status: 'fail', detail: t('endpointMismatch', { endpoint: p.milvusEndpoint, id: m.InstanceId, expected }) };
        return { status: 'pass', detail: t('endpointOk', { endpoint: p.milvusEndpoint, id: m.InstanceId }) };
      },
    },
  ];
}
