import { createHash } from 'node:crypto';
import type { ClusterRecord } from '../products/cs/model';
import type { AccountState } from '../state/registry';
import { recordEvent } from './events';
import { runKey, runsOf } from './pod-runs';
import { planPod } from './probe-node';
import {
  createObject,
  deleteObject,
  getObject,
  kubeTime,
  listObjects,
  patchObject,
  type ClusterObjects,
  type KubeObject,
  type PodRun,
} from './store';

// The Job controller, the garbage collector and the TTL-after-finished controller of a cluster
// (batch/v1): a Job gets one Pod (parallelism 1, completions 1, the console's only use), its status
// follows the Pod, `activeDeadlineSeconds` fails it with DeadlineExceeded and removes the Pod,
// `ttlSecondsAfterFinished` deletes it after it finished, and Pods whose owner is gone are deleted
// (a Job deleted with propagationPolicy Orphan, the API default for Jobs, leaves them behind).

const JOB = { apiVersion: 'batch/v1', kind: 'Job' };
const POD = { apiVersion: 'v1', kind: 'Pod' };
type Obj = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

export type JobCause =
  | { kind: 'required'; field: string; detail?: string }
  | { kind: 'invalid'; field: string; value: unknown; detail: string }
  | { kind: 'notSupported'; field: string; value: unknown; supported: string[] };

/** Validation and defaulting of a Job on create (what the API server rejects). */
export function admitJob(o: KubeObject): JobCause[] {
  const causes: JobCause[] = [];
  const spec = obj(o.spec);
  const template = obj(spec.template);
  const pod = obj(template.spec);
  const containers = Array.isArray(pod.containers) ? (pod.containers as Obj[]) : [];
  if (containers.length === 0) causes.push({ kind: 'required', field: 'spec.template.spec.containers' });
  for (const [i, c] of containers.entries()) {
    if (typeof c.image !== 'string' || c.image === '') causes.push({ kind: 'required', field: `spec.template.spec.containers[${i}].image` });
    if (typeof c.name !== 'string' || c.name === '') causes.push({ kind: 'required', field: `spec.template.spec.containers[${i}].name` });
  }
  const rp = pod.restartPolicy;
  if (rp === undefined) causes.push({ kind: 'required', field: 'spec.template.spec.restartPolicy', detail: 'valid values: "OnFailure", "Never"' });
  else if (rp !== 'Never' && rp !== 'OnFailure') causes.push({ kind: 'notSupported', field: 'spec.template.spec.restartPolicy', value: rp, supported: ['OnFailure', 'Never'] });
  for (const k of ['activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'backoffLimit'] as const) {
    const v = spec[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < (k === 'activeDeadlineSeconds' ? 1 : 0)))
      causes.push({ kind: 'invalid', field: `spec.${k}`, value: v, detail: k === 'activeDeadlineSeconds' ? 'must be greater than 0' : 'must be greater than or equal to 0' });
  }
  // The Job controller's defaults.
  spec.backoffLimit ??= 6;
  spec.completions ??= 1;
  spec.parallelism ??= 1;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  template.metadata = {
    ...obj(template.metadata),
    labels: { ...obj(obj(template.metadata).labels), 'batch.kubernetes.io/job-name': o.metadata.name, 'job-name': o.metadata.name },
  };
  spec.template = template;
  o.spec = spec;
  return causes;
}

function suffix(seed: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const h = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < 5; i++) out += alphabet[(h[i] ?? 0) % alphabet.length] ?? 'x';
  return out;
}

function jobFinished(job: KubeObject): 'Complete' | 'Failed' | undefined {
  const conditions = (obj(job.status).conditions as Obj[] | undefined) ?? [];
  const c = conditions.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c ? (c.type as 'Complete' | 'Failed') : undefined;
}

function finishedAt(job: KubeObject): number {
  const conditions = (obj(job.status).conditions as Obj[] | undefined) ?? [];
  const c = conditions.find((x) => x.type === 'Complete' || x.type === 'Failed');
  return Date.parse(str(c?.lastTransitionTime)) || 0;
}

function podsOf(c: ClusterObjects, job: KubeObject): KubeObject[] {
  return listObjects(c, POD, { namespace: job.metadata.namespace ?? 'default' }).filter((p) =>
    ((p.metadata.ownerReferences as Obj[] | undefined) ?? []).some((r) => r.uid === job.metadata.uid),
  );
}

function createPod(account: AccountState, cluster: ClusterRecord, c: ClusterObjects, job: KubeObject, now: number): void {
  const template = obj(obj(job.spec).template);
  const name = `${job.metadata.name}-${suffix(job.metadata.uid)}`;
  const ns = job.metadata.namespace ?? 'default';
  const pod = createObject(
    c,
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: ns,
        labels: { ...(obj(obj(template.metadata).labels) as Record<string, string>), 'batch.kubernetes.io/controller-uid': job.metadata.uid, 'controller-uid': job.metadata.uid },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, uid: job.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: { ...obj(template.spec) },
      status: { phase: 'Pending', qosClass: 'Burstable' },
    },
    now,
  );
  const run: PodRun = planPod(account, cluster, c, pod, now);
  runsOf(c).set(runKey(ns, name), run);
  recordEvent(c, job, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${name}`, component: 'job-controller' }, now);
}

function setJobStatus(c: ClusterObjects, job: KubeObject, status: Obj): void {
  patchObject(c, JOB, job.metadata.namespace, job.metadata.name, (o) => {
    o.status = status;
  });
}

function deletePods(c: ClusterObjects, pods: KubeObject[]): void {
  for (const p of pods) {
    try {
      deleteObject(c, POD, p.metadata.namespace, p.metadata.name);
    } catch {
      // already gone
    }
  }
}

/** One pass of the Job, TTL and garbage-collection controllers at simulated time `now`. */
export function reconcileJobs(account: AccountState, cluster: ClusterRecord, c: ClusterObjects, now: number): boolean {
  let changed = false;
  const jobs = listObjects(c, JOB);
  for (const job of jobs) {
    const spec = obj(job.spec);
    const status = obj(job.status);
    const done = jobFinished(job);
    if (done) {
      const ttl = spec.ttlSecondsAfterFinished;
      if (typeof ttl === 'number' && finishedAt(job) + ttl * 1000 <= now) {
        deleteObject(c, JOB, job.metadata.namespace, job.metadata.name);
        changed = true;
      }
      continue;
    }
    if (spec.suspend === true) continue;
    const startedAt = Date.parse(str(status.startTime)) || 0;
    if (!startedAt) {
      setJobStatus(c, job, { startTime: kubeTime(now), active: 1, ready: 0, uncountedTerminatedPods: {} });
      createPod(account, cluster, c, getObject(c, JOB, job.metadata.namespace, job.metadata.name) ?? job, now);
      changed = true;
      continue;
    }
    const pods = podsOf(c, job);
    const deadline = spec.activeDeadlineSeconds;
    const condition = (type: string, reason: string, message: string) => ({
      type,
      status: 'True',
      reason,
      message,
      lastProbeTime: kubeTime(now),
      lastTransitionTime: kubeTime(now),
    });
    const podStatus = obj(pods[0]?.status);
    const phase = podStatus.phase;
    const finished = (((podStatus.containerStatuses as Obj[] | undefined) ?? [])[0]?.state as Obj | undefined)?.terminated as Obj | undefined;
    const endedAt = Date.parse(str(finished?.finishedAt)) || now;
    const beforeDeadline = typeof deadline !== 'number' || endedAt < startedAt + deadline * 1000;
    if (typeof deadline === 'number' && startedAt + deadline * 1000 <= now && !((phase === 'Succeeded' || phase === 'Failed') && beforeDeadline)) {
      deletePods(c, pods);
      setJobStatus(c, job, {
        startTime: status.startTime,
        failed: pods.length,
        active: 0,
        ready: 0,
        conditions: [condition('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline'), condition('Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline')],
      });
      recordEvent(c, job, { type: 'Warning', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline', component: 'job-controller' }, now);
      changed = true;
      continue;
    }
    if (phase === 'Succeeded') {
      setJobStatus(c, job, {
        startTime: status.startTime,
        completionTime: kubeTime(now),
        succeeded: 1,
        active: 0,
        ready: 0,
        conditions: [condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'), condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods')],
      });
      recordEvent(c, job, { type: 'Normal', reason: 'Completed', message: 'Job completed', component: 'job-controller' }, now);
      changed = true;
    } else if (phase === 'Failed') {
      setJobStatus(c, job, {
        startTime: status.startTime,
        failed: 1,
        active: 0,
        ready: 0,
        conditions: [condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')],
      });
      recordEvent(c, job, { type: 'Warning', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', component: 'job-controller' }, now);
      changed = true;
    }
  }
  // Garbage collector: Pods owned by a Job that no longer exists.
  const uids = new Set(listObjects(c, JOB).map((j) => j.metadata.uid));
  for (const p of listObjects(c, POD)) {
    const owner = ((p.metadata.ownerReferences as Obj[] | undefined) ?? []).find((r) => r.kind === 'Job');
    if (owner && !uids.has(String(owner.uid))) {
      deletePods(c, [p]);
      changed = true;
    }
  }
  return changed;
}

/**
 * A Job deleted through the API: `Background`/`Foreground` leave its Pods to the garbage collector;
 * `Orphan` (the default for batch/v1 Jobs) strips their owner reference so they stay.
 */
export function onJobDeleted(c: ClusterObjects, job: KubeObject, propagationPolicy: string | undefined): void {
  if (propagationPolicy === 'Background' || propagationPolicy === 'Foreground') return;
  for (const p of podsOf(c, job)) {
    patchObject(c, POD, p.metadata.namespace, p.metadata.name, (o) => {
      o.metadata.ownerReferences = ((o.metadata.ownerReferences as Obj[] | undefined) ?? []).filter((r) => r.uid !== job.metadata.uid);
    });
  }
}
