import { notFoundIsFail, type CheckContext, type CheckDef, type Outcome } from '../check';

/** The cluster and every picked instance sit in the chosen VPC. */
export function topologyChecks({ request, locale, t, facts }: CheckContext): CheckDef[] {
  const p = request.parameters;
  const vpcId = p.vpcId;
  const judge = (name: string, actual: string): Outcome =>
    actual === vpcId ? { status: 'pass', detail: t('topologyOk', { name, vpcId }) } : { status: 'fail', detail: t('topologyFail', { name, actual: actual || '?', vpcId }) };
  const kind = (zh: string, en: string) => t('tTopology', { kind: locale === 'zh-CN' ? zh : en });
  return [
    {
      id: 'topology.cluster',
      group: 'topology',
      title: kind('ACK 集群', 'ACK cluster'),
      run: async () =>
        notFoundIsFail(locale, p.clusterId, async () => {
          const c = await facts.cluster();
          return judge(`${c.name} (${c.cluster_id})`, c.vpc_id);
        }),
    },
    {
      id: 'topology.postgres',
      group: 'topology',
      title: kind('PostgreSQL', 'PostgreSQL'),
      run: async () =>
        notFoundIsFail(locale, p.postgresInstanceId, async () => {
          const d = await facts.postgres();
          return judge(d.DBInstanceId, d.VpcId);
        }),
    },
    {
      id: 'topology.redis',
      group: 'topology',
      title: kind('Redis', 'Redis'),
      run: async () =>
        notFoundIsFail(locale, p.redisInstanceId, async () => {
          const r = await facts.redis();
          return judge(r.InstanceId, r.VpcId);
        }),
    },
    {
      id: 'topology.milvus',
      group: 'topology',
      title: kind('Milvus', 'Milvus'),
      run: async () => {
        const m = await facts.milvus();
        if (!m) return { status: 'warn', detail: t('milvusUnknown', { regionId: request.regionId, endpoint: p.milvusEndpoint }) };
        return judge(`${m.ClusterName || m.InstanceId} (${m.InstanceId})`, m.VpcId);
      },
    },
  ];
}
