import { describe, expect, it } from 'vitest';
import { buildProbeJob, probeSecretValues, PROBE_SCRIPT, type ProbeTargets } from './probe-job';

const targets: ProbeTargets = {
  pg: { host: 'pgm-x.pg.rds.aliyuncs.com', port: 5432, user: 'postgres', password: 'Pg#Secret1' },
  redis: { host: 'r-x.redis.rds.aliyuncs.com', port: 6379, password: 'Redis#Secret1' },
  milvus: { host: 'c-x-internal.milvus.aliyuncs.com', port: 19530, user: 'root', password: 'Milvus#Secret1' },
};

describe('the probe Job', () => {
  const job = buildProbeJob({ name: 'probe-1', secretName: 'probe-1', scriptName: 'probe-1-script', image: 'postgres:16-alpine', targets });
  const spec = job.spec as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const pod = spec.template.spec;
  const container = pod.containers[0];

  it('is bounded: one attempt, a 60 s deadline, removed after its TTL', () => {
    expect(spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 60, ttlSecondsAfterFinished: 300 });
    expect(pod.restartPolicy).toBe('Never');
  });

  it('has small limits, no service-account token, runs as non-root without privilege escalation', () => {
    expect(container.resources).toEqual({ requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534 });
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(job.metadata).toMatchObject({ labels: { 'app.kubernetes.io/managed-by': 'dify-console' } });
  });

  it('takes the passwords from the Secret only; the script from its ConfigMap', () => {
    const text = JSON.stringify(job);
    for (const p of ['Pg#Secret1', 'Redis#Secret1', 'Milvus#Secret1']) expect(text).not.toContain(p);
    const fromSecret = (container.env as { name: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[]).filter((e) => e.valueFrom);
    expect(fromSecret.map((e) => [e.name, e.valueFrom?.secretKeyRef.name])).toEqual([
      ['PGPASSWORD', 'probe-1'],
      ['REDIS_PASSWORD', 'probe-1'],
      ['MILVUS_PASSWORD', 'probe-1'],
    ]);
    expect(probeSecretValues(targets)).toEqual({ PGPASSWORD: 'Pg#Secret1', REDIS_PASSWORD: 'Redis#Secret1', MILVUS_PASSWORD: 'Milvus#Secret1' });
    expect(container.command).toEqual(['sh', '/probe/probe.sh']);
    expect(pod.volumes).toEqual([{ name: 'script', configMap: { name: 'probe-1-script', defaultMode: 0o555 } }]);
    expect(PROBE_SCRIPT).toContain('dify-console-probe/v1');
  });
});
