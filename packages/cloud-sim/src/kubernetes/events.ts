import { createHash } from 'node:crypto';
import { createObject, kubeTime, type ClusterObjects, type KubeObject } from './store';

// Kubernetes Events written by the simulated controllers and kubelets.

export function recordEvent(
  c: ClusterObjects,
  involved: KubeObject,
  e: { type: 'Normal' | 'Warning'; reason: string; message: string; component: string },
  at: number,
): void {
  const ns = involved.metadata.namespace ?? 'default';
  const suffix = createHash('sha256')
    .update(`${involved.metadata.uid}/${e.reason}/${e.message}/${at}/${c.resourceVersion}`)
    .digest('hex')
    .slice(0, 16);
  const time = kubeTime(at);
  try {
    createObject(
      c,
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${involved.metadata.name}.${suffix}`, namespace: ns },
        involvedObject: {
          apiVersion: involved.apiVersion,
          kind: involved.kind,
          name: involved.metadata.name,
          namespace: ns,
          uid: involved.metadata.uid,
          resourceVersion: involved.metadata.resourceVersion,
        },
        reason: e.reason,
        message: e.message,
        type: e.type,
        source: { component: e.component },
        firstTimestamp: time,
        lastTimestamp: time,
        count: 1,
        eventTime: null,
        reportingComponent: e.component,
        reportingInstance: '',
      },
      at,
    );
  } catch {
    // the namespace went away meanwhile
  }
}
