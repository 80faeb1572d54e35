import type { ServerResponse } from 'node:http';
import { runKey, runsOf, logText } from '../pod-runs';
import { getObject, KubeError, type ClusterObjects } from '../store';

// `GET /api/v1/namespaces/{ns}/pods/{name}/log` (container, previous, tailLines): what the
// container printed by now, as text/plain, or the API server's 400 while it waits to start.

export function podLogTarget(path: string): { namespace: string; name: string } | undefined {
  const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log\/?$/.exec(path);
  if (!m) return undefined;
  return { namespace: decodeURIComponent(m[1] ?? ''), name: decodeURIComponent(m[2] ?? '') };
}

export function servePodLog(
  c: ClusterObjects,
  target: { namespace: string; name: string },
  q: Record<string, string>,
  now: number,
  res: ServerResponse,
): void {
  const pod = getObject(c, { apiVersion: 'v1', kind: 'Pod' }, target.namespace, target.name);
  if (!pod)
    throw new KubeError(404, 'NotFound', `pods "${target.name}" not found`, {
      name: target.name,
      kind: 'pods',
    });
  const run = runsOf(c).get(runKey(target.namespace, target.name));
  const containers = (((pod.spec ?? {}) as Record<string, unknown>).containers ?? []) as { name?: string }[];
  const container = q.container ?? (containers.length === 1 ? containers[0]?.name : undefined);
  if (container === undefined)
    throw new KubeError(
      400,
      'BadRequest',
      `a container name must be specified for pod ${target.name}, choose one of: [${containers.map((x) => x.name).join(' ')}]`,
      {},
    );
  if (!containers.some((x) => x.name === container))
    throw new KubeError(400, 'BadRequest', `container ${container} is not valid for pod ${target.name}`, {});
  const tail = q.tailLines !== undefined ? Number(q.tailLines) : undefined;
  if (tail !== undefined && (!Number.isInteger(tail) || tail < 0))
    throw new KubeError(400, 'BadRequest', `invalid tailLines: ${q.tailLines}`, {});
  const text = run
    ? logText(run, now, { previous: q.previous === 'true', ...(tail !== undefined ? { tailLines: tail } : {}) })
    : '';
  if (typeof text !== 'string')
    throw new KubeError(400, 'BadRequest', text.error.replace('in pod is', `in pod "${target.name}" is`), {});
  res.writeHead(200, {
    'content-type': 'text/plain',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-cache, private',
  });
  res.end(text);
}
