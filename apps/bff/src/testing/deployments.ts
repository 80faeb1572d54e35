import type { FastifyInstance } from 'fastify';
import type { DeploymentDetail } from '@dify-console/shared/api/deployments';
import { isFinalStatus } from '@dify-console/shared/domain/deployment-status';

/** Deployment-test helpers against the local cloud's default scenario (FIXTURES.md). */

export const SIM_PASSWORDS = {
  postgres: 'Dify#Postgres2026',
  app: 'Dify#App2026',
  redis: 'Dify_Redis2026',
  milvus: 'Dify#Milvus2026',
};

export const GOOD_PARAMETERS = {
  vpcId: 'vpc-bp1dfyprod7q2w5e8r1t4y',
  clusterId: 'c900cca321576a513b7afa8ad1175dc21',
  postgresInstanceId: 'pgm-bp1dfypg16i6j7k8l',
  postgresAccount: 'postgres',
  postgresPassword: SIM_PASSWORDS.postgres,
  redisInstanceId: 'r-bp1dfyredis70c5d6e7',
  redisPassword: SIM_PASSWORDS.redis,
  milvusInstanceId: 'c-5f2a9d7e31b84c06',
  milvusEndpoint: 'c-5f2a9d7e31b84c06-internal.milvus.aliyuncs.com',
  milvusUser: 'root',
  milvusPassword: SIM_PASSWORDS.milvus,
  highAvailability: true,
};

/** Running clusters of the main VPC: one Dify release per cluster (the release name is fixed). */
export const CLUSTERS = {
  pro: 'c900cca321576a513b7afa8ad1175dc21',
  basic: 'c603d86c0ed3128c7b799b0a92a90b860',
  /** ACK Pro in state failed: an order naming it is refused before anything is created. */
  failed: 'c9759b4b6edf3b8b112722088d5278934',
  /** ACK Pro with one node, eligible: where the tests send the deployments meant to fail. */
  single: 'ca818a7582f9972eacb159a0cb7a2a16e',
  /** staging-ack-pro (another VPC): its API server has no public endpoint. */
  stagingNoPublicEndpoint: 'c99fbf29c1e52e7d41b9fd93da25246a2',
};

/** Accepted by the order (every pick usable) but fails when Dify starts: the password is wrong. */
export const FAILING = { clusterId: CLUSTERS.single, highAvailability: false, postgresPassword: 'Wrong#Pass2026' };

export function orderBody(
  name: string,
  clientToken: string,
  parameters: Partial<typeof GOOD_PARAMETERS> = {},
): { clientToken: string; regionId: string; templateName: string; name: string; parameters: typeof GOOD_PARAMETERS; templateParameters?: Record<string, unknown>; serviceVersion?: string } {
  return {
    clientToken,
    regionId: 'cn-hangzhou',
    templateName: '高可用版-已有资源',
    name,
    parameters: { ...GOOD_PARAMETERS, ...parameters },
  };
}

export async function order(app: FastifyInstance, body: ReturnType<typeof orderBody> & { resourceGroupId?: string; tags?: { key: string; value: string }[] }, lang = 'en') {
  return app.inject({ method: 'POST', url: '/api/v1/deployments', payload: body, headers: { 'accept-language': lang } });
}

/** Polls the detail until a final status (no fixed sleeps), within a deadline. */
export async function untilFinal(app: FastifyInstance, instanceId: string, lang = 'en', deadlineMs = 15_000): Promise<DeploymentDetail> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const res = await app.inject({ url: `/api/v1/deployments/${instanceId}`, headers: { 'accept-language': lang } });
    if (res.statusCode !== 200) throw new Error(`detail answered ${res.statusCode}: ${res.body}`);
    const detail = res.json<DeploymentDetail>();
    if (isFinalStatus(detail.status)) return detail;
    if (Date.now() > deadline) throw new Error(`still ${detail.status} at the deadline`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
