import { recordEvent } from './events';
import { getObject, kubeTime, patchObject, type ClusterObjects, type KubeObject, type PodRun } from './store';

// The simulated kubelet: turns a Pod's plan (a PodRun) into the Pod's status at a simulated time,
// with the Events a kubelet and the scheduler record (Scheduled, Pulling, Pulled, Failed, BackOff,
// Created, Started, FailedScheduling), and serves the container's log as it stands then.
// CrashLoopBackOff follows the kubelet's back-off: 10 s doubling up to 5 min between restarts.

const POD = { apiVersion: 'v1', kind: 'Pod' };
const BACKOFF_MS = 10_000;
const BACKOFF_CAP_MS = 300_000;

export function runKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export function runsOf(c: ClusterObjects): Map<string, PodRun> {
  c.runs ??= new Map();
  return c.runs;
}

/** Attempt starts (ms, simulated) up to `now`: the first at pulledAt, then after each exit and back-off. */
function attempts(run: PodRun, now: number): number[] {
  const starts: number[] = [];
  let at = run.pulledAt;
  for (let i = 0; at <= now && i < 10_000; i++) {
    starts.push(at);
    if (run.exitAfterMs === undefined || !run.restarts) break;
    at += run.exitAfterMs + Math.min(BACKOFF_MS * 2 ** i, BACKOFF_CAP_MS);
  }
  return starts;
}

interface Snapshot {
  stage: string;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  state: Record<string, unknown>;
  lastState: Record<string, unknown>;
  restartCount: number;
  ready: boolean;
  events: { type: 'Normal' | 'Warning'; reason: string; message: string; component: string }[];
}

function terminated(run: PodRun, startedAt: number): Record<string, unknown> {
  return {
    terminated: {
      exitCode: run.exitCode ?? 0,
      reason: run.exitReason ?? ((run.exitCode ?? 0) === 0 ? 'Completed' : 'Error'),
      startedAt: kubeTime(startedAt),
      finishedAt: kubeTime(startedAt + (run.exitAfterMs ?? 0)),
    },
  };
}

/** What the Pod looks like at `now`. */
export function snapshot(run: PodRun, podName: string, now: number): Snapshot {
  const kubelet = 'kubelet';
  const base = { lastState: {}, restartCount: 0, ready: false };
  if (run.unschedulable)
    return {
      ...base,
      stage: 'unschedulable',
      phase: 'Pending',
      state: { waiting: { reason: 'Pending' } },
      events: [{ type: 'Warning', reason: 'FailedScheduling', message: run.unschedulable, component: 'default-scheduler' }],
    };
  const scheduled = { type: 'Normal' as const, reason: 'Scheduled', message: `Successfully assigned ${podName} to ${run.node}`, component: 'default-scheduler' };
  const pulling = { type: 'Normal' as const, reason: 'Pulling', message: `Pulling image "${run.image}"`, component: kubelet };
  if (now < run.pulledAt)
    return { ...base, stage: 'pulling', phase: 'Pending', state: { waiting: { reason: 'ContainerCreating' } }, events: [scheduled, pulling] };
  if (run.pullError) {
    const backoff = now >= run.pulledAt + BACKOFF_MS;
    const reason = backoff ? 'ImagePullBackOff' : 'ErrImagePull';
    const message = backoff ? `Back-off pulling image "${run.image}"` : run.pullError;
    return {
      ...base,
      stage: reason,
      phase: 'Pending',
      state: { waiting: { reason, message } },
      // Between back-offs the kubelet tries again and fails again: the pull error is recorded each time.
      events: backoff
        ? [
            pulling,
            { type: 'Warning', reason: 'Failed', message: `Failed to pull image "${run.image}": ${run.pullError}`, component: kubelet },
            { type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull', component: kubelet },
            { type: 'Normal', reason: 'BackOff', message, component: kubelet },
            { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff', component: kubelet },
          ]
        : [
            { type: 'Warning', reason: 'Failed', message: `Failed to pull image "${run.image}": ${run.pullError}`, component: kubelet },
            { type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull', component: kubelet },
          ],
    };
  }
  const pulled = { type: 'Normal' as const, reason: 'Pulled', message: `Successfully pulled image "${run.image}"`, component: kubelet };
  if (run.configError)
    return {
      ...base,
      stage: 'configError',
      phase: 'Pending',
      state: { waiting: { reason: 'CreateContainerConfigError', message: run.configError } },
      events: [pulled, { type: 'Warning', reason: 'Failed', message: `Error: ${run.configError}`, component: kubelet }],
    };
  const starts = attempts(run, now);
  const last = starts[starts.length - 1] ?? run.pulledAt;
  const restartCount = starts.length - 1;
  const started = [
    { type: 'Normal' as const, reason: 'Created', message: `Created container ${run.container}`, component: kubelet },
    { type: 'Normal' as const, reason: 'Started', message: `Started container ${run.container}`, component: kubelet },
  ];
  const prev = restartCount > 0 ? terminated(run, starts[restartCount - 1] ?? last) : {};
  const exited = run.exitAfterMs !== undefined && now >= last + run.exitAfterMs;
  if (!exited)
    return {
      stage: `running:${restartCount}`,
      phase: 'Running',
      state: { running: { startedAt: kubeTime(last) } },
      lastState: prev,
      restartCount,
      ready: run.ready,
      events: restartCount === 0 ? [pulled, ...started] : started,
    };
  if (!run.restarts || (run.exitCode ?? 0) === 0)
    return {
      stage: 'terminated',
      phase: (run.exitCode ?? 0) === 0 ? 'Succeeded' : 'Failed',
      state: terminated(run, last),
      lastState: prev,
      restartCount,
      ready: false,
      events: restartCount === 0 && starts.length === 1 ? [pulled, ...started] : [],
    };
  return {
    stage: `backoff:${restartCount}`,
    phase: 'Running',
    state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${Math.min(BACKOFF_MS * 2 ** restartCount, BACKOFF_CAP_MS) / 1000}s restarting failed container=${run.container} pod=${podName}` } },
    lastState: terminated(run, last),
    restartCount,
    ready: false,
    events: [{ type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container', component: kubelet }],
  };
}

/** Writes the Pod's status when its stage changed; true when it did. */
export function syncPod(c: ClusterObjects, pod: KubeObject, run: PodRun, now: number): boolean {
  const s = snapshot(run, pod.metadata.name, now);
  if (run.stage === s.stage) return false;
  const firstTime = run.stage === undefined;
  run.stage = s.stage;
  const ns = pod.metadata.namespace;
  const at = kubeTime(now);
  const conditions = [
    { type: 'PodScheduled', status: s.stage === 'unschedulable' ? 'False' : 'True', ...(s.stage === 'unschedulable' ? { reason: 'Unschedulable', message: run.unschedulable } : {}), lastTransitionTime: at },
    ...(s.stage === 'unschedulable'
      ? []
      : [
          { type: 'Initialized', status: 'True', lastTransitionTime: at },
          { type: 'ContainersReady', status: s.ready ? 'True' : 'False', lastTransitionTime: at },
          { type: 'Ready', status: s.ready ? 'True' : 'False', lastTransitionTime: at },
        ]),
  ];
  const updated = patchObject(c, POD, ns, pod.metadata.name, (o) => {
    const spec = (o.spec ?? {}) as Record<string, unknown>;
    if (s.stage !== 'unschedulable') spec.nodeName = run.node;
    o.spec = spec;
    o.status = {
      phase: s.phase,
      conditions,
      ...(s.stage === 'unschedulable' ? {} : { hostIP: '', startTime: kubeTime(run.scheduledAt) }),
      containerStatuses:
        s.stage === 'unschedulable'
          ? undefined
          : [
              {
                name: run.container,
                image: run.image,
                imageID: s.stage === 'pulling' || run.pullError ? '' : `${run.image.split(':')[0] ?? run.image}@sha256:${'0'.repeat(64)}`,
                ready: s.ready,
                started: s.phase === 'Running' && !s.stage.startsWith('backoff'),
                restartCount: s.restartCount,
                state: s.state,
                lastState: s.lastState,
              },
            ],
      qosClass: 'Burstable',
    };
  });
  const events = firstTime || s.stage !== 'pulling' ? s.events : [];
  for (const e of events) recordEvent(c, updated, e, now);
  return true;
}

/** `kubectl logs`: the lines of the current (or previous) attempt printed by `now`. */
export function logText(run: PodRun, now: number, opts: { previous: boolean; tailLines?: number }): string | { error: string } {
  if (run.unschedulable || run.pullError || run.configError || now < run.pulledAt)
    return { error: `container "${run.container}" in pod is waiting to start: ${run.pullError ? 'trying and failing to pull image' : run.configError ? 'CreateContainerConfigError' : 'ContainerCreating'}` };
  const starts = attempts(run, now);
  const index = opts.previous ? starts.length - 2 : starts.length - 1;
  const start = starts[index];
  if (start === undefined) return { error: `previous terminated container "${run.container}" not found` };
  const until = opts.previous ? Number.POSITIVE_INFINITY : now - start;
  let lines = run.lines.filter((l) => l.offsetMs <= until && (run.exitAfterMs === undefined || l.offsetMs <= run.exitAfterMs)).map((l) => l.text);
  if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = lines.slice(Math.max(0, lines.length - opts.tailLines));
  return lines.map((l) => `${l}\n`).join('');
}

/** Syncs every Pod that has a run; drops the runs of Pods that are gone. */
export function reconcilePods(c: ClusterObjects, now: number): boolean {
  let changed = false;
  const runs = runsOf(c);
  for (const [key, run] of runs) {
    const [ns = '', name = ''] = key.split('/');
    const pod = getObject(c, POD, ns, name);
    if (!pod) {
      runs.delete(key);
      continue;
    }
    if (syncPod(c, pod, run, now)) changed = true;
  }
  return changed;
}
