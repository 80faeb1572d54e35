import { describe, expect, it } from 'vitest';
import {
  createObject,
  deleteObject,
  getObject,
  KubeError,
  listObjects,
  newClusterObjects,
  updateObject,
} from './store';

const NS = { apiVersion: 'v1', kind: 'Namespace' };
const SVC = { apiVersion: 'v1', kind: 'Service' };
const ING = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' };

function errorOf(f: () => unknown): KubeError {
  try {
    f();
  } catch (e) {
    if (e instanceof KubeError) return e;
    throw e;
  }
  throw new Error('expected a KubeError');
}

describe('Kubernetes object store', () => {
  it('create/get/list/update/delete with resourceVersion, generation, conflicts and namespaces', () => {
    const c = newClusterObjects('c1', '192.168.0.0/16');
    expect(
      errorOf(() => createObject(c, { ...SVC, metadata: { name: 'a', namespace: 'x' } }, 0)),
    ).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'namespaces "x" not found',
    });
    createObject(c, { ...NS, metadata: { name: 'x' } }, 0);
    const a = createObject(
      c,
      {
        ...SVC,
        metadata: { name: 'a', namespace: 'x', labels: { app: 'a' } },
        spec: { type: 'ClusterIP' },
      },
      1_000,
    );
    expect(a.metadata).toMatchObject({
      resourceVersion: '2',
      generation: 1,
      creationTimestamp: '1970-01-01T00:00:01Z',
    });
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      errorOf(() => createObject(c, { ...SVC, metadata: { name: 'a', namespace: 'x' } }, 0)),
    ).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
      message: 'services "a" already exists',
    });
    createObject(c, { ...ING, metadata: { name: 'i', namespace: 'x' } }, 0);
    expect(
      errorOf(() => createObject(c, { ...ING, metadata: { name: 'i', namespace: 'x' } }, 0))
        .message,
    ).toBe('ingresses.networking.k8s.io "i" already exists');
    const stale = errorOf(() =>
      updateObject(c, {
        ...SVC,
        metadata: { name: 'a', namespace: 'x', resourceVersion: '1' },
        spec: {},
      }),
    );
    expect(stale.reason).toBe('Conflict');
    const b = updateObject(c, {
      ...SVC,
      metadata: {
        name: 'a',
        namespace: 'x',
        labels: { app: 'a' },
        resourceVersion: a.metadata.resourceVersion,
      },
      spec: { type: 'LoadBalancer' },
    });
    expect(b.metadata.generation).toBe(2);
    expect(b.metadata.uid).toBe(a.metadata.uid);
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(listObjects(c, SVC, { namespace: 'x', labels: { app: 'a' } })).toHaveLength(1);
    expect(listObjects(c, SVC, { labels: { app: 'b' } })).toHaveLength(0);
    // Returned objects are copies.
    const got = getObject(c, SVC, 'x', 'a');
    if (got) got.spec = 'changed';
    expect(getObject(c, SVC, 'x', 'a')?.spec).toEqual({ type: 'LoadBalancer' });
    deleteObject(c, NS, undefined, 'x');
    expect(getObject(c, SVC, 'x', 'a')).toBeUndefined();
    expect(listObjects(c, ING)).toEqual([]);
    expect(errorOf(() => deleteObject(c, SVC, 'x', 'a')).code).toBe(404);
  });
});
