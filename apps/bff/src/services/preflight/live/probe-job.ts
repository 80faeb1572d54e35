import { readFileSync } from 'node:fs';

/**
 * The probe's Kubernetes objects: a namespace of its own labelled as the console's, a Secret with
 * the passwords, a ConfigMap with the script (probe.sh, kept beside this file) and a Job that
 * runs it: one attempt, a deadline, a TTL, small limits, no service-account token, not root.
 */

export const PROBE_NAMESPACE = 'dify-console-probe';
export const CONSOLE_LABELS = { 'app.kubernetes.io/managed-by': 'dify-console', 'app.kubernetes.io/component': 'preflight-probe' } as const;
export const PROBE_DEADLINE_S = 60;
export const PROBE_TTL_S = 300;
/** nobody: postgres:16-alpine runs as root by default, which runAsNonRoot refuses. */
const NON_ROOT_UID = 65534;

export const PROBE_SCRIPT = readFileSync(new URL('./probe.sh', import.meta.url), 'utf8');

export interface ProbeTargets {
  pg: { host: string; port: number; user: string; password: string };
  redis: { host: string; port: number; password: string };
  milvus: { host: string; port: number; user: string; password: string };
}

/** The Secret's values: only the passwords (addresses are not secret). */
export function probeSecretValues(t: ProbeTargets): Record<string, string> {
  return { PGPASSWORD: t.pg.password, REDIS_PASSWORD: t.redis.password, MILVUS_PASSWORD: t.milvus.password };
}

export function buildProbeJob(input: { name: string; secretName: string; scriptName: string; image: string; targets: ProbeTargets }): Record<string, unknown> {
  const { name, secretName, scriptName, image, targets: t } = input;
  const fromSecret = (key: string) => ({ name: key, valueFrom: { secretKeyRef: { name: secretName, key } } });
  return {
    metadata: { name, labels: { ...CONSOLE_LABELS } },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: PROBE_DEADLINE_S,
      ttlSecondsAfterFinished: PROBE_TTL_S,
      template: {
        metadata: { labels: { ...CONSOLE_LABELS } },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: { runAsNonRoot: true, runAsUser: NON_ROOT_UID, runAsGroup: NON_ROOT_UID, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'probe',
              image,
              imagePullPolicy: 'IfNotPresent',
              command: ['sh', '/probe/probe.sh'],
              env: [
                { name: 'HOME', value: '/tmp' },
                { name: 'PG_HOST', value: t.pg.host },
                { name: 'PG_PORT', value: String(t.pg.port) },
                { name: 'PG_USER', value: t.pg.user },
                fromSecret('PGPASSWORD'),
                { name: 'REDIS_HOST', value: t.redis.host },
                { name: 'REDIS_PORT', value: String(t.redis.port) },
                fromSecret('REDIS_PASSWORD'),
                { name: 'MILVUS_HOST', value: t.milvus.host },
                { name: 'MILVUS_PORT', value: String(t.milvus.port) },
                { name: 'MILVUS_USER', value: t.milvus.user },
                fromSecret('MILVUS_PASSWORD'),
              ],
              resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'script', mountPath: '/probe', readOnly: true }],
            },
          ],
          volumes: [{ name: 'script', configMap: { name: scriptName, defaultMode: 0o555 } }],
        },
      },
    },
  };
}
