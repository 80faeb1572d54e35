import { startCloudSim, type CloudSim, type SimAccountKeys } from '@dify-console/cloud-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudError } from '../errors/cloud-error';
import { cloudMessage } from '../errors/cloud-problem';
import { createGateways } from '../cloud/gateways';
import { sandboxCloud } from '../config/cloud';
import { CLUSTERS } from '../testing/deployments';
import { testEnv } from '../testing/harness';
import { ClusterGateway, cpuMillis, memoryMiB } from './cluster.gateway';

/** The cluster gateway against the local cloud's Kubernetes API: kubeconfig caching, 401 refetch, errors. */

let sim: CloudSim;
let account: SimAccountKeys;
let gateway: ClusterGateway;
const calls: string[] = [];

beforeAll(async () => {
  sim = await startCloudSim({ port: 0, speed: 1 });
  account = await sim.createAccount('default');
  const cloud = sandboxCloud(testEnv(), sim.endpoint, account);
  gateway = new ClusterGateway(createGateways(cloud).cs, { timeoutMs: 3000, onCall: (e) => calls.push(`${e.action}:${e.errorCode ?? 'ok'}`) });
});
afterAll(async () => {
  await sim?.close();
});

const ref = () => ({ accountId: account.accountId, regionId: 'cn-hangzhou', clusterId: CLUSTERS.basic });
const STAGING_CLUSTER = CLUSTERS.stagingNoPublicEndpoint;
const kubeconfigs = () => sim.requests({ accessKeyId: account.accessKeyId, action: 'DescribeClusterUserKubeconfig' }).length;

describe('ClusterGateway', () => {
  it('reuses one temporary kubeconfig per cluster and fetches a new one after a 401', async () => {
    const api = gateway.cluster(ref());
    expect(await api.readService('kube-system', 'kube-dns')).toMatchObject({ metadata: { name: 'kube-dns' }, spec: { type: 'ClusterIP' } });
    expect(await api.readService('kube-system', 'nope')).toBeNull();
    await api.readIngressClass('nginx');
    expect(kubeconfigs()).toBe(1);
    expect(sim.requests({ accessKeyId: account.accessKeyId, action: 'DescribeClusterUserKubeconfig' })[0]?.params).toMatchObject({ TemporaryDurationMinutes: '60' });

    // The local cloud's clock passes the kubeconfig's expiration: the cluster answers 401 once.
    sim.advance(2 * 3600_000);
    expect(await api.readService('kube-system', 'kube-dns')).not.toBeNull();
    expect(kubeconfigs()).toBe(2);
  });

  it('inspects through the same kubeconfig cache, and fetches a new one after a 401 too', async () => {
    const before = kubeconfigs();
    const view = gateway.inspect(ref());
    const nodes = await view.listNodes();
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes[0]).toMatchObject({ ready: true, allocatableCpuM: expect.any(Number) as number });
    expect(await view.namespaceExists('kube-system')).toBe(true);
    expect(await view.namespaceExists('no-such-namespace')).toBe(false);
    expect(await view.readConfigMap('kube-system', 'no-such-configmap')).toBeNull();
    // The access view's kubeconfig is still valid: no new fetch.
    expect(kubeconfigs()).toBe(before);

    sim.advance(2 * 3600_000);
    expect((await view.listStorageClasses()).length).toBeGreaterThan(0);
    expect(kubeconfigs()).toBe(before + 1);
    expect(calls).toContain('ListStorageClasses:ok');
  });

  it('answers Kubernetes failures as CloudError with the Status reason', async () => {
    const api = gateway.cluster(ref());
    const invalid = await api
      .createIngress('kube-system', { metadata: { name: 'x' }, spec: { rules: [], tls: [] }, status: { loadBalancer: { ingress: [] } } })
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: 'Kubernetes.Invalid', httpStatus: 422 });
    const backend = { service: { name: 'ack-dify', port: { number: 80 } } };
    const body = {
      metadata: { name: 'x', namespace: 'no-such-namespace' },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }], tls: [] },
      status: { loadBalancer: { ingress: [] } },
    };
    const err = await api.createIngress('no-such-namespace', body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect(err).toMatchObject({ code: 'Kubernetes.NotFound', httpStatus: 404, product: 'kubernetes', action: 'CreateIngress' });
    expect((err as CloudError).message).toMatch(/namespaces "no-such-namespace" not found/);
    expect(calls).toContain('CreateIngress:Kubernetes.NotFound');
  });
  it('a cluster without a public API endpoint: a clear CloudError at once, no kubeconfig fetched, no timeout', async () => {
    const before = kubeconfigs();
    const staging = { accountId: account.accountId, regionId: 'cn-hangzhou', clusterId: STAGING_CLUSTER };
    const err = await gateway.inspect(staging).listNodes().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CloudError);
    expect(err).toMatchObject({ code: 'Cluster.NoPublicEndpoint', httpStatus: 409 });
    expect((err as CloudError).message).toMatch(/run the console inside the cluster's VPC \(CLUSTER_API_ACCESS=intranet\), or give the API server a public endpoint/);
    expect(kubeconfigs()).toBe(before);
    expect(cloudMessage(err as CloudError, 'zh-CN')).toMatch(/在该集群所在的VPC内运行控制台.*CLUSTER_API_ACCESS=intranet.*开启公网访问/);
    expect(cloudMessage(err as CloudError, 'en')).toMatch(/run the console inside the cluster's VPC/);
  });

  it('CLUSTER_API_ACCESS=intranet asks for the intranet kubeconfig (PrivateIpAddress=true), for any cluster', async () => {
    const cloud = sandboxCloud(testEnv(), sim.endpoint, account);
    const inVpc = new ClusterGateway(createGateways(cloud).cs, { timeoutMs: 500, apiAccess: 'intranet' });
    sim.clearRequests();
    // The local cloud's intranet addresses answer inside their VPC only: the call cannot succeed here.
    await inVpc.inspect({ accountId: account.accountId, regionId: 'cn-hangzhou', clusterId: STAGING_CLUSTER }).listNodes().catch(() => null);
    const asked = sim.requests({ accessKeyId: account.accessKeyId, action: 'DescribeClusterUserKubeconfig' });
    expect(asked.map((r) => r.params.PrivateIpAddress)).toEqual(['true']);
    expect(sim.requests({ accessKeyId: account.accessKeyId, action: 'DescribeClusterDetail' })).toEqual([]);
  });

});

describe('Kubernetes quantities', () => {
  it('reads CPU as millicores and memory as MiB', () => {
    expect([cpuMillis('500m'), cpuMillis('4'), cpuMillis('1.5'), cpuMillis(undefined)]).toEqual([500, 4000, 1500, 0]);
    expect([memoryMiB('13621Mi'), memoryMiB('15000000Ki'), memoryMiB('16Gi'), memoryMiB(String(64 * 1024 * 1024)), memoryMiB('x')]).toEqual([13621, 14648, 16384, 64, 0]);
  });
});
