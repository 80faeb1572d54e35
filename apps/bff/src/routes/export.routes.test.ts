import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import popCore from '@alicloud/pop-core';
import { KubeConfig, KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { startCloudSim, type CloudSim, type SimAccountKeys } from '@dify-console/cloud-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AccessState } from '@dify-console/shared/api/access';
import type { ExportBundle } from '@dify-console/shared/api/export';
import { makeTestCerts } from '../testing/certs';
import { CLUSTERS, order, orderBody, SIM_PASSWORDS, untilFinal } from '../testing/deployments';
import { appOn, recordBodies } from '../testing/harness';

/**
 * A deployment exported, deleted, and reproduced from its bundle alone: the CLI script replayed
 * against the local cloud gives the same deployment, and the manifests applied with a Kubernetes
 * client give the same access entry. No secret is in the bundle.
 */

let sim: CloudSim;
let account: SimAccountKeys;
let app: FastifyInstance;
const bodies: string[] = [];

beforeAll(async () => {
  sim = await startCloudSim({ port: 0, speed: 2000 });
  account = await sim.createAccount('default');
  ({ app } = await appOn({ endpoint: sim.endpoint, ...account, sim }, { env: { CLOUD_TIMEOUT_MS: '5000' } }));
  recordBodies(app, bodies);
}, 30_000);
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

// pop-core's typings lack ROAClient; its real shape (1.8.0).
type Keys = { accessKeyId: string; accessKeySecret: string; endpoint: string; apiVersion: string };
const { RPCClient, ROAClient } = popCore as unknown as {
  RPCClient: new (c: Keys) => { request<T>(action: string, params: object, opts: object): Promise<T> };
  ROAClient: new (c: Keys) => { request<T>(method: string, path: string): Promise<T> };
};

const GROUP_AND_TAGS = {
  resourceGroupId: 'rg-acfmexport01',
  tags: [
    { key: 'team', value: 'ai' },
    { key: 'env', value: "it's staging" },
  ],
};
/** `Tag.N.Key` / `Tag.N.Value` of a recorded call, in order. */
const tagsOf = (params: Record<string, string | undefined>) =>
  Array.from({ length: 20 }, (_, i) => i + 1)
    .filter((n) => params[`Tag.${n}.Key`] !== undefined)
    .map((n) => ({ key: params[`Tag.${n}.Key`], value: params[`Tag.${n}.Value`] ?? '' }));

const createCallsOf = (keys: SimAccountKeys) => sim.requests({ accessKeyId: keys.accessKeyId, action: 'CreateServiceInstance' });
const createCalls = () => createCallsOf(account);

/** Runs the exported deploy.sh with an `aliyun` stand-in that records its arguments, then sends them as the CLI would. */
async function replayCli(script: string, env: Record<string, string>, keys: SimAccountKeys = account): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'export-replay-'));
  writeFileSync(join(dir, 'deploy.sh'), script);
  writeFileSync(join(dir, 'aliyun'), `#!/usr/bin/env bash\nprintf '%s\\0' "$@" > "${join(dir, 'args')}"\n`);
  chmodSync(join(dir, 'aliyun'), 0o755);
  execFileSync('bash', [join(dir, 'deploy.sh')], { env: { PATH: `${dir}:${process.env.PATH}`, ...env } });
  const args = readFileSync(join(dir, 'args'), 'utf8').split('\0').slice(0, -1);
  expect(args.slice(0, 2)).toEqual(['computenest', 'CreateServiceInstance']);
  const params: Record<string, string> = {};
  for (let i = 2; i < args.length; i += 2) if (args[i] !== '--region') params[args[i]!.replace(/^--/, '')] = args[i + 1]!;
  const client = new RPCClient({ ...keys, endpoint: sim.endpoint, apiVersion: '2021-06-01' });
  const answer = await client.request<{ ServiceInstanceId: string }>('CreateServiceInstance', params, { method: 'POST' });
  return answer.ServiceInstanceId;
}

/** A Kubernetes client on a cluster of an account, from the kubeconfig CS hands out (as `kubectl` would use it). */
async function kubeClient(keys: SimAccountKeys, clusterId: string): Promise<KubernetesObjectApi> {
  const cs = new ROAClient({ ...keys, endpoint: sim.endpoint, apiVersion: '2015-12-15' });
  const { config } = await cs.request<{ config: string }>('GET', `/k8s/${clusterId}/user_config`);
  const kc = new KubeConfig();
  kc.loadFromString(config);
  return KubernetesObjectApi.makeApiClient(kc);
}

async function applyManifest(clusterId: string, manifest: KubernetesObject, keys: SimAccountKeys = account): Promise<void> {
  const client = await kubeClient(keys, clusterId);
  // `kubectl apply`: create what is missing, merge into what exists.
  const exists = await client.read({ ...manifest, metadata: { name: manifest.metadata!.name!, namespace: manifest.metadata!.namespace! } }).then(
    () => true,
    (e: { code?: number }) => (e.code === 404 ? false : Promise.reject(e as Error)),
  );
  if (exists) await client.patch(manifest, undefined, undefined, 'kubectl', undefined, PatchStrategy.StrategicMergePatch);
  else await client.create(manifest, undefined, undefined, 'kubectl');
}

describe('GET /api/v1/deployments/:instanceId/export', () => {
  it('reproduces the deployment and its access entry without the console, and holds no secret', async () => {
    const placed = await order(app, { ...orderBody('dify-export', 'export-token-000001', { clusterId: CLUSTERS.pro }), ...GROUP_AND_TAGS });
    expect(placed.statusCode, placed.body).toBe(200);
    const original = placed.json<{ instanceId: string }>().instanceId;
    expect((await untilFinal(app, original)).status).toBe('Deployed');
    const sent = createCalls().at(-1)!.params;
    const put = await app.inject({ method: 'PUT', url: `/api/v1/deployments/${original}/access`, payload: { kind: 'loadBalancer', addressType: 'intranet' } });
    expect(put.statusCode, put.body).toBe(200);

    const res = await app.inject({ url: `/api/v1/deployments/${original}/export`, headers: { 'accept-language': 'en' } });
    expect(res.statusCode, res.body).toBe(200);
    const bundle = res.json<ExportBundle>();
    expect(bundle.files.map((f) => f.name)).toEqual(
      expect.arrayContaining(['README.md', 'deploy.sh', 'terraform/main.tf', 'ros/template.yaml', 'kubernetes/access-service.yaml']),
    );
    for (const secret of Object.values(SIM_PASSWORDS)) expect(res.body).not.toContain(secret);
    const file = (name: string) => bundle.files.find((f) => f.name === name)!.content;

    // The original goes away (its release with it); the bundle alone brings it back.
    const del = await app.inject({ method: 'DELETE', url: `/api/v1/deployments/${original}`, payload: { confirmName: 'dify-export' } });
    expect(del.statusCode, del.body).toBe(200);
    expect((await untilFinal(app, original)).status).toBe('Deleted');

    const secrets: Record<string, string> = {};
    for (const line of file('deploy.sh').matchAll(/^# {3}([A-Z0-9_]+) {2}\((\w+)\)$/gm)) {
      const value = JSON.parse(sent.Parameters!)[line[2]!] as string;
      secrets[line[1]!] = value;
    }
    expect(Object.keys(secrets).length).toBeGreaterThanOrEqual(3);
    const replayed = await replayCli(file('deploy.sh'), secrets);
    expect(replayed).not.toBe(original);
    const resent = createCalls().at(-1)!.params;
    expect(JSON.parse(resent.Parameters!)).toEqual(JSON.parse(sent.Parameters!));
    expect(resent.ServiceVersion).toBe(sent.ServiceVersion);
    expect(resent.TemplateName).toBe(sent.TemplateName);
    // The same resource group and the user's tags (the console's own order tags are not replayed).
    expect(resent.ResourceGroupId).toBe('rg-acfmexport01');
    expect(tagsOf(resent)).toEqual(GROUP_AND_TAGS.tags);
    expect(tagsOf(sent)).toEqual(expect.arrayContaining(GROUP_AND_TAGS.tags));
    const tf = file('terraform/main.tf');
    expect(tf).toContain('resource_group_id     = "rg-acfmexport01"');
    expect(tf).toMatch(/tags = \{\n {4}"team" = "ai"\n {4}"env" = "it's staging"\n {2}\}/);
    const ros = (parse(file('ros/template.yaml')) as { Resources: { ServiceInstance: { Properties: Record<string, unknown> } } }).Resources.ServiceInstance.Properties;
    expect(ros.ResourceGroupId).toBe('rg-acfmexport01');
    expect(ros.Tags).toEqual([{ Key: 'team', Value: 'ai' }, { Key: 'env', Value: "it's staging" }]);
    expect((await untilFinal(app, replayed)).status).toBe('Deployed');

    // The access entry, applied as `kubectl apply` would, is the same entry as before.
    await applyManifest(CLUSTERS.pro, parse(file('kubernetes/access-service.yaml')) as KubernetesObject);
    const entry = (await app.inject({ url: `/api/v1/deployments/${replayed}/access` })).json<AccessState>();
    expect(entry.kind).toBe('loadBalancer');
    expect(entry.settings.addressType).toBe('intranet');
    for (const body of bodies) for (const secret of Object.values(SIM_PASSWORDS)) expect(body).not.toContain(secret);
  }, 60_000);

  it('reproduces an Ingress entry with TLS from its manifests: the Secret filled in by the user, the same host, certificate and annotations', async () => {
    const HOST = 'dify.export.example.com';
    const certs = makeTestCerts(HOST);
    // Its own account, so that its cluster holds nothing of the test above.
    const keys = await sim.createAccount('default');
    const { app: other } = await appOn({ endpoint: sim.endpoint, ...keys, sim }, { env: { CLOUD_TIMEOUT_MS: '5000' } });
    try {
      const access = (id: string) => other.inject({ url: `/api/v1/deployments/${id}/access`, headers: { 'accept-language': 'en' } }).then((r) => r.json<AccessState>());
      const untilReady = async (id: string) => {
        const deadline = Date.now() + 15_000;
        for (;;) {
          const s = await access(id);
          if (s.state === 'ready') return s;
          if (Date.now() > deadline) throw new Error(`access entry still ${s.state}: ${s.reason}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const placed = await order(other, orderBody('dify-export-ing', 'export-token-000003', { clusterId: CLUSTERS.pro }));
      expect(placed.statusCode, placed.body).toBe(200);
      const original = placed.json<{ instanceId: string }>().instanceId;
      expect((await untilFinal(other, original)).status).toBe('Deployed');
      const sent = createCallsOf(keys).at(-1)!.params;
      const put = await other.inject({ method: 'PUT', url: `/api/v1/deployments/${original}/access`, payload: { kind: 'ingress', host: HOST, tls: certs.valid, installAddon: true } });
      expect(put.statusCode, put.body).toBe(200);
      const before = await untilReady(original);

      const res = await other.inject({ url: `/api/v1/deployments/${original}/export`, headers: { 'accept-language': 'en' } });
      expect(res.statusCode, res.body).toBe(200);
      const bundle = res.json<ExportBundle>();
      expect(res.body).not.toContain(certs.valid.privateKey.split('\n')[1]!);
      for (const secret of Object.values(SIM_PASSWORDS)) expect(res.body).not.toContain(secret);
      const file = (name: string) => bundle.files.find((f) => f.name === name)?.content;
      expect(file('kubernetes/access-service.yaml')).toBeUndefined();
      const secretYaml = file('kubernetes/tls-secret.yaml')!;
      const ingressYaml = file('kubernetes/access-ingress.yaml')!;
      expect(secretYaml).toContain('REPLACE WITH THE PRIVATE KEY (PEM)');

      // The original goes; its cluster loses the entry too (as a fresh cluster would have none).
      const del = await other.inject({ method: 'DELETE', url: `/api/v1/deployments/${original}`, payload: { confirmName: 'dify-export-ing' } });
      expect(del.statusCode, del.body).toBe(200);
      expect((await untilFinal(other, original)).status).toBe('Deleted');
      const kube = await kubeClient(keys, CLUSTERS.pro);
      for (const o of [parse(ingressYaml) as KubernetesObject, parse(secretYaml) as KubernetesObject]) {
        await kube.delete(o).catch((e: { code?: number }) => (e.code === 404 ? undefined : Promise.reject(e as Error)));
      }

      const secrets: Record<string, string> = {};
      for (const line of file('deploy.sh')!.matchAll(/^# {3}([A-Z0-9_]+) {2}\((\w+)\)$/gm)) secrets[line[1]!] = JSON.parse(sent.Parameters!)[line[2]!] as string;
      const replayed = await replayCli(file('deploy.sh')!, secrets, keys);
      expect((await untilFinal(other, replayed)).status).toBe('Deployed');
      expect((await access(replayed)).kind).toBe('none');

      // The user puts the certificate and key into the Secret, then applies both files in the README's order.
      const secret = parse(secretYaml) as KubernetesObject & { stringData: Record<string, string> };
      secret.stringData = { 'tls.crt': certs.valid.certificate, 'tls.key': certs.valid.privateKey };
      await applyManifest(CLUSTERS.pro, secret, keys);
      await applyManifest(CLUSTERS.pro, parse(ingressYaml) as KubernetesObject, keys);
      const after = await untilReady(replayed);
      expect(after.kind).toBe('ingress');
      expect(after.settings.host).toBe(HOST);
      expect(after.settings.tls).toEqual(before.settings.tls);
      expect(after.settings.annotations).toEqual(before.settings.annotations);
      expect(after.url).toBe(before.url);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('exports an order before it is placed: the Parameters the order would send, secrets as variables, nothing created', async () => {
    const before = createCalls().length;
    const body = { ...orderBody('dify-preview', 'export-token-000002', { clusterId: CLUSTERS.pro }), ...GROUP_AND_TAGS };
    const res = await app.inject({ method: 'POST', url: '/api/v1/export', payload: body, headers: { 'accept-language': 'en' } });
    expect(res.statusCode, res.body).toBe(200);
    const bundle = res.json<ExportBundle>();
    for (const secret of Object.values(SIM_PASSWORDS)) expect(res.body).not.toContain(secret);
    const script = bundle.files.find((f) => f.name === 'deploy.sh')!.content;
    expect(script).toContain("--Name 'dify-preview'");
    expect(script).toMatch(/PARAMETERS='\{"RegionId":"cn-hangzhou"/);
    expect(script).toContain("--ResourceGroupId 'rg-acfmexport01'");
    expect(script).toContain("--Tag.1.Key 'team'");
    expect(script).toContain("--Tag.2.Value 'it'\\''s staging'");
    expect(bundle.files.find((f) => f.name === 'terraform/main.tf')!.content).toContain('resource_group_id     = "rg-acfmexport01"');
    const ros = parse(bundle.files.find((f) => f.name === 'ros/template.yaml')!.content) as { Resources: { ServiceInstance: { Properties: Record<string, unknown> } } };
    expect(ros.Resources.ServiceInstance.Properties.Tags).toEqual([{ Key: 'team', Value: 'ai' }, { Key: 'env', Value: "it's staging" }]);
    expect(bundle.files.some((f) => f.name.startsWith('kubernetes/'))).toBe(false);
    expect(createCalls().length).toBe(before);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/export', payload: { ...body, name: '1bad' } });
    expect(bad.statusCode).toBe(400);
  });

  it('answers 404 for an unknown instance and 400 for a malformed id', async () => {
    expect((await app.inject({ url: '/api/v1/deployments/si-0000000000000000dead/export' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/deployments/not-an-id/export' })).statusCode).toBe(400);
  });
});
