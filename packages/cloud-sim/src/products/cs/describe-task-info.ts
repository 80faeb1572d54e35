import { SimError } from '../../protocol/errors';
import type { ActionHandler } from '../types';
import { ADDON_INSTALL_MS, ADDON_STORE } from './addons-model';
import { allClusters } from './find';
import { rfc3339 } from './cluster-state';

/** DescribeTaskInfo — GET /tasks/{task_id}. */
export const describeTaskInfo: ActionHandler = ({ account, pathParams, clock }) => {
  const id = pathParams.task_id ?? '';
  for (const c of allClusters(account)) {
    const t = account.store(c.region_id, ADDON_STORE).tasks.get(id);
    if (!t) continue;
    const now = clock.now();
    const done = t.state !== 'running';
    const stage = (name: string, from: number, to: number) => ({
      state: now >= to || done ? 'success' : now >= from ? 'running' : 'pending',
      message: name,
      start_time: rfc3339(from),
      end_time: now >= to || done ? rfc3339(to) : '',
      outputs: {},
    });
    const mid = t.created + ADDON_INSTALL_MS / 3;
    const stages = [stage('PreCheck', t.created, mid), stage('InstallAddons', mid, t.doneAt)];
    return {
      task_id: t.task_id,
      cluster_id: t.cluster_id,
      task_type: t.task_type,
      state: t.state,
      created: rfc3339(t.created),
      updated: rfc3339(done ? t.updated : now),
      current_stage: done ? '' : now >= mid ? 'InstallAddons' : 'PreCheck',
      stages,
      events: [],
      target: { id: t.cluster_id, type: 'cluster' },
      parameters: { addons: t.addons },
      task_result: t.addons.map((a) => ({ data: a.name, status: done ? 'success' : 'running' })),
      ...(t.state === 'failed'
        ? { error: { code: 'InstallAddonFailed', message: 'install addon failed' } }
        : {}),
    };
  }
  // Code UNCONFIRMED.
  throw new SimError('ErrorTaskNotFound', 404, `The task ${id} is not found.`);
};
