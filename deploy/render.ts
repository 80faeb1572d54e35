import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import jsonPatch, { type Operation } from 'fast-json-patch';
import { parseAllDocuments, parse } from 'yaml';

/**
 * Renders the kustomize layouts under `kubernetes/` without the kustomize binary, for the tests
 * on machines that have only Node.js. It knows exactly the fields our kustomizations use
 * (resources, namespace, images, JSON 6902 patches with a kind/name target) and refuses any
 * other, so a kustomization it cannot render faithfully fails loudly instead of being skipped.
 * Where `kubectl` is installed, the tests also compare its output with `kubectl kustomize`.
 */

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { path: string; target: { kind: string; name: string } }[];
}

const KNOWN = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass']);

export function renderKustomization(dir: string): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new Error(`${dir} has no kustomization.yaml`);
  const k = parse(readFileSync(file, 'utf8')) as Kustomization;
  const unknown = Object.keys(k).filter((key) => !KNOWN.has(key));
  if (unknown.length > 0) throw new Error(`${file}: the test renderer does not support ${unknown.join(', ')}`);

  let objects: K8sObject[] = [];
  for (const entry of k.resources ?? []) {
    const path = resolve(dir, entry);
    if (statSync(path).isDirectory()) objects.push(...renderKustomization(path));
    else objects.push(...readObjects(path));
  }
  if (k.namespace) {
    const ns = k.namespace;
    objects = objects.map((o) => (CLUSTER_SCOPED.has(o.kind) ? o : { ...o, metadata: { ...o.metadata, namespace: ns } }));
  }
  for (const image of k.images ?? []) objects = objects.map((o) => withImage(o, image));
  for (const patch of k.patches ?? []) {
    const ops = parse(readFileSync(resolve(dir, patch.path), 'utf8')) as Operation[];
    if (!Array.isArray(ops)) throw new Error(`${patch.path}: only JSON 6902 patches (a YAML list of operations) are supported`);
    const targets = objects.filter((o) => o.kind === patch.target.kind && o.metadata.name === patch.target.name);
    if (targets.length === 0) throw new Error(`${patch.path}: no ${patch.target.kind} ${patch.target.name} to patch`);
    objects = objects.map((o) =>
      targets.includes(o) ? jsonPatch.applyPatch(structuredClone(o), ops, true, false).newDocument : o,
    );
  }
  return objects;
}

function readObjects(path: string): K8sObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

function withImage(o: K8sObject, image: { name: string; newName?: string; newTag?: string }): K8sObject {
  if (o.kind !== 'Deployment') return o;
  const copy = structuredClone(o) as K8sObject & { spec: { template: { spec: { containers: { image: string }[] } } } };
  for (const c of copy.spec.template.spec.containers) {
    const [name, tag] = splitImage(c.image);
    if (name !== image.name) continue;
    c.image = `${image.newName ?? name}:${image.newTag ?? tag}`;
  }
  return copy;
}

function splitImage(ref: string): [string, string] {
  const at = ref.lastIndexOf(':');
  return at > ref.lastIndexOf('/') ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, 'latest'];
}

export const KUBERNETES_DIR = join(dirname(new URL(import.meta.url).pathname), 'kubernetes');
