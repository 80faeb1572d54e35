import { issueKubeconfig } from '../../kubernetes/kubeconfig';
import { SimError } from '../../protocol/errors';
import { Errors } from '../../protocol/errors';
import type { ActionHandler } from '../types';
import {
  ADDON_CATALOG,
  ADDON_INSTALL_MS,
  ADDON_STORE,
  installedAddons,
  type AddonTask,
} from './addons-model';
import { allClusters, findCluster } from './find';
import type { ClusterRecord } from './model';

// CS actions around cluster access: the user kubeconfig, add-ons and their installation tasks
// (reference §4.4, §4.5).

const RUNNING = new Set(['running', 'updating', 'scaling', 'upgrading']);

function rfc3339(ms: number): string {
  // CS writes local times with the +08:00 offset.
  const d = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600_000);
  return d.toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

// Code as in the Compute Nest stack reasons (deploy.ts); exact CS body for this API UNCONFIRMED.
function clusterStateError(c: ClusterRecord): SimError {
  return new SimError(
    'ErrorClusterState',
    400,
    `The current state of cluster ${c.cluster_id} is ${c.state}, which does not allow this operation. The cluster must be running.`,
  );
}

/**
 * DescribeClusterUserKubeconfig — GET /k8s/{ClusterId}/user_config. The kubeconfig points at the
 * public API server endpoint, or the intranet one with PrivateIpAddress=true; a cluster without a
 * public endpoint gets the intranet one either way (UNCONFIRMED: the real answer in that case is
 * not documented; usable only inside the VPC). Its client certificate authenticates the caller
 * (the account, or the RAM user by id).
 */
export const describeClusterUserKubeconfig: ActionHandler = async ({
  account,
  pathParams,
  params,
  clock,
  kubeApi,
  caller,
  changed,
}) => {
  const c = findCluster(account, pathParams.ClusterId ?? '');
  const minutes =
    params.get('TemporaryDurationMinutes') !== undefined
      ? params.int('TemporaryDurationMinutes', { default: 0, min: 15, max: 4320 })
      : undefined;
  const privateIp = params.bool('PrivateIpAddress') ?? false;
  if (!RUNNING.has(c.state)) throw clusterStateError(c);
  const server =
    privateIp || !c.api_server_public
      ? kubeApi.intranetUrl(account, c)
      : kubeApi.publicUrl(account, c);
  const ca = await kubeApi.clusterCa(account, c);
  const user = caller?.type === 'RAMUser' ? caller.userId : account.accountId;
  const out = await issueKubeconfig(ca, c, {
    server,
    user,
    now: clock.now(),
    ...(minutes !== undefined ? { minutes } : {}),
  });
  changed();
  return { config: out.config, expiration: out.expiration };
};

/** ListAddons — GET /addons (cluster_id, or region_id + cluster_type …). */
export const listAddons: ActionHandler = ({ account, params }) => {
  const clusterId = params.get('cluster_id');
  if (clusterId !== undefined) findCluster(account, clusterId);
  return {
    addons: ADDON_CATALOG.map((a) => ({
      name: a.name,
      version: a.version,
      category: a.category,
      config_schema: a.config_schema,
      install_by_default: a.install_by_default,
      managed: a.managed,
      supported_actions: a.supported_actions,
      architecture: ['amd64', 'arm64'],
    })),
  };
};

/** ListClusterAddonInstances — GET /clusters/{cluster_id}/addon_instances. */
export const listClusterAddonInstances: ActionHandler = ({ account, pathParams, changed }) => {
  const c = findCluster(account, pathParams.cluster_id ?? '');
  const before = account.store(c.region_id, ADDON_STORE).clusters.has(c.cluster_id);
  const list = [...installedAddons(account, c).values()];
  if (!before) changed();
  return { addons: list.map((a) => ({ name: a.name, version: a.version, state: a.state })) };
};

/** GetClusterAddonInstance — GET /clusters/{cluster_id}/addon_instances/{instance_name}. */
export const getClusterAddonInstance: ActionHandler = ({ account, pathParams }) => {
  const c = findCluster(account, pathParams.cluster_id ?? '');
  const name = pathParams.instance_name ?? '';
  const a = installedAddons(account, c).get(name);
  // Code from Alibaba's Terraform provider; HTTP status UNCONFIRMED (404 likely).
  if (!a)
    throw new SimError(
      'AddonNotFound',
      404,
      `The addon ${name} is not installed in cluster ${c.cluster_id}.`,
    );
  return {
    name: a.name,
    version: a.version,
    state: a.state,
    config: a.config,
    logging: { capable: false, enabled: false, log_project: '', logstore: '' },
  };
};

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
