import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS } from '../fixtures/default';
import { PASSWORDS } from '../fixtures/scenario';
import { startCloudSim, type CloudSim, type SimAccountKeys } from '../index';
import { roa, rpc } from '../test-clients';

// batch/v1 Jobs, their Pods and pod logs through @kubernetes/client-node: the Job controller,
// TTL, deadline, garbage collection, image pulls, and the pre-flight probe's lines computed from
// the local cloud's truth. Simulated time moves by advance().

let sim: CloudSim;
let me: SimAccountKeys;

const SCRIPT = '#!/bin/sh\n# dify-console-probe/v1\necho never run by the local cloud\n';
const PG_HOST = `${IDS.pg16}.pg.rds.aliyuncs.com`;
const REDIS_HOST = `${IDS.redis70}.redis.rds.aliyuncs.com`;
const MILVUS_HOST = `${IDS.milvus24}-internal.milvus.aliyuncs.com`;

interface Api {
  core: k8s.CoreV1Api;
  batch: k8s.BatchV1Api;
}
const apis = new Map<string, Api>();

async function api(clusterId: string): Promise<Api> {
  const cached = apis.get(clusterId);
  if (cached) return cached;
  const res = await roa(sim.endpoint, '2015-12-15', me).get<{ config: string }>(`/k8s/${clusterId}/user_config`, {});
  const kc = new k8s.KubeConfig();
  kc.loadFromString(res.config);
  const a = { core: kc.makeApiClient(k8s.CoreV1Api), batch: kc.makeApiClient(k8s.BatchV1Api) };
  apis.set(clusterId, a);
  return a;
}

let seq = 0;
interface ProbeOpts {
  clusterId?: string;
  image?: string;
  pg?: { host?: string; user?: string; password?: string };
  redis?: { host?: string; password?: string };
  milvus?: { host?: string; password?: string };
  runAsUser?: number | null;
  deadline?: number;
}

/** What the console creates: namespace, Secret, ConfigMap with the script, the Job. */
async function startProbe(o: ProbeOpts = {}) {
  const { core, batch } = await api(o.clusterId ?? IDS.ackPro);
  const ns = `probe-test-${(seq += 1)}`;
  await core.createNamespace({ body: { metadata: { name: ns, labels: { 'app.kubernetes.io/managed-by': 'dify-console' } } } });
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  await core.createNamespacedSecret({
    namespace: ns,
    body: {
      metadata: { name: 'probe' },
      data: {
        PGPASSWORD: b64(o.pg?.password ?? PASSWORDS.postgresSuper),
        REDIS_PASSWORD: b64(o.redis?.password ?? PASSWORDS.redis),
        MILVUS_PASSWORD: b64(o.milvus?.password ?? PASSWORDS.milvusRoot),
      },
    },
  });
  await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'probe' }, data: { 'probe.sh': SCRIPT } } });
  const secret = (name: string) => ({ name, valueFrom: { secretKeyRef: { name: 'probe', key: name } } });
  await batch.createNamespacedJob({
    namespace: ns,
    body: {
      metadata: { name: 'probe' },
      spec: {
        backoffLimit: 0,
        activeDeadlineSeconds: o.deadline ?? 60,
        ttlSecondsAfterFinished: 120,
        template: {
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, ...(o.runAsUser === null ? {} : { runAsUser: o.runAsUser ?? 65534 }) },
            containers: [
              {
                name: 'probe',
                image: o.image ?? 'postgres:16-alpine',
                command: ['sh', '/probe/probe.sh'],
                env: [
                  { name: 'PG_HOST', value: o.pg?.host ?? PG_HOST },
                  { name: 'PG_PORT', value: '5432' },
                  { name: 'PG_USER', value: o.pg?.user ?? 'postgres' },
                  secret('PGPASSWORD'),
                  { name: 'REDIS_HOST', value: o.redis?.host ?? REDIS_HOST },
                  { name: 'REDIS_PORT', value: '6379' },
                  secret('REDIS_PASSWORD'),
                  { name: 'MILVUS_HOST', value: o.milvus?.host ?? MILVUS_HOST },
                  { name: 'MILVUS_PORT', value: '19530' },
                  { name: 'MILVUS_USER', value: 'root' },
                  secret('MILVUS_PASSWORD'),
                ],
                volumeMounts: [{ name: 'script', mountPath: '/probe' }],
                resources: { limits: { cpu: '200m', memory: '128Mi' } },
              },
            ],
            volumes: [{ name: 'script', configMap: { name: 'probe' } }],
          },
        },
      },
    },
  });
  return { ns, core, batch };
}

async function podOf(core: k8s.CoreV1Api, ns: string) {
  const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'job-name=probe' });
  return pods.items[0];
}

/** The probe's lines by check id. */
async function lines(core: k8s.CoreV1Api, ns: string): Promise<Record<string, { ok: boolean; code: string; detail: string }>> {
  const pod = await podOf(core, ns);
  const text = await core.readNamespacedPodLog({ name: pod?.metadata?.name ?? '', namespace: ns, container: 'probe' });
  const out: Record<string, { ok: boolean; code: string; detail: string }> = {};
  for (const l of text.split('\n').filter(Boolean)) {
    const j = JSON.parse(l) as { check: string; ok: boolean; code: string; detail: string };
    out[j.check] = j;
  }
  return out;
}

beforeAll(async () => {
  sim = await startCloudSim();
  me = await sim.createAccount('default');
});
afterAll(async () => {
  await sim.close();
});

describe('batch/v1 Jobs', () => {
  it('runs the probe: one Pod, pulled, its lines in the log, Complete, deleted after its TTL with its Pod', async () => {
    const { ns, core, batch } = await startProbe();
    const pending = await podOf(core, ns);
    expect(pending?.status?.phase).toBe('Pending');
    expect(pending?.metadata?.ownerReferences?.[0]?.kind).toBe('Job');
    sim.advance(60_000);
    const job = await batch.readNamespacedJob({ name: 'probe', namespace: ns });
    expect(job.status?.succeeded).toBe(1);
    expect(job.status?.conditions?.find((c) => c.type === 'Complete')?.status).toBe('True');
    const l = await lines(core, ns);
    expect(Object.keys(l)).toEqual([
      'dns.postgres',
      'dns.redis',
      'dns.milvus',
      'postgres.login',
      'postgres.db.dify',
      'postgres.db.dify_plugin',
      'redis.auth',
      'redis.mode',
      'redis.roundtrip',
      'milvus.login',
    ]);
    expect(Object.values(l).every((x) => x.ok)).toBe(true);
    expect(l['postgres.db.dify']?.code).toBe('exists');
    const events = await core.listNamespacedEvent({ namespace: ns });
    expect(events.items.map((e) => e.reason)).toEqual(expect.arrayContaining(['SuccessfulCreate', 'Scheduled', 'Pulling', 'Pulled', 'Started', 'Completed']));
    sim.advance(121_000);
    const jobs = await batch.listNamespacedJob({ namespace: ns });
    expect(jobs.items).toHaveLength(0);
    expect((await core.listNamespacedPod({ namespace: ns })).items).toHaveLength(0);
  });

  it('computes each failure from the truth: wrong passwords, missing databases, a cluster-mode Redis, an unknown host', async () => {
    const a = await startProbe({ pg: { password: 'wrong' }, redis: { password: 'Wrong#Pass1' }, milvus: { password: 'nope' } });
    const b = await startProbe({
      pg: { host: `${IDS.pg14}.pg.rds.aliyuncs.com`, user: 'dify_app', password: PASSWORDS.postgresApp },
      redis: { host: `${IDS.redisCluster}.redis.rds.aliyuncs.com` },
      milvus: { host: 'c-doesnotexist-internal.milvus.aliyuncs.com' },
    });
    const c = await startProbe({ pg: { host: `${IDS.pg15}.pg.rds.aliyuncs.com` }, redis: { host: `${IDS.redis60}.redis.rds.aliyuncs.com` } });
    sim.advance(60_000);
    const la = await lines(a.core, a.ns);
    expect(la['postgres.login']).toMatchObject({ ok: false, code: 'auth' });
    expect(la['postgres.login']?.detail).toContain('password authentication failed for user "postgres"');
    expect(la['redis.auth']).toMatchObject({ ok: false, code: 'wrongpass', detail: 'WRONGPASS invalid username-password pair or user is disabled.' });
    expect(la['redis.mode']?.code).toBe('skipped');
    expect(la['milvus.login']).toMatchObject({ ok: false, code: 'auth' });
    const lb = await lines(b.core, b.ns);
    expect(lb['postgres.login']?.ok).toBe(true);
    expect(lb['postgres.db.dify']).toMatchObject({ ok: false, code: 'denied' });
    expect(lb['redis.mode']).toMatchObject({ ok: false, code: 'crossslot' });
    expect(lb['dns.milvus']).toMatchObject({ ok: false, code: 'nxdomain' });
    expect(lb['milvus.login']?.code).toBe('dns');
    const lc = await lines(c.core, c.ns);
    expect(lc['postgres.login']).toMatchObject({ ok: false, code: 'timeout' });
    expect(lc['redis.auth']).toMatchObject({ ok: false, code: 'timeout' });
    expect(lc['dns.postgres']?.ok).toBe(true);
  });

  it('a whitelist fix is seen by the next run (the pods are admitted)', async () => {
    await rpc(sim.endpoint, '2014-08-15', me).request('ModifySecurityIps', {
      RegionId: 'cn-hangzhou',
      DBInstanceId: IDS.pg15,
      DBInstanceIPArrayName: 'dify_ack',
      SecurityIps: '172.16.64.0/18,172.16.128.0/18',
      ModifyMode: 'Append',
    });
    const c = await startProbe({ pg: { host: `${IDS.pg15}.pg.rds.aliyuncs.com` } });
    sim.advance(60_000);
    expect((await lines(c.core, c.ns))['postgres.login']?.code).toBe('ok');
  });

  it('a cluster without internet egress cannot pull from docker.io: ErrImagePull then ImagePullBackOff, DeadlineExceeded', async () => {
    const { ns, core, batch } = await startProbe({ clusterId: IDS.ackBasic, deadline: 60 });
    sim.advance(31_000);
    let pod = await podOf(core, ns);
    expect(pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ErrImagePull');
    sim.advance(10_000);
    pod = await podOf(core, ns);
    expect(pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
    const events = await core.listNamespacedEvent({ namespace: ns });
    expect(events.items.filter((e) => e.reason === 'Failed').map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('dial tcp'), 'Error: ErrImagePull', 'Error: ImagePullBackOff']),
    );
    sim.advance(20_000);
    const job = await batch.readNamespacedJob({ name: 'probe', namespace: ns });
    expect(job.status?.conditions?.find((c) => c.type === 'Failed')?.reason).toBe('DeadlineExceeded');
    expect(await podOf(core, ns)).toBeUndefined();
  });

  it('an image from the VPC registry is pulled without egress', async () => {
    const { ns, core } = await startProbe({ clusterId: IDS.ackBasic, image: 'registry-vpc.cn-hangzhou.aliyuncs.com/ops/probe:1' });
    sim.advance(60_000);
    expect((await podOf(core, ns))?.status?.phase).toBe('Succeeded');
  });

  it('runAsNonRoot with a root image and a missing Secret are CreateContainerConfigError', async () => {
    const { ns, core } = await startProbe({ runAsUser: null });
    sim.advance(10_000);
    const waiting = (await podOf(core, ns))?.status?.containerStatuses?.[0]?.state?.waiting;
    expect(waiting?.reason).toBe('CreateContainerConfigError');
    expect(waiting?.message).toContain('runAsNonRoot and image will run as root');
  });

  it('deleting a Job: Background removes its Pod, the API default (Orphan) leaves it', async () => {
    const a = await startProbe();
    const b = await startProbe();
    await a.batch.deleteNamespacedJob({ name: 'probe', namespace: a.ns, propagationPolicy: 'Background' });
    await b.batch.deleteNamespacedJob({ name: 'probe', namespace: b.ns });
    sim.advance(1_000);
    expect(await podOf(a.core, a.ns)).toBeUndefined();
    expect(await podOf(b.core, b.ns)).toBeDefined();
  });

  it('refuses a Job without restartPolicy Never/OnFailure, with the API server Status', async () => {
    const { batch } = await api(IDS.ackPro);
    const err = await batch
      .createNamespacedJob({ namespace: 'default', body: { metadata: { name: 'bad' }, spec: { template: { spec: { restartPolicy: 'Always', containers: [{ name: 'x', image: 'busybox' }] } } } } })
      .then(
        () => undefined,
        (e: unknown) => e as { code: number; body: string },
      );
    expect(err?.code).toBe(422);
    expect(String(err?.body)).toContain('spec.template.spec.restartPolicy');
  });
});
