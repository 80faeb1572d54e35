import { Errors, SimError } from '../../protocol/errors';
import type { ActionHandler } from '../types';
import {
  ADDON_CATALOG,
  ADDON_INSTALL_MS,
  ADDON_STORE,
  installedAddons,
  type AddonTask,
} from './addons-model';
import { findCluster } from './find';
import { clusterStateError, RUNNING } from './cluster-state';

/** InstallClusterAddons — POST /clusters/{ClusterId}/components/install, body `[{name, version, config}]`. */
export const installClusterAddons: ActionHandler = ({
  account,
  pathParams,
  body,
  clock,
  ids,
  requestId,
  changed,
}) => {
  const c = findCluster(account, pathParams.ClusterId ?? '');
  if (!RUNNING.has(c.state)) throw clusterStateError(c);
  if (!Array.isArray(body) || body.length === 0)
    throw Errors.invalidParameter(
      'body',
      'The request body must be a non-empty JSON array of {name, version, config}.',
    );
  const installed = installedAddons(account, c);
  const store = account.store(c.region_id, ADDON_STORE);
  const addons: AddonTask['addons'] = [];
  for (const raw of body as unknown[]) {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const name = typeof item.name === 'string' ? item.name : '';
    const entry = ADDON_CATALOG.find((a) => a.name === name);
    if (!entry)
      throw new SimError('AddonNotFound', 404, `The addon ${name || '(empty)'} is not found.`);
    const version =
      typeof item.version === 'string' && item.version !== '' ? item.version : entry.version;
    if (version !== entry.version)
      throw Errors.invalidParameter(
        'version',
        `The version ${version} of addon ${name} is not available; available: ${entry.version}.`,
      );
    const config =
      typeof item.config === 'string'
        ? item.config
        : item.config === undefined
          ? ''
          : JSON.stringify(item.config);
    if (config !== '') {
      try {
        const parsed: unknown = JSON.parse(config);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error('not an object');
        const net = (parsed as Record<string, unknown>).IngressSlbNetworkType;
        if (net !== undefined && net !== 'internet' && net !== 'intranet')
          throw Errors.invalidParameter(
            'config',
            `IngressSlbNetworkType must be internet or intranet, got ${JSON.stringify(net)}.`,
          );
      } catch (e) {
        if (e instanceof SimError) throw e;
        throw Errors.invalidParameter(
          'config',
          `The config of addon ${name} must be a JSON object encoded as a string.`,
        );
      }
    }
    const cur = installed.get(name);
    const running = [...store.tasks.values()].some(
      (t) =>
        t.cluster_id === c.cluster_id &&
        t.state === 'running' &&
        t.addons.some((a) => a.name === name),
    );
    // Exact CS code for "already installed" UNCONFIRMED.
    if (cur || running)
      throw new SimError(
        'ErrAddonAlreadyInstalled',
        400,
        `The addon ${name} is already installed or being installed in cluster ${c.cluster_id}.`,
      );
    addons.push({ name, version, config });
  }
  const now = clock.now();
  const taskId = `T-${ids.hex(20)}`;
  store.tasks.set(taskId, {
    task_id: taskId,
    cluster_id: c.cluster_id,
    task_type: 'cluster_addon_install',
    state: 'running',
    created: now,
    updated: now,
    doneAt: now + ADDON_INSTALL_MS,
    addons,
  });
  for (const a of addons)
    installed.set(a.name, {
      name: a.name,
      version: a.version,
      state: 'updating',
      config: a.config,
    });
  changed();
  return { cluster_id: c.cluster_id, request_id: requestId, task_id: taskId };
};
