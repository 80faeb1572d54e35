import { X509Certificate } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { request } from 'node:http';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS } from '../fixtures/default';
import { PASSWORDS } from '../fixtures/scenario';
import { startCloudSim, type CloudSim, type SimAccountKeys } from '../index';
import { kubeFetch, kubeTls, rejectionOf, roa, rpc } from '../test-clients';

// The access entry end to end: kubeconfig from CS, the Kubernetes API driven by
// @kubernetes/client-node 1.4, the simulated cloud controller and ingress-nginx, the load
// balancers in SLB/NLB, the DNS server and the edge stand-in. Simulated time moves by advance().

let sim: CloudSim;
let me: SimAccountKeys;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;
let net: k8s.NetworkingV1Api;
let apps: k8s.AppsV1Api;
let kubeconfigYaml: string;

const ANN = 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-';

async function kubeconfig(
  keys: SimAccountKeys,
  clusterId: string,
  query: Record<string, string | number> = {},
) {
  return roa(sim.endpoint, '2015-12-15', keys).get<{ config: string; expiration: string }>(
    `/k8s/${clusterId}/user_config`,
    query,
  );
}

/** The parsed Status of a client-node ApiException. */
async function statusOf(
  p: Promise<unknown>,
): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const ex = e as { code: number; body: unknown };
    return {
      code: ex.code,
      body: typeof ex.body === 'string' ? (JSON.parse(ex.body) as Record<string, unknown>) : {},
    };
  }
  throw new Error('expected the call to fail');
}

interface Hit {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Wall ms since the request of each body chunk. */
  chunks: { at: number; text: string }[];
}

function hit(
  url: string,
  opts: { host?: string; method?: string; body?: Buffer } = {},
): Promise<Hit> {
  return new Promise((ok, fail) => {
    const started = Date.now();
    const req = request(
      url,
      {
        method: opts.method ?? 'GET',
        headers: {
          ...(opts.host ? { host: opts.host } : {}),
          ...(opts.body
            ? { 'content-length': opts.body.length, 'content-type': 'application/octet-stream' }
            : {}),
        },
      },
      (res) => {
        const chunks: Hit['chunks'] = [];
        res.on('data', (c: Buffer) =>
          chunks.push({ at: Date.now() - started, text: c.toString() }),
        );
        res.on('end', () =>
          ok({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: chunks.map((c) => c.text).join(''),
            chunks,
          }),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(opts.body);
  });
}

beforeAll(async () => {
  sim = await startCloudSim();
  me = await sim.createAccount('default');
  const res = await kubeconfig(me, IDS.ackPro, { TemporaryDurationMinutes: 4320 });
  kubeconfigYaml = res.config;
  kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfigYaml);
  core = kc.makeApiClient(k8s.CoreV1Api);
  net = kc.makeApiClient(k8s.NetworkingV1Api);
  apps = kc.makeApiClient(k8s.AppsV1Api);
});
afterAll(async () => {
  await sim.close();
});

describe('DescribeClusterUserKubeconfig and the Kubernetes API', () => {
  it('hands out a kubeconfig as ACK does: HTTPS, the cluster CA, a client certificate until the expiration', async () => {
    const res = await kubeconfig(me, IDS.ackPro, { TemporaryDurationMinutes: 60 });
    expect(res.expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(res.expiration) - sim.now()).toBeGreaterThan(59 * 60_000);
    const tls = kubeTls(res.config);
    expect(tls.server).toBe(sim.kubeApiUrl(me.accessKeyId, IDS.ackPro));
    expect(tls.server).toMatch(/^https:\/\/127\.1\.\d+\.\d+:\d+$/);
    expect(res.config).not.toContain('insecure-skip-tls-verify');
    expect(res.config).not.toContain('token');
    const ca = new X509Certificate(tls.ca);
    const cert = new X509Certificate(tls.cert);
    expect(ca.ca).toBe(true);
    expect(cert.checkIssued(ca) && cert.verify(ca.publicKey)).toBe(true);
    expect(cert.subject).toBe(`CN=${me.accountId}`);
    expect(Date.parse(cert.validTo)).toBe(Date.parse(res.expiration));
    // The same CA for every kubeconfig of the cluster; another cluster has its own.
    const again = kubeTls((await kubeconfig(me, IDS.ackPro)).config);
    expect(again.ca).toBe(tls.ca);
    expect(again.cert).not.toBe(tls.cert);
    expect(kubeTls((await kubeconfig(me, IDS.ackBasic)).config).ca).not.toBe(tls.ca);
    // master_url names the same public endpoint; PrivateIpAddress gives the intranet one.
    const detail = await roa(sim.endpoint, '2015-12-15', me).get<{ master_url: string }>(
      `/clusters/${IDS.ackPro}`,
    );
    const master = JSON.parse(detail.master_url) as Record<string, string>;
    expect(master.api_server_endpoint).toBe(tls.server);
    const intranet = kubeTls(
      (await kubeconfig(me, IDS.ackPro, { PrivateIpAddress: 'true' })).config,
    );
    expect(intranet.server).toBe(master.intranet_api_server_endpoint);
    expect(intranet.server).toMatch(/^https:\/\/(10|172|192)\.[\d.]+:6443$/);
    // A cluster without a public endpoint: master_url has none, and the kubeconfig asked for the
    // public network names the intranet endpoint (usable only inside the VPC).
    const stagingDetail = await roa(sim.endpoint, '2015-12-15', me).get<{ master_url: string }>(
      `/clusters/${IDS.ackStaging}`,
    );
    const stagingMaster = JSON.parse(stagingDetail.master_url) as Record<string, string>;
    expect(stagingMaster.api_server_endpoint).toBe('');
    expect(kubeTls((await kubeconfig(me, IDS.ackStaging)).config).server).toBe(
      stagingMaster.intranet_api_server_endpoint,
    );
    const failed = await rejectionOf(kubeconfig(me, IDS.ackFailed));
    expect(failed.code).toBe('ErrorClusterState');
    const bad = await rejectionOf(kubeconfig(me, IDS.ackPro, { TemporaryDurationMinutes: 10 }));
    expect(bad.code).toBe('InvalidParameter');
    const missing = await rejectionOf(kubeconfig(me, 'cdeadbeef'));
    expect(missing.code).toBe('ErrorClusterNotFound');
  });

  it('discovery, version, namespaces and nodes through client-node', async () => {
    const version = await kc.makeApiClient(k8s.VersionApi).getCode();
    expect(version.gitVersion).toMatch(/^v1\.\d+\.\d+-aliyun\.1$/);
    const groups = await kc.makeApiClient(k8s.ApisApi).getAPIVersions();
    expect(groups.groups.map((g) => g.name)).toEqual(
      expect.arrayContaining([
        'apps',
        'autoscaling',
        'networking.k8s.io',
        'storage.k8s.io',
        'events.k8s.io',
      ]),
    );
    const coreRes = await kc.makeApiClient(k8s.CoreV1Api).getAPIResources();
    const svc = coreRes.resources.find((r) => r.name === 'services');
    expect(svc).toMatchObject({ kind: 'Service', namespaced: true, shortNames: ['svc'] });
    expect(coreRes.resources.some((r) => r.name === 'services/status')).toBe(true);
    const netRes = await kc.makeApiClient(k8s.NetworkingV1Api).getAPIResources();
    expect(netRes.resources.map((r) => r.name)).toEqual(
      expect.arrayContaining(['ingresses', 'ingressclasses', 'ingresses/status']),
    );
    const ns = await core.listNamespace();
    expect(ns.items.map((n) => n.metadata?.name)).toEqual(
      expect.arrayContaining(['default', 'kube-system']),
    );
    const nodes = await core.listNode();
    expect(nodes.items).toHaveLength(3);
    const sc = await kc.makeApiClient(k8s.StorageV1Api).listStorageClass();
    expect(sc.items.map((s) => s.metadata?.name)).toContain('alibabacloud-cnfs-nas');
    // Terway lists the pod vSwitches (by zone) in its eni-config ConfigMap.
    const eni = await core.readNamespacedConfigMap({
      name: 'eni-config',
      namespace: 'kube-system',
    });
    const conf = JSON.parse(eni.data?.eni_conf ?? '{}') as { vswitches: Record<string, string[]> };
    expect(Object.values(conf.vswitches).flat().sort()).toEqual(
      ['vsw-bp1podj00z9x8c7v6b5n4m', 'vsw-bp1podk00q1w2e3r4t5y6u'].sort(),
    );
    expect(Object.keys(conf.vswitches)).toEqual(
      expect.arrayContaining(['cn-hangzhou-k', 'cn-hangzhou-j']),
    );
  });

  it('lists with selectors: items carry no kind/apiVersion; paging with limit/continue', async () => {
    const dns = await core.listNamespacedService({
      namespace: 'kube-system',
      labelSelector: 'k8s-app=kube-dns',
    });
    expect(dns.items.map((s) => s.metadata?.name)).toEqual(['kube-dns']);
    const byField = await core.listServiceForAllNamespaces({
      fieldSelector: 'metadata.name=kubernetes',
    });
    expect(byField.items.map((s) => s.metadata?.namespace)).toEqual(['default']);
    const notIn = await core.listNamespacedService({
      namespace: 'kube-system',
      labelSelector: 'k8s-app notin (kube-dns)',
    });
    expect(notIn.items.map((s) => s.metadata?.name)).toEqual(['metrics-server']);
    const raw = (
      await kubeFetch(kubeTls(kubeconfigYaml), '/api/v1/namespaces/kube-system/services?limit=1')
    ).json<{
      kind: string;
      apiVersion: string;
      metadata: { continue?: string; resourceVersion: string };
      items: Record<string, unknown>[];
    }>();
    expect(raw.kind).toBe('ServiceList');
    expect(raw.apiVersion).toBe('v1');
    expect(raw.items[0]).not.toHaveProperty('kind');
    expect(raw.items[0]).not.toHaveProperty('apiVersion');
    expect(raw.metadata.continue).toBeTruthy();
    const next = await core.listNamespacedService({
      namespace: 'kube-system',
      limit: 1,
      _continue: raw.metadata.continue,
    });
    expect(next.items.map((s) => s.metadata?.name)).toEqual(['metrics-server']);
  });

  it('Service CRUD: defaults, the four PATCH types, 409 on a stale update, 404/422/415 Status', async () => {
    const created = await core.createNamespacedService({
      namespace: 'default',
      body: {
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] },
      },
    });
    expect(created.spec?.clusterIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(created.spec?.ports?.[0]).toMatchObject({ protocol: 'TCP', targetPort: 80 });
    expect(created.spec?.type).toBe('ClusterIP');
    expect(created.metadata?.resourceVersion).toBeTruthy();

    const merged = await core.patchNamespacedService(
      { name: 'web', namespace: 'default', body: { metadata: { labels: { tier: 'front' } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    expect(merged.metadata?.labels).toEqual({ app: 'web', tier: 'front' });
    expect(Number(merged.metadata?.resourceVersion)).toBeGreaterThan(
      Number(created.metadata?.resourceVersion),
    );

    const strategic = await core.patchNamespacedService(
      {
        name: 'web',
        namespace: 'default',
        body: { spec: { ports: [{ name: 'https', port: 443 }] } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
    );
    expect(strategic.spec?.ports?.map((p) => p.port)).toEqual([80, 443]);

    const mergeReplacesLists = await core.patchNamespacedService(
      {
        name: 'web',
        namespace: 'default',
        body: { spec: { ports: [{ name: 'http', port: 8080 }] } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    expect(mergeReplacesLists.spec?.ports?.map((p) => p.port)).toEqual([8080]);
    expect(mergeReplacesLists.spec?.clusterIP).toBe(created.spec?.clusterIP);

    const jsonPatched = await core.patchNamespacedService({
      name: 'web',
      namespace: 'default',
      body: [{ op: 'add', path: '/metadata/annotations', value: { 'example.com/owner': 'me' } }],
    });
    expect(jsonPatched.metadata?.annotations).toEqual({ 'example.com/owner': 'me' });
    const failedTest = await statusOf(
      core.patchNamespacedService({
        name: 'web',
        namespace: 'default',
        body: [{ op: 'test', path: '/spec/type', value: 'NodePort' }],
      }),
    );
    expect(failedTest.code).toBe(422);

    const applied = await core.patchNamespacedService(
      {
        name: 'applied',
        namespace: 'default',
        fieldManager: 'dify-console',
        body: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'applied' },
          spec: { ports: [{ port: 5001 }] },
        },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.ServerSideApply),
    );
    expect(applied.spec?.ports?.[0]?.port).toBe(5001);
    const reapplied = await core.patchNamespacedService(
      {
        name: 'applied',
        namespace: 'default',
        fieldManager: 'dify-console',
        body: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'applied', labels: { a: 'b' } },
          spec: { ports: [{ port: 5001 }] },
        },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.ServerSideApply),
    );
    expect(reapplied.metadata?.labels).toEqual({ a: 'b' });
    expect(reapplied.metadata?.uid).toBe(applied.metadata?.uid);
    const noManager = await statusOf(
      core.patchNamespacedService(
        {
          name: 'applied',
          namespace: 'default',
          body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'applied' } },
        },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.ServerSideApply),
      ),
    );
    expect(noManager.code).toBe(422);

    // A stale resourceVersion on PUT → 409 Conflict.
    const stale = { ...created, metadata: { ...created.metadata, labels: { app: 'stale' } } };
    const conflict = await statusOf(
      core.replaceNamespacedService({ name: 'web', namespace: 'default', body: stale }),
    );
    expect(conflict.code).toBe(409);
    expect(conflict.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Conflict',
      details: { name: 'web', kind: 'services' },
    });

    const current = await core.readNamespacedService({ name: 'web', namespace: 'default' });
    const replaced = await core.replaceNamespacedService({
      name: 'web',
      namespace: 'default',
      body: { ...current, metadata: { ...current.metadata, labels: { app: 'web', v: '2' } } },
    });
    expect(replaced.metadata?.labels).toEqual({ app: 'web', v: '2' });

    const immutable = await statusOf(
      core.patchNamespacedService(
        { name: 'web', namespace: 'default', body: { spec: { clusterIP: '10.9.9.9' } } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
      ),
    );
    expect(immutable.code).toBe(422);
    expect(immutable.body).toMatchObject({
      reason: 'Invalid',
      details: { kind: 'Service', causes: [{ field: 'spec.clusterIP' }] },
    });
    expect(String(immutable.body.message)).toContain('field is immutable');

    const missing = await statusOf(
      core.readNamespacedService({ name: 'nope', namespace: 'default' }),
    );
    expect(missing.code).toBe(404);
    expect(missing.body).toMatchObject({
      reason: 'NotFound',
      message: 'services "nope" not found',
      details: { name: 'nope', kind: 'services' },
    });

    const unsupported = await kubeFetch(
      kubeTls(kubeconfigYaml),
      '/api/v1/namespaces/default/services/web',
      { method: 'PATCH', headers: { 'content-type': 'text/plain' }, body: '{}' },
    );
    expect(unsupported.status).toBe(415);
    expect(unsupported.json<{ reason: string }>().reason).toBe('UnsupportedMediaType');

    const deleted = await core.deleteNamespacedService({ name: 'applied', namespace: 'default' });
    expect(deleted.metadata?.name).toBe('applied');
    const gone = await statusOf(
      core.readNamespacedService({ name: 'applied', namespace: 'default' }),
    );
    expect(gone.code).toBe(404);
  });

  it('Secrets: kubernetes.io/tls needs tls.crt and tls.key; Deployments and HPAs are read-only', async () => {
    const invalid = await statusOf(
      core.createNamespacedSecret({
        namespace: 'default',
        body: {
          metadata: { name: 'tls' },
          type: 'kubernetes.io/tls',
          data: { 'tls.crt': Buffer.from('x').toString('base64') },
        },
      }),
    );
    expect(invalid.code).toBe(422);
    expect(invalid.body).toMatchObject({
      reason: 'Invalid',
      details: { causes: [{ field: 'data[tls.key]' }] },
    });
    const ok = await core.createNamespacedSecret({
      namespace: 'default',
      body: {
        metadata: { name: 'tls' },
        type: 'kubernetes.io/tls',
        stringData: { 'tls.crt': 'c', 'tls.key': 'k' },
      },
    });
    expect(ok.data).toEqual({ 'tls.crt': 'Yw==', 'tls.key': 'aw==' });
    const status = await core.deleteNamespacedSecret({ name: 'tls', namespace: 'default' });
    expect(status).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'tls', kind: 'secrets' },
    });
    const deployments = await apps.listDeploymentForAllNamespaces();
    expect(Array.isArray(deployments.items)).toBe(true);
    const denied = await statusOf(
      apps.createNamespacedDeployment({ namespace: 'default', body: { metadata: { name: 'x' } } }),
    );
    expect(denied.code).toBe(405);
  });

  it("401 without a client certificate, with another cluster's, a self-made or an expired one", async () => {
    const mine = kubeTls(kubeconfigYaml);
    const anonymous = await kubeFetch({ server: mine.server, ca: mine.ca }, '/api/v1/namespaces');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    // A bearer token is no credential here.
    const bearer = await kubeFetch({ server: mine.server, ca: mine.ca }, '/api/v1/namespaces', {
      headers: { authorization: 'Bearer anything' },
    });
    expect(bearer.status).toBe(401);
    const other = kubeTls((await kubeconfig(me, IDS.ackBasic)).config);
    expect(
      (await kubeFetch({ ...mine, cert: other.cert, key: other.key }, '/api/v1/namespaces')).status,
    ).toBe(401);
    // Another account's kubeconfig for the same cluster id: another cluster, another CA.
    const stranger = await sim.createAccount('default');
    const theirs = kubeTls((await kubeconfig(stranger, IDS.ackPro)).config);
    expect(theirs.ca).not.toBe(mine.ca);
    expect(
      (await kubeFetch({ ...mine, cert: theirs.cert, key: theirs.key }, '/api/v1/namespaces'))
        .status,
    ).toBe(401);
    // The server's certificate is verified: another cluster's CA does not trust it.
    await expect(kubeFetch({ ...mine, ca: other.ca }, '/api/v1/namespaces')).rejects.toThrow();

    const short = await kubeconfig(me, IDS.ackPro, { TemporaryDurationMinutes: 15 });
    const skc = new k8s.KubeConfig();
    skc.loadFromString(short.config);
    const api = skc.makeApiClient(k8s.CoreV1Api);
    expect((await api.listNamespace()).items.length).toBeGreaterThan(0);
    sim.advance(16 * 60_000);
    const expired = await statusOf(api.listNamespace());
    expect(expired.code).toBe(401);
    // The long-lived kubeconfig still works.
    expect((await core.listNamespace()).items.length).toBeGreaterThan(0);
  });
});

describe('cloud controller: Service type LoadBalancer', () => {
  it('gets a CLB address after the delay, shows in SLB, refuses an address-type change, releases on switch back', async () => {
    await core.createNamespacedService({
      namespace: 'default',
      body: {
        metadata: { name: 'lbtest' },
        spec: { selector: { app: 'x' }, ports: [{ port: 80 }] },
      },
    });
    const patched = await core.patchNamespacedService(
      {
        name: 'lbtest',
        namespace: 'default',
        body: {
          metadata: { annotations: { [`${ANN}address-type`]: 'intranet' } },
          spec: { type: 'LoadBalancer' },
        },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    const nodePort = patched.spec?.ports?.[0]?.nodePort ?? 0;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    expect(patched.spec?.externalTrafficPolicy).toBe('Cluster');
    expect(patched.status?.loadBalancer?.ingress).toBeUndefined();

    sim.advance(10_000);
    expect(
      (await core.readNamespacedService({ name: 'lbtest', namespace: 'default' })).status
        ?.loadBalancer?.ingress,
    ).toBeUndefined();
    sim.advance(20_000);
    const served = await core.readNamespacedService({ name: 'lbtest', namespace: 'default' });
    const ip = served.status?.loadBalancer?.ingress?.[0]?.ip ?? '';
    expect(ip).toMatch(/^127\.0\.1\d\d\.\d+$/);
    expect(served.metadata?.finalizers).toEqual(['service.k8s.alibaba/resources']);
    const lbId = served.metadata?.labels?.['service.k8s.alibaba/loadbalancer-id'] ?? '';
    expect(lbId).toMatch(/^lb-/);
    const events = await core.listNamespacedEvent({
      namespace: 'default',
      fieldSelector: 'involvedObject.name=lbtest',
    });
    expect(events.items.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']),
    );

    const slb = rpc(sim.endpoint, '2014-05-15', me);
    const listed = await slb.request<{
      TotalCount: number;
      LoadBalancers: { LoadBalancer: Record<string, unknown>[] };
    }>('DescribeLoadBalancers', { RegionId: 'cn-hangzhou' }, { method: 'POST' });
    expect(listed.TotalCount).toBe(1);
    expect(listed.LoadBalancers.LoadBalancer[0]).toMatchObject({
      LoadBalancerId: lbId,
      Address: ip,
      AddressType: 'intranet',
      VpcId: IDS.vpcProd,
    });

    // CLB address type cannot change once created.
    await core.patchNamespacedService(
      {
        name: 'lbtest',
        namespace: 'default',
        body: { metadata: { annotations: { [`${ANN}address-type`]: 'internet' } } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    const failed = await core.listNamespacedEvent({
      namespace: 'default',
      fieldSelector: 'involvedObject.name=lbtest,reason=SyncLoadBalancerFailed',
    });
    expect(failed.items[0]?.message).toContain(
      'can not change LoadBalancer AddressType once created',
    );
    expect(failed.items[0]?.type).toBe('Warning');

    const back = await core.patchNamespacedService(
      { name: 'lbtest', namespace: 'default', body: { spec: { type: 'ClusterIP' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    expect(back.status?.loadBalancer).toEqual({});
    expect(back.metadata?.finalizers).toBeUndefined();
    expect(back.spec?.ports?.[0]?.nodePort).toBeUndefined();
    expect(back.spec?.externalTrafficPolicy).toBeUndefined();
    const after = await slb.request<{ TotalCount: number }>(
      'DescribeLoadBalancers',
      { RegionId: 'cn-hangzhou' },
      { method: 'POST' },
    );
    expect(after.TotalCount).toBe(0);
    await core.deleteNamespacedService({ name: 'lbtest', namespace: 'default' });
  });

  it('an NLB Service without zone-maps fails with SyncLoadBalancerFailed; delete waits for the finalizer', async () => {
    await core.createNamespacedService({
      namespace: 'default',
      body: {
        metadata: { name: 'nlbbad' },
        spec: {
          type: 'LoadBalancer',
          loadBalancerClass: 'alibabacloud.com/nlb',
          ports: [{ port: 80 }],
        },
      },
    });
    sim.advance(40_000);
    const ev = await core.listNamespacedEvent({
      namespace: 'default',
      fieldSelector: 'involvedObject.name=nlbbad,reason=SyncLoadBalancerFailed',
    });
    expect(ev.items[0]?.message).toContain('zone-maps');
    const s = await core.readNamespacedService({ name: 'nlbbad', namespace: 'default' });
    expect(s.status?.loadBalancer?.ingress).toBeUndefined();
    const cls = await statusOf(
      core.patchNamespacedService(
        {
          name: 'nlbbad',
          namespace: 'default',
          body: { spec: { loadBalancerClass: 'other.io/lb' } },
        },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
      ),
    );
    expect(cls.code).toBe(422);
    await core.deleteNamespacedService({ name: 'nlbbad', namespace: 'default' });
    expect(
      (await statusOf(core.readNamespacedService({ name: 'nlbbad', namespace: 'default' }))).code,
    ).toBe(404);
  });
});

const GOOD = {
  RegionId: 'cn-hangzhou',
  VpcId: IDS.vpcProd,
  ClusterId: IDS.ackPro,
  PgInstanceId: IDS.pg16,
  PostgresSQLUserName: 'postgres',
  PostgresSQLPassword: PASSWORDS.postgresSuper,
  RedisInstanceId: IDS.redis70,
  RedisInstancePassword: PASSWORDS.redis,
  MilvusInternalAddress: `${IDS.milvus25}-internal.milvus.aliyuncs.com`,
  MilvusUser: 'root',
  MilvusPassword: PASSWORDS.milvusRoot,
  HPAOption: true,
};

describe('nginx Ingress add-on, DNS and the edge stand-in', () => {
  it('install → IngressClass + NLB hostname resolved by the local DNS; Ingress address; Dify through LB and Ingress', async () => {
    const cs = roa(sim.endpoint, '2015-12-15', me);
    const list = await cs.get<{ addons: { name: string }[] }>(
      `/clusters/${IDS.ackPro}/addon_instances`,
    );
    expect(list.addons.map((a) => a.name)).not.toContain('nginx-ingress-controller');
    const notInstalled = await rejectionOf(
      cs.get(`/clusters/${IDS.ackPro}/addon_instances/nginx-ingress-controller`),
    );
    expect(notInstalled.code).toBe('AddonNotFound');
    const catalog = await cs.get<{ addons: { name: string; version: string }[] }>('/addons', {
      cluster_id: IDS.ackPro,
    });
    const version =
      catalog.addons.find((a) => a.name === 'nginx-ingress-controller')?.version ?? '';
    expect(version).not.toBe('');
    const install = await cs.post<{ cluster_id: string; task_id: string; request_id: string }>(
      `/clusters/${IDS.ackPro}/components/install`,
      {},
      JSON.stringify([
        {
          name: 'nginx-ingress-controller',
          version,
          config: JSON.stringify({ IngressSlbNetworkType: 'internet' }),
        },
      ]),
      { 'content-type': 'application/json' },
    );
    expect(install.cluster_id).toBe(IDS.ackPro);
    const task = () =>
      cs.get<{ state: string; stages: { state: string }[] }>(`/tasks/${install.task_id}`);
    expect((await task()).state).toBe('running');
    sim.advance(50_000);
    expect((await task()).state).toBe('success');
    const addon = await cs.get<{ state: string; config: string }>(
      `/clusters/${IDS.ackPro}/addon_instances/nginx-ingress-controller`,
    );
    expect(addon.state).toBe('active');
    const classes = await net.listIngressClass();
    expect(classes.items.map((c) => [c.metadata?.name, c.spec?.controller])).toEqual([
      ['nginx', 'k8s.io/ingress-nginx'],
    ]);

    sim.advance(40_000);
    const lbSvc = await core.readNamespacedService({
      name: 'nginx-ingress-lb',
      namespace: 'kube-system',
    });
    const hostname = lbSvc.status?.loadBalancer?.ingress?.[0]?.hostname ?? '';
    expect(hostname).toMatch(/^nlb-[a-z0-9]+\.cn-hangzhou\.nlb\.aliyuncs\.com$/);
    expect(lbSvc.metadata?.finalizers).toEqual(['service.k8s.alibaba/nlb']);
    const resolver = new Resolver();
    resolver.setServers([sim.dnsServer]);
    const [address = ''] = await resolver.resolve4(hostname);
    expect(address).toMatch(/^127\.0\.1\d\d\.\d+$/);
    await expect(resolver.resolve4('nothing.example.invalid')).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
    const nlb = await rpc(sim.endpoint, '2022-04-30', me).request<{
      LoadBalancers: { DNSName: string; AddressType: string }[];
    }>('ListLoadBalancers', { RegionId: 'cn-hangzhou' }, { method: 'POST' });
    expect(nlb.LoadBalancers).toEqual([
      expect.objectContaining({ DNSName: hostname, AddressType: 'Internet' }),
    ]);
    // RegionId is optional in ListLoadBalancers (the SDK model): every region's are listed.
    const anyRegion = await rpc(sim.endpoint, '2022-04-30', me).request<{
      LoadBalancers: { DNSName: string }[];
    }>('ListLoadBalancers', {}, { method: 'POST' });
    expect(anyRegion.LoadBalancers.map((lb) => lb.DNSName)).toEqual([hostname]);

    const ingress = (host: string, annotations: Record<string, string> = {}) =>
      net.createNamespacedIngress({
        namespace: 'default',
        body: {
          metadata: { name: host.split('.')[0] ?? host, annotations },
          spec: {
            ingressClassName: 'nginx',
            rules: [
              {
                host,
                http: {
                  paths: [
                    {
                      path: '/',
                      pathType: 'Prefix',
                      backend: { service: { name: 'ack-dify', port: { number: 80 } } },
                    },
                  ],
                },
              },
            ],
          },
        },
      });
    const noPathType = await statusOf(
      net.createNamespacedIngress({
        namespace: 'default',
        body: {
          metadata: { name: 'bad' },
          spec: {
            rules: [
              {
                host: 'a.example.local',
                http: {
                  paths: [
                    {
                      path: '/',
                      backend: { service: { name: 'x', port: { number: 80 } } },
                    } as k8s.V1HTTPIngressPath,
                  ],
                },
              },
            ],
          },
        },
      }),
    );
    expect(noPathType.code).toBe(422);
    expect(noPathType.body).toMatchObject({
      details: { causes: [{ field: 'spec.rules[0].http.paths[0].pathType' }] },
    });
    // An Ingress in `default` routes to a Service there: nothing runs → 503.
    await ingress('early.example.local');
    const early = await hit(`http://${address}:${sim.edgePort}/install`, {
      host: 'early.example.local',
    });
    expect(early.status).toBe(503);
    const nowhere = await hit(`http://${address}:${sim.edgePort}/install`, {
      host: 'unknown.example.local',
    });
    expect(nowhere.status).toBe(404);
    expect(nowhere.body).toContain('<center>nginx</center>');
    const delStatus = await net.deleteNamespacedIngress({ name: 'early', namespace: 'default' });
    expect(delStatus).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'early', group: 'networking.k8s.io', kind: 'ingresses' },
    });

    // Deploy Dify with Compute Nest and let it finish.
    const created = await rpc(sim.endpoint, '2021-06-01', me).request<{
      ServiceInstanceId: string;
    }>(
      'CreateServiceInstance',
      {
        RegionId: 'cn-hangzhou',
        ServiceId: 'service-c8afb895dd314f70a020',
        TemplateName: '高可用版-已有资源',
        Parameters: JSON.stringify(GOOD),
      },
      { method: 'POST' },
    );
    expect(created.ServiceInstanceId).toMatch(/^si-/);
    sim.advance(15 * 60_000);
    const proxy = await apps.readNamespacedDeployment({
      name: 'ack-dify-proxy',
      namespace: 'dify-system',
    });
    expect(proxy.status?.readyReplicas).toBeGreaterThan(0);

    const ingressIn = (name: string, host: string, annotations: Record<string, string> = {}) =>
      net.createNamespacedIngress({
        namespace: 'dify-system',
        body: {
          metadata: { name, annotations },
          spec: {
            ingressClassName: 'nginx',
            rules: [
              {
                host,
                http: {
                  paths: [
                    {
                      path: '/',
                      pathType: 'Prefix',
                      backend: { service: { name: 'ack-dify', port: { number: 80 } } },
                    },
                  ],
                },
              },
            ],
          },
        },
      });
    await ingressIn('ack-dify-nginx', 'dify.example.local');
    await ingressIn('ack-dify-open', 'open.example.local', {
      'nginx.ingress.kubernetes.io/proxy-body-size': '100m',
      'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
    });
    const ing = await net.readNamespacedIngress({
      name: 'ack-dify-nginx',
      namespace: 'dify-system',
    });
    expect(ing.status?.loadBalancer?.ingress).toEqual([{ hostname }]);

    const page = await hit(`http://${hostname.length > 0 ? address : ''}:${sim.edgePort}/install`, {
      host: 'dify.example.local',
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Dify</title>');
    expect(page.body).toContain('data-testid="dify-install"');
    expect(page.body).toContain('Setting up an admin account');

    const twoMb = Buffer.alloc(2 * 1024 * 1024, 1);
    const tooBig = await hit(`http://${address}:${sim.edgePort}/console/api/files/upload`, {
      host: 'dify.example.local',
      method: 'POST',
      body: twoMb,
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toContain('413 Request Entity Too Large');
    const fits = await hit(`http://${address}:${sim.edgePort}/console/api/files/upload`, {
      host: 'open.example.local',
      method: 'POST',
      body: twoMb,
    });
    expect(fits.status).toBe(201);
    expect(JSON.parse(fits.body)).toMatchObject({ size: twoMb.length });

    // SSE: lumped at the end through the default (buffering) Ingress, spread with buffering off.
    const probe = '/console/api/stream-probe?events=5&interval=200';
    const [lumped, spread] = await Promise.all([
      hit(`http://${address}:${sim.edgePort}${probe}`, { host: 'dify.example.local' }),
      hit(`http://${address}:${sim.edgePort}${probe}`, { host: 'open.example.local' }),
    ]);
    for (const r of [lumped, spread]) {
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toContain('text/event-stream');
      expect(r.body.match(/^data: /gm)).toHaveLength(5);
    }
    const dataChunks = (r: Hit) => r.chunks.filter((c) => c.text.includes('data: '));
    expect(dataChunks(lumped)).toHaveLength(1);
    expect(dataChunks(lumped)[0]?.at).toBeGreaterThanOrEqual(700);
    expect(dataChunks(spread).length).toBeGreaterThanOrEqual(4);
    // The first event arrives long before the last (a wide margin: the machine may be busy).
    expect(dataChunks(spread)[0]?.at).toBeLessThan(600);

    // The LB entry: ack-dify as a LoadBalancer → Dify's nginx directly (15m, no buffering).
    await core.patchNamespacedService(
      { name: 'ack-dify', namespace: 'dify-system', body: { spec: { type: 'LoadBalancer' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
    );
    sim.advance(30_000);
    const dify = await core.readNamespacedService({ name: 'ack-dify', namespace: 'dify-system' });
    const ip = dify.status?.loadBalancer?.ingress?.[0]?.ip ?? '';
    expect(ip).toMatch(/^127\.0\.1\d\d\.\d+$/);
    expect(ip).not.toBe(address);
    const direct = await hit(`http://${ip}:${sim.edgePort}/install`);
    expect(direct.status).toBe(200);
    expect(direct.body).toContain('data-testid="dify-install"');
    const upload = await hit(`http://${ip}:${sim.edgePort}/console/api/files/upload`, {
      method: 'POST',
      body: twoMb,
    });
    expect(upload.status).toBe(201);

    const view = sim.edge() as {
      entries: { address: string; entry: string; ingressHosts: string[] }[];
      hostResolverRules: string;
    };
    expect(view.entries.find((e) => e.entry === 'ingress')?.ingressHosts).toEqual([
      'dify.example.local',
      'open.example.local',
    ]);
    expect(view.hostResolverRules).toContain(`MAP dify.example.local ${address}`);

    // A silence longer than the read timeout (simulated time): 504 from the Ingress.
    sim.setSpeed(1000);
    const timedOut = await hit(
      `http://${address}:${sim.edgePort}/console/api/stream-probe?events=1&wait=200`,
      { host: 'dify.example.local' },
    );
    sim.setSpeed(1);
    expect(timedOut.status).toBe(504);
  });
});
