import { startCloudSim, type CloudSim, type KubeObject, type SimAccountKeys } from '@dify-console/cloud-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessState } from '@dify-console/shared/api/access';
import { makeTestCerts, type TestCerts } from '../testing/certs';
import { CLUSTERS, FAILING, order, orderBody, untilFinal } from '../testing/deployments';
import { appOn, recordBodies, type LogCapture } from '../testing/harness';

/**
 * The access entry end to end through app.inject, against an in-process local cloud: its
 * Kubernetes API, CS add-ons, cloud controller, Dify edge stand-in and DNS server.
 */

const HOST = 'dify.example.local';
let sim: CloudSim;
let account: SimAccountKeys;
let app: FastifyInstance;
let logs: LogCapture;
let certs: TestCerts;
let instanceId: string;
let failedId: string;
const bodies: string[] = [];

beforeAll(async () => {
  certs = makeTestCerts(HOST);
  sim = await startCloudSim({ port: 0, speed: 2000 });
  account = await sim.createAccount('default');
  ({ app, logs } = await appOn({ endpoint: sim.endpoint, ...account, sim }, { env: { LOG_LEVEL: 'trace', CLOUD_TIMEOUT_MS: '3000' } }));
  recordBodies(app, bodies);

  const ok = await order(app, orderBody('dify-access', 'access-token-000001', { clusterId: CLUSTERS.pro }));
  const bad = await order(app, orderBody('dify-access-failed', 'access-token-000002', FAILING));
  expect([ok.statusCode, bad.statusCode]).toEqual([200, 200]);
  instanceId = ok.json<{ instanceId: string }>().instanceId;
  failedId = bad.json<{ instanceId: string }>().instanceId;
  expect((await untilFinal(app, instanceId)).status).toBe('Deployed');
  expect((await untilFinal(app, failedId)).status).toBe('DeployedFailed');
  // From here on simulated time moves only when a test advances it.
  sim.setSpeed(1);
}, 30_000);
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

const url = () => `/api/v1/deployments/${instanceId}/access`;
const getAccess = async (lang = 'en') => {
  const res = await app.inject({ url: url(), headers: { 'accept-language': lang } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AccessState>();
};
const putAccess = (payload: unknown, lang = 'en') => app.inject({ method: 'PUT', url: url(), payload: payload as object, headers: { 'accept-language': lang } });

/** GET until the checks are no longer pending (they run in the background). */
async function untilChecked(deadlineMs = 10_000): Promise<AccessState> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const s = await getAccess();
    if (s.checks.length > 0 && s.checks.every((c) => c.status !== 'pending')) return s;
    if (Date.now() > deadline) throw new Error(`checks still pending: ${JSON.stringify(s.checks)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const objects = (): KubeObject[] => sim.clusterObjects(account.accessKeyId, CLUSTERS.pro) ?? [];
const find = (kind: string, namespace: string, name: string) =>
  objects().find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);
const kubeWrites = () => sim.requests({ accessKeyId: account.accessKeyId }).filter((r) => r.product === 'Kubernetes' && r.method !== 'GET');

describe('GET/PUT /api/v1/deployments/:instanceId/access', () => {
  it('answers 404 for an unknown deployment and 409 for one that is not Deployed', async () => {
    const unknown = await app.inject({ url: '/api/v1/deployments/si-0000000000000000/access', headers: { 'accept-language': 'en' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('DeploymentNotFound');
    const notDeployed = await app.inject({ url: `/api/v1/deployments/${failedId}/access`, headers: { 'accept-language': 'en' } });
    expect(notDeployed.statusCode).toBe(409);
    expect(notDeployed.json()).toMatchObject({ code: 'DeploymentNotDeployed', message: expect.stringMatching(/DeployedFailed.*once it is Deployed/) });
    const put = await app.inject({ method: 'PUT', url: `/api/v1/deployments/${failedId}/access`, payload: { kind: 'loadBalancer', addressType: 'internet' } });
    expect(put.statusCode).toBe(409);
  });

  it('starts with no entry (Service ack-dify is ClusterIP)', async () => {
    const s = await getAccess();
    expect(s).toMatchObject({ kind: 'none', state: 'none', address: null, url: null, addon: { installed: false } });
  });

  it('refuses an Ingress without the add-on unless the user agrees to install it (409, nothing written)', async () => {
    const before = kubeWrites().length;
    const res = await putAccess({ kind: 'ingress', host: HOST });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'IngressAddonMissing',
      message: 'The nginx Ingress add-on is not installed; agree to install it',
      issues: [{ path: ['installAddon'], message: expect.stringMatching(/nginx-ingress-controller/) }],
    });
    const zh = await putAccess({ kind: 'ingress', host: HOST }, 'zh-CN');
    expect(zh.json().message).toMatch(/nginx Ingress 组件/);
    expect(kubeWrites().length).toBe(before);
    expect(sim.requests({ accessKeyId: account.accessKeyId, action: 'InstallClusterAddons' })).toHaveLength(0);
  });

  it('LoadBalancer: pending, then ready with an IP on the edge port; Dify-aware settings; checks pass through it', async () => {
    const res = await putAccess({ kind: 'loadBalancer', addressType: 'internet' });
    expect(res.statusCode, res.body).toBe(200);
    const pending = res.json<AccessState>();
    expect(pending).toMatchObject({ kind: 'loadBalancer', state: 'pending', address: null, settings: { addressType: 'internet' } });
    expect(pending.reason).toMatch(/creating the load balancer/);
    expect(pending.settings.annotations).toMatchObject({
      'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type': 'internet',
      'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-established-timeout': '900',
    });
    expect(find('Service', 'dify-system', 'ack-dify')?.spec).toMatchObject({ type: 'LoadBalancer' });

    sim.advance(60_000);
    const ready = await getAccess();
    expect(ready.state).toBe('ready');
    expect(ready.address?.ip).toMatch(/^127\./);
    expect(ready.url).toBe(`http://${ready.address?.ip}:${sim.edgePort}/install`);
    expect(ready.hostsLine).toBeNull();
    expect(ready.checks.map((c) => c.status)).toEqual(['pending', 'pending', 'pending']);

    const checked = await untilChecked();
    expect(checked.checks.map((c) => [c.id, c.status])).toEqual([
      ['install', 'pass'],
      ['upload', 'pass'],
      ['streaming', 'pass'],
    ]);
    expect(checked.checks[2]?.detail).toMatch(/5 events arrived one by one/);
  });

  it('re-applying the same load balancer writes nothing to the cluster', async () => {
    const rv = find('Service', 'dify-system', 'ack-dify')?.metadata.resourceVersion;
    const before = kubeWrites().length;
    const res = await putAccess({ kind: 'loadBalancer', addressType: 'internet' });
    expect(res.statusCode).toBe(200);
    expect(res.json<AccessState>().state).toBe('ready');
    expect(kubeWrites().length).toBe(before);
    expect(find('Service', 'dify-system', 'ack-dify')?.metadata.resourceVersion).toBe(rv);
  });

  it('Ingress with installAddon: installs the add-on, Service back to ClusterIP, Ingress with the Dify-aware annotations; NLB host name resolved through the local DNS; checks pass through the Host header', async () => {
    const res = await putAccess({ kind: 'ingress', host: HOST, installAddon: true });
    expect(res.statusCode, res.body).toBe(200);
    const pending = res.json<AccessState>();
    expect(pending).toMatchObject({ kind: 'ingress', state: 'pending', addon: { installed: false, state: 'installing' }, settings: { host: HOST, tls: null } });
    expect(pending.reason).toMatch(/Installing the nginx Ingress add-on/);
    const install = sim.requests({ accessKeyId: account.accessKeyId, action: 'InstallClusterAddons' });
    expect(install).toHaveLength(1);

    // The load-balancer entry is gone: ClusterIP, no load-balancer annotations.
    const svc = find('Service', 'dify-system', 'ack-dify');
    expect(svc?.spec).toMatchObject({ type: 'ClusterIP' });
    expect(Object.keys(svc?.metadata.annotations ?? {}).filter((k) => k.includes('loadbalancer'))).toEqual([]);
    const ing = find('Ingress', 'dify-system', 'ack-dify-nginx');
    expect(ing?.spec).toMatchObject({
      ingressClassName: 'nginx',
      rules: [{ host: HOST, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'ack-dify', port: { number: 80 } } } }] } }],
    });
    expect(ing?.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-body-size': '100m',
      'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
    });

    sim.advance(120_000);
    const ready = await getAccess();
    expect(ready).toMatchObject({ state: 'ready', addon: { installed: true, state: 'active' } });
    expect(ready.address?.hostname).toBeTruthy();
    expect(ready.url).toBe(`http://${HOST}:${sim.edgePort}/install`);
    // A host name address: a CNAME to it, not a hosts line with one of its IPs.
    expect(ready.hostsLine).toBeNull();
    expect(find('IngressClass', undefined as unknown as string, 'nginx') ?? objects().find((o) => o.kind === 'IngressClass')).toBeTruthy();

    const checked = await untilChecked();
    expect(checked.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass']);
    expect(checked.checks[0]?.detail).toContain(`http://${HOST}:${sim.edgePort}/install`);
  });

  it('re-applying the same Ingress writes nothing and installs nothing again', async () => {
    const before = kubeWrites().length;
    const rv = find('Ingress', 'dify-system', 'ack-dify-nginx')?.metadata.resourceVersion;
    const res = await putAccess({ kind: 'ingress', host: HOST, installAddon: true });
    expect(res.statusCode).toBe(200);
    expect(kubeWrites().length).toBe(before);
    expect(find('Ingress', 'dify-system', 'ack-dify-nginx')?.metadata.resourceVersion).toBe(rv);
    expect(sim.requests({ accessKeyId: account.accessKeyId, action: 'InstallClusterAddons' })).toHaveLength(1);
  });

  it.each([
    ['not PEM at all', () => ({ certificate: 'hello', privateKey: certs.valid.privateKey }), ['tls', 'certificate'], /cannot be read: paste it in PEM form/],
    ['an unreadable key', () => ({ certificate: certs.valid.certificate, privateKey: 'nope' }), ['tls', 'privateKey'], /private key cannot be read/],
    ['a key of another certificate', () => ({ certificate: certs.valid.certificate, privateKey: certs.strayKey }), ['tls', 'privateKey'], /does not belong to this certificate/],
    ['an expired certificate', () => certs.expired, ['tls', 'certificate'], /expired on \d{4}-\d{2}-\d{2}: renew it/],
    ['a certificate not valid yet', () => certs.notYetValid, ['tls', 'certificate'], /not valid before \d{4}-\d{2}-\d{2}/],
    ['a certificate for another host', () => certs.otherHost, ['tls', 'certificate'], /is for other\.example\.com, not for dify\.example\.local/],
  ])('refuses %s with a clear 400 and changes nothing', async (_name, tls, path, message) => {
    const before = kubeWrites().length;
    const res = await putAccess({ kind: 'ingress', host: HOST, tls: tls(), installAddon: true });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'InvalidCertificate', message: 'The TLS certificate cannot be used; nothing was changed', issues: [{ path, message: expect.stringMatching(message) }] });
    expect(kubeWrites().length).toBe(before);
    const zh = await putAccess({ kind: 'ingress', host: HOST, tls: tls() }, 'zh-CN');
    expect(zh.json().message).toBe('TLS 证书不可用，未做任何更改');
  });

  it('Ingress with TLS: a kubernetes.io/tls Secret, https URL on the TLS edge port, subject and notAfter only', async () => {
    const res = await putAccess({ kind: 'ingress', host: HOST, tls: certs.valid, installAddon: true });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<AccessState>();
    expect(s.settings.tls).toEqual({ subject: `CN=${HOST}`, notAfter: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(s.url).toBe(`https://${HOST}:${sim.edgeTlsPort}/install`);
    expect(res.body).not.toContain('PRIVATE KEY');
    const secret = find('Secret', 'dify-system', 'ack-dify-tls');
    expect(secret?.type).toBe('kubernetes.io/tls');
    expect(Object.keys(secret?.data ?? {}).sort()).toEqual(['tls.crt', 'tls.key']);
    expect(find('Ingress', 'dify-system', 'ack-dify-nginx')?.spec).toMatchObject({ tls: [{ hosts: [HOST], secretName: 'ack-dify-tls' }] });
    const checked = await untilChecked();
    expect(checked.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass']);

    const before = kubeWrites().length;
    expect((await putAccess({ kind: 'ingress', host: HOST, tls: certs.valid })).statusCode).toBe(200);
    expect(kubeWrites().length).toBe(before);
  });

  it('switching back to a load balancer deletes the Ingress and its Secret', async () => {
    const res = await putAccess({ kind: 'loadBalancer', addressType: 'internet' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AccessState>().kind).toBe('loadBalancer');
    expect(find('Ingress', 'dify-system', 'ack-dify-nginx')).toBeUndefined();
    expect(find('Secret', 'dify-system', 'ack-dify-tls')).toBeUndefined();
    expect(find('Service', 'dify-system', 'ack-dify')?.spec).toMatchObject({ type: 'LoadBalancer' });
    sim.advance(60_000);
    expect((await getAccess()).state).toBe('ready');
  });

  it('never shows the kubeconfig or the private key in a response or a log line', () => {
    const everything = `${bodies.join('\n')}\n${logs.text}`;
    expect(sim.requests({ accessKeyId: account.accessKeyId, action: 'DescribeClusterUserKubeconfig' }).length).toBeGreaterThan(0);
    expect(everything).not.toMatch(/current-context|client-key-data|certificate-authority-data/);
    expect(everything).not.toMatch(new RegExp(`${account.accountId}\\.[A-Za-z0-9_-]{20,}`));
    // (The refusal of an unreadable key names the PEM header as a hint; key material never appears.)
    expect(everything).not.toMatch(/PRIVATE KEY-----(\\n|\s)*[A-Za-z0-9+/]{16}/);
    expect(everything).not.toContain(certs.valid.privateKey.split('\n')[1]!);
  });
});
