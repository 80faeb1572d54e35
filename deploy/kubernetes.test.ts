import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { KUBERNETES_DIR, renderKustomization, type K8sObject } from './render';

/** The model class of an object's kind, from the npm package `kubernetes-models` (OpenAPI schemas). */
async function validate(o: K8sObject): Promise<void> {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : [undefined, o.apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
  const mod = (await import(modulePath)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = mod[o.kind];
  if (!Model) throw new Error(`kubernetes-models has no ${o.apiVersion} ${o.kind}`);
  new Model(o).validate();
}

const layouts = ['base', 'overlays/production', 'overlays/staging'] as const;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rendered manifests, read field by field in assertions
type Manifest = K8sObject & Record<string, any>;
const byKind = (objects: K8sObject[], kind: string): Manifest => {
  const found = objects.filter((o) => o.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as Manifest;
};
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

describe.each(layouts)('kubernetes/%s', (layout) => {
  const objects = renderKustomization(join(KUBERNETES_DIR, layout));

  it('renders objects that validate against the Kubernetes API schemas', async () => {
    expect(objects.map((o) => o.kind).sort()).toEqual(
      ['Deployment', 'Namespace', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount'].sort(),
    );
    for (const o of objects) await validate(o);
  });

  it('runs two non-root replicas, spread over nodes, read-only, with probes, requests and limits', () => {
    const d = byKind(objects, 'Deployment');
    const pod = d.spec.template.spec;
    const [c] = pod.containers;
    expect(d.spec.replicas).toBe(2);
    expect(pod.topologySpreadConstraints[0]).toMatchObject({ topologyKey: 'kubernetes.io/hostname', maxSkew: 1 });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(c.readinessProbe.httpGet.path).toBe('/readyz');
    expect(c.livenessProbe.httpGet.path).toBe('/livez');
    expect(c.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(c.resources.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('takes cloud credentials from RRSA and the access token from a Secret: no key in the manifests', () => {
    const d = byKind(objects, 'Deployment');
    const sa = byKind(objects, 'ServiceAccount');
    const ns = byKind(objects, 'Namespace');
    const env = d.spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: unknown }[];
    expect(d.spec.template.spec.serviceAccountName).toBe(sa.metadata.name);
    expect(sa.metadata.annotations?.['pod-identity.alibabacloud.com/role-name']).toMatch(/^dify-console/);
    expect(ns.metadata.labels?.['pod-identity.alibabacloud.com/injection']).toBe('on');
    expect(env.find((e) => e.name === 'CONSOLE_ACCESS_TOKEN')?.valueFrom).toEqual({
      secretKeyRef: { name: 'dify-console-access-token', key: 'token' },
    });
    expect(env.map((e) => e.name)).not.toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
    expect(env.map((e) => e.name)).not.toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    expect(env.find((e) => e.name === 'CLOUD_MODE')?.value).toBe('aliyun');
    expect(env.find((e) => e.name === 'HOST')?.value).toBe('0.0.0.0');
  });

  it('selects the same pods everywhere and keeps everything in one namespace', () => {
    const d = byKind(objects, 'Deployment');
    const labels = d.spec.template.metadata.labels;
    for (const kind of ['Service', 'PodDisruptionBudget'] as const) {
      const o = byKind(objects, kind);
      const selector = kind === 'Service' ? o.spec.selector : o.spec.selector.matchLabels;
      expect(labels).toMatchObject(selector);
    }
    expect(labels).toMatchObject(byKind(objects, 'NetworkPolicy').spec.podSelector.matchLabels);
    const ns = byKind(objects, 'Namespace').metadata.name;
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace, o.kind).toBe(ns);
  });

  it.skipIf(!kubectl)('renders as `kubectl kustomize` does', () => {
    const out = execFileSync('kubectl', ['kustomize', join(KUBERNETES_DIR, layout)], { encoding: 'utf8' });
    const theirs = parseAllDocuments(out).map((doc) => doc.toJS() as K8sObject);
    const key = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const sort = (list: K8sObject[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(objects)).toEqual(sort(theirs));
  });
});

describe('overlays', () => {
  it('point production and staging at their own image, role and namespace', () => {
    const prod = renderKustomization(join(KUBERNETES_DIR, 'overlays/production'));
    const staging = renderKustomization(join(KUBERNETES_DIR, 'overlays/staging'));
    const image = (list: K8sObject[]) => String(byKind(list, 'Deployment').spec.template.spec.containers[0].image);
    const role = (list: K8sObject[]) => byKind(list, 'ServiceAccount').metadata.annotations?.['pod-identity.alibabacloud.com/role-name'];
    expect(image(prod)).toMatch(/\/dify-console:1\.0\.0$/);
    expect(image(staging)).toMatch(/\/dify-console:staging$/);
    expect(role(prod)).toBe('dify-console-prod');
    expect(role(staging)).toBe('dify-console-staging');
    expect(byKind(staging, 'Deployment').metadata.namespace).toBe('dify-console-staging');
  });
});
