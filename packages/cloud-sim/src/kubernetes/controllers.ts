import { CS_STORE, type ClusterRecord } from '../products/cs/model';
import { ADDON_STORE } from '../products/cs/addons-model';
import type { IdGenerator } from '../state/ids';
import type { AccountState } from '../state/registry';
import { clusterObjects } from './cluster';
import { reconcileJobs } from './jobs';
import { reconcilePods } from './pod-runs';
import { KUBE_STORE } from './store';
import { ccm } from './cloud-controller';
import { ingressNginx, runTasks } from './ingress-addon';

// The controllers of a cluster, driven by simulated time: the add-on tasks and
// ingress-nginx (ingress-addon.ts), the Alibaba Cloud Controller Manager (cloud-controller.ts), the
// kubelets (pod-runs.ts) and the Job controller (jobs.ts). Each runs after every Kubernetes API
// write and on the core's tick, at the current simulated time.

export interface ControllerContext {
  accounts: AccountState[];
  ids: IdGenerator;
  now: number;
}

// --- Entry points ---------------------------------------------------------------------------------------

const RUNNING = new Set(['running', 'updating', 'scaling', 'upgrading']);

/** Runs every controller of one cluster at simulated time `now`; true when something changed. */
export function reconcileCluster(
  ctx: ControllerContext,
  account: AccountState,
  cluster: ClusterRecord,
): boolean {
  const running = RUNNING.has(cluster.state);
  const c = running ? clusterObjects(account, cluster) : undefined;
  const tasks = runTasks(account, cluster, c, ctx.now);
  if (!c) return tasks.changed;
  let changed = tasks.changed;
  // A controller Service created by a task is seen at the task's completion time.
  if (tasks.at !== undefined) changed = ccm(ctx, account, cluster, c, tasks.at) || changed;
  changed = ccm(ctx, account, cluster, c, ctx.now) || changed;
  changed = ingressNginx(account, cluster, c) || changed;
  // Kubelets and the Job controller react to each other: a few rounds until nothing moves.
  for (let round = 0; round < 4; round++) {
    const moved = reconcilePods(c, ctx.now) || reconcileJobs(account, cluster, c, ctx.now);
    if (!moved) break;
    changed = true;
  }
  return changed;
}

/** Every cluster that has Kubernetes objects or add-on tasks, in every account. */
export function reconcileAll(ctx: ControllerContext): boolean {
  let changed = false;
  for (const account of ctx.accounts) {
    const ids = new Set<string>();
    for (const [, s] of account.stores(KUBE_STORE)) for (const id of s.clusters.keys()) ids.add(id);
    for (const [, s] of account.stores(ADDON_STORE))
      for (const t of s.tasks.values()) if (t.state === 'running') ids.add(t.cluster_id);
    if (ids.size === 0) continue;
    for (const [, s] of account.stores(CS_STORE))
      for (const id of ids) {
        const cluster = s.clusters.get(id);
        if (cluster && reconcileCluster(ctx, account, cluster)) changed = true;
      }
  }
  return changed;
}
