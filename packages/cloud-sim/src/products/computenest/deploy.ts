import { createHash } from 'node:crypto';
import { clusterObjects } from '../../kubernetes/cluster';
import { KubeError } from '../../kubernetes/store';
import type { AccountState } from '../../state/registry';
import { CS_STORE, type ClusterRecord } from '../cs/model';
import { MILVUS_STORE, type MilvusRecord } from '../milvus/model';
import { KVSTORE_STORE, type KvInstanceRecord } from '../r-kvstore/model';
import { RDS_STORE, type DbInstanceRecord } from '../rds/model';
import { callerMay, permissionDenied, ramService } from '../ram/authorize';
import { VPC_STORE } from '../vpc/model';
import { admits, clusterSourceRanges } from '../whitelist';
import { listObjects } from '../../kubernetes/store';
import { installDify, markReady, NAMESPACE, notReadyComponents, planPods, planProblem, RELEASE, startPods, uninstallDify, type PodPlan } from './dify-objects';
import {
  API_REGIONS,
  COMPUTENEST_STORE,
  type CreatedResource,
  type DeployFailure,
  inputOf,
  type InstanceLog,
  type ServiceInstanceRecord,
} from './model';
import {
  ACCESS_OUTPUT_KEY,
  ACCESS_OUTPUT_TEXT,
  READINESS_TIMEOUT_S,
  type DeployInput,
} from './service';

// A deployment runs in simulated time as the ROS stack behind a Compute Nest instance would:
// validate parameters, touch the cluster, create what the template buys (NAS file system and
// mount target, the plugin daemon's disk), sleep 60 s (ALIYUN::ROS::Sleep), helm install
// `ack-dify` into `dify-system`, then wait for `ack-dify-api` to report its ready replicas.
// ~10 minutes at speed 1. Inputs are checked against the account's resources at the moment the
// real stack would trip over them: the cluster when it is first used, the databases when the
// api pods start. State advances lazily (every Compute Nest call and the core's ticker call
// `reconcile`), so a restart resumes from the recorded times.

export const T = {
  deploying: 3_000,
  validated: 10_000,
  cluster: 20_000,
  instances: 25_000,
  nasStart: 30_000,
  nasDone: 60_000,
  storageDone: 90_000,
  helm: 150_000,
  wait: 210_000,
  podsStarted: 270_000,
  ready: 510_000,
  done: 600_000,
} as const;
export const FAIL_AT_READINESS = T.wait + READINESS_TIMEOUT_S * 1000;
export const DELETE_T = { uninstall: 20_000, release: 40_000, done: 60_000 } as const;

/** Progress milestones (elapsed ms → percent) of a deployment going well. */
const PROGRESS: [number, number][] = [
  [0, 0],
  [T.deploying, 5],
  [T.validated, 10],
  [T.cluster, 15],
  [T.nasStart, 20],
  [T.storageDone, 35],
  [T.helm, 50],
  [T.wait, 60],
  [T.ready, 90],
  [T.done, 100],
];

export function progressAt(elapsed: number): number {
  let prev: [number, number] = [0, 0];
  for (const m of PROGRESS) {
    if (elapsed < m[0]) {
      const f = (elapsed - prev[0]) / (m[0] - prev[0]);
      return Math.floor(prev[1] + f * (m[1] - prev[1]));
    }
    prev = m;
  }
  return 100;
}

const TYPES = {
  stack: 'ALIYUN::ROS::Stack',
  kubeconfig: 'DATASOURCE::CS::ClusterUserKubeconfig',
  rds: 'DATASOURCE::RDS::DBInstances',
  redis: 'DATASOURCE::REDIS::Instances',
  nas: 'ALIYUN::NAS::FileSystem',
  mount: 'ALIYUN::NAS::MountTarget',
  disk: 'ALIYUN::ECS::Disk',
  sleep: 'ALIYUN::ROS::Sleep',
  helm: 'MODULE::ACS::ComputeNest::FluxOciHelmDeploy',
} as const;

function hashOf(seed: string, n: number, alphabet = '0123456789abcdef'): string {
  const h = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[(h[i] ?? 0) % alphabet.length] ?? '0';
  return out;
}

function podName(si: ServiceInstanceRecord, component: string): string {
  return `${RELEASE}-${component}-${hashOf(`${si.ServiceInstanceId}:rs:${component}`, 10)}-${hashOf(`${si.ServiceInstanceId}:pod:${component}`, 5, 'bcdfghjklmnpqrstvwxz2456789')}`;
}

function nasId(si: ServiceInstanceRecord): string {
  return hashOf(`${si.ServiceInstanceId}:nas`, 10);
}

function diskId(si: ServiceInstanceRecord): string {
  return `d-${si.DeployRegionId === 'cn-hangzhou' ? 'bp1' : 'uf6'}${hashOf(`${si.ServiceInstanceId}:disk`, 17, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
}

function mountHost(si: ServiceInstanceRecord): string {
  return `${nasId(si)}-${hashOf(`${si.ServiceInstanceId}:mt`, 5, 'abcdefghijklmnopqrstuvwxyz')}.${si.DeployRegionId}.nas.aliyuncs.com`;
}

function log(si: ServiceInstanceRecord, at: number, entry: Omit<InstanceLog, 'at'>): void {
  si.logs.push({ at, ...entry });
}

function rosEvent(
  si: ServiceInstanceRecord,
  at: number,
  logicalId: string,
  type: string,
  status: string,
  reason: string,
  resourceId = '',
): void {
  log(si, at, {
    Content: `Resource ${logicalId} (${type}) ${status}: ${reason}`,
    LogType: 'resource',
    Source: 'ros',
    Status: status,
    ResourceName: logicalId,
    ResourceType: type,
    ...(resourceId !== '' ? { ResourceId: resourceId } : {}),
  });
}

function findCluster(account: AccountState, si: ServiceInstanceRecord): ClusterRecord | undefined {
  const id = inputOf(si, 'cluster');
  return typeof id === 'string'
    ? account.store(si.DeployRegionId, CS_STORE).clusters.get(id)
    : undefined;
}

/** A deployment input as text, under the parameter name of the instance's template version. */
function str(si: ServiceInstanceRecord, input: DeployInput): string {
  const v = inputOf(si, input);
  return typeof v === 'string' ? v : String(v ?? '');
}

function ha(si: ServiceInstanceRecord): boolean {
  return inputOf(si, 'ha') !== false;
}

// --- Whitelists: where the cluster's pods connect from ---------------------------------------

/** A node's address (for messages). */
function podSourceIp(cluster: ClusterRecord): string | undefined {
  return cluster.nodes.find((n) => n.instance_role === 'Worker')?.ip_address;
}

function whitelistAdmits(
  account: AccountState,
  cluster: ClusterRecord,
  groups: readonly { ips: string }[],
): boolean {
  const sw = account.store(cluster.region_id, VPC_STORE).vswitches;
  return clusterSourceRanges(cluster, (id) => sw.get(id)?.CidrBlock).every((r) =>
    admits(groups, r),
  );
}

/** The deploying RAM user's permission error for an action the stack performs, if denied. */
function stackDenied(
  account: AccountState,
  si: ServiceInstanceRecord,
  productCode: string,
  action: string,
): string | undefined {
  const by = si.CreatedBy;
  if (!by) return undefined;
  const caller = { type: 'RAMUser' as const, userName: by.userName, userId: by.userId };
  if (callerMay(account, caller, `${ramService(productCode)}:${action}`)) return undefined;
  const e = permissionDenied(account, caller, productCode, action);
  return `code: ${e.status}, ${e.code}: ${e.message}`;
}

// --- The checks at the moment the api pods start ---------------------------------------------

function milvusOf(account: AccountState, si: ServiceInstanceRecord): MilvusRecord | undefined {
  const host = str(si, 'milvusEndpoint');
  const id = /^(c-[a-z0-9]+)-internal\./.exec(host)?.[1];
  return id === undefined
    ? undefined
    : account.store(si.DeployRegionId, MILVUS_STORE).instances.get(id);
}

/** Why `ack-dify-api` cannot become ready, as its container log says; undefined when it can. */
function backendProblem(
  account: AccountState,
  si: ServiceInstanceRecord,
  cluster: ClusterRecord,
): { component: string; log: string } | undefined {
  const vpcId = str(si, 'vpc');
  const src = podSourceIp(cluster);
  // The NAS mount target lives in VpcId: a cluster in another VPC cannot mount it.
  if (cluster.vpc_id !== vpcId)
    return {
      component: 'api',
      log: `MountVolume.SetUp failed for volume "${RELEASE}" : rpc error: code = Internal desc = mount failed: exit status 32, mount.nfs: Connection timed out (server ${mountHost(si)}:/ unreachable from node ${src ?? 'unknown'})`,
    };

  const rds: DbInstanceRecord | undefined = account
    .store(si.DeployRegionId, RDS_STORE)
    .instances.get(str(si, 'postgres'));
  if (!rds) return undefined; // checked when the stack read it
  const pgHost = `${rds.ConnectionString}" (${rds.IPAddress})`;
  if (
    rds.VpcId !== cluster.vpc_id ||
    rds.DBInstanceStatus !== 'Running' ||
    rds.Engine !== 'PostgreSQL' ||
    !whitelistAdmits(account, cluster, rds.WhitelistGroups)
  )
    return {
      component: 'api',
      log: `sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "${pgHost}, port ${rds.Port} failed: Connection timed out. Is the server running on that host and accepting TCP/IP connections?`,
    };
  const user = str(si, 'postgresUser');
  const acct = rds.Accounts.find((a) => a.AccountName === user);
  // PostgreSQL answers a missing role exactly like a wrong password.
  if (!acct || acct.AccountStatus !== 'Available' || acct.Password !== str(si, 'postgresPassword'))
    return {
      component: 'api',
      log: `sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "${pgHost}, port ${rds.Port} failed: FATAL:  password authentication failed for user "${user}"`,
    };
  // The api connects to database dify first: absent, and the account may not create it.
  if (acct.AccountType !== 'Super' && !rds.Databases.some((d) => d.DBName === 'dify'))
    return {
      component: 'api',
      log: `sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "${pgHost}, port ${rds.Port} failed: FATAL:  database "dify" does not exist`,
    };
  if (acct.AccountType !== 'Super')
    return {
      component: 'api',
      log: `sqlalchemy.exc.ProgrammingError: (psycopg2.errors.InsufficientPrivilege) permission denied to create extension "uuid-ossp" HINT:  Must be superuser to create this extension. [SQL: CREATE EXTENSION IF NOT EXISTS "uuid-ossp";] (database migration failed)`,
    };

  const kv: KvInstanceRecord | undefined = account
    .store(si.DeployRegionId, KVSTORE_STORE)
    .instances.get(str(si, 'redis'));
  if (!kv) return undefined;
  if (
    kv.VpcId !== cluster.vpc_id ||
    kv.InstanceStatus !== 'Normal' ||
    !whitelistAdmits(account, cluster, kv.WhitelistGroups)
  )
    return {
      component: 'api',
      log: `redis.exceptions.ConnectionError: Error 110 connecting to ${kv.ConnectionDomain}:${kv.Port}. Connection timed out.`,
    };
  if (kv.Password !== str(si, 'redisPassword'))
    return {
      component: 'api',
      log:
        Number.parseFloat(kv.EngineVersion) >= 6
          ? 'redis.exceptions.AuthenticationError: WRONGPASS invalid username-password pair or user is disabled.'
          : 'redis.exceptions.AuthenticationError: ERR invalid password',
    };

  const endpoint = str(si, 'milvusEndpoint');
  const host = endpoint.includes(':') ? endpoint : `${endpoint}:19530`;
  const mv = milvusOf(account, si);
  if (!mv || mv.VpcId !== cluster.vpc_id || mv.InstanceStatus !== 'running')
    return {
      component: 'api',
      log: `pymilvus.exceptions.MilvusException: <MilvusException: (code=2, message=Fail connecting to server on ${host}, illegal connection params or server unavailable)>`,
    };
  if (str(si, 'milvusUser') !== 'root' || mv.RootPassword !== str(si, 'milvusPassword'))
    return {
      component: 'api',
      log: `pymilvus.exceptions.MilvusException: <MilvusException: (code=1800, message=auth check failure, please check username and password are correct)> (connecting to ${host} as user "${str(si, 'milvusUser')}")`,
    };
  return undefined;
}

/**
 * Why the Celery worker cannot run although the api can: a cluster-architecture Redis (through
 * its proxy) refuses the multi-key BRPOP kombu issues over its queues with CROSSSLOT.
 */
function workerProblem(account: AccountState, si: ServiceInstanceRecord): string | undefined {
  const kv = account.store(si.DeployRegionId, KVSTORE_STORE).instances.get(str(si, 'redis'));
  if (kv?.ArchitectureType !== 'cluster') return undefined;
  return `[ERROR/MainProcess] consumer: Cannot consume from redis://${kv.ConnectionDomain}:${kv.Port}/1: redis.exceptions.ResponseError: CROSSSLOT Keys in request don't hash to the same slot (BRPOP dataset generation mail ops_trace app_deletion plugin workflow_storage conversation 1)`;
}

/** `1Gi`, `512Mi`, `1G`, `500M`… in MiB. */
function mebibytes(q: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G)?$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = { Ki: 1 / 1024, Mi: 1, Gi: 1024, K: 1000 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576 }[m[2] ?? ''] ?? 1 / 1048576;
  return n * unit;
}

/** The default memory limit a LimitRange of the namespace gives containers that set none. */
function defaultMemoryLimit(account: AccountState, cluster: ClusterRecord): number | undefined {
  const c = clusterObjects(account, cluster);
  for (const lr of listObjects(c, { apiVersion: 'v1', kind: 'LimitRange' }, { namespace: NAMESPACE })) {
    const limits = ((lr.spec ?? {}) as { limits?: { type?: string; default?: { memory?: string } }[] }).limits ?? [];
    const memory = limits.find((l) => l.type === 'Container' && l.default?.memory)?.default?.memory;
    if (memory) return mebibytes(memory);
  }
  return undefined;
}

/**
 * How the release's pods will run in this cluster: the backends' failures, what the nodes have
 * left for the pods' requests, whether they reach the registry, the namespace's LimitRange, and
 * how long the api's migrations take on this database (over Dify's 60 s migration lock on a
 * one-core instance, so a second api replica runs them too).
 */
function planFor(account: AccountState, si: ServiceInstanceRecord, cluster: ClusterRecord, failing: Partial<Record<string, string>>): PodPlan[] {
  const rds = account.store(si.DeployRegionId, RDS_STORE).instances.get(str(si, 'postgres'));
  const limit = defaultMemoryLimit(account, cluster);
  return planPods({
    clusterId: cluster.cluster_id,
    region: si.DeployRegionId,
    ha: ha(si),
    nodes: cluster.nodes
      .filter((n) => n.instance_role === 'Worker' && n.node_status === 'Ready')
      .map((n) => ({ name: n.node_name, cpuM: n.allocatable_cpu_m ?? n.cpu * 1000, memoryMiB: n.allocatable_memory_mib ?? n.memory_gib * 1024 })),
    failing,
    ...(cluster.registry_reachable === false
      ? {
          pullError: (image: string) => {
            const [host = '', ...rest] = image.split('/');
            const [repo = '', tag = 'latest'] = rest.join('/').split(':');
            return `rpc error: code = DeadlineExceeded desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to do request: Head "https://${host}/v2/${repo}/manifests/${tag}": dial tcp 100.103.4.210:443: i/o timeout`;
          },
        }
      : {}),
    ...(limit !== undefined ? { memoryLimitMiB: limit } : {}),
    slowMigrations: rds?.DBInstanceCPU === '1',
  });
}

function stackFailedDetail(logicalId: string, type: string, reason: string): string {
  return `Create stack failed: Resource [${logicalId}] (${type}) CREATE_FAILED: ${reason}`;
}

function fail(si: ServiceInstanceRecord, at: number, f: Omit<DeployFailure, 'at'>): void {
  si.failure = { at, ...f };
  const detail = stackFailedDetail(f.logicalId, f.type, f.reason);
  rosEvent(si, at, f.logicalId, f.type, 'CREATE_FAILED', f.reason);
  log(si, at, {
    Content: `Stack ${si.StackId} CREATE_FAILED: ${detail}`,
    LogType: 'resource',
    Source: 'ros',
    Status: 'CREATE_FAILED',
    ResourceId: si.StackId,
    ResourceType: 'ROS.Stack',
  });
  log(si, at, {
    Content: `Deploy service instance failed: ${detail}`,
    LogType: 'serviceInstance',
    Source: 'computeNest',
    Status: 'DeployedFailed',
  });
  si.Status = 'DeployedFailed';
  si.Progress = progressAt(at);
  si.StatusDetail = detail;
  si.updatedAt = si.createdAt + at;
}

function addResource(
  si: ServiceInstanceRecord,
  r: Omit<CreatedResource, 'RegionId' | 'PayType'>,
): void {
  si.resources.push({
    ...r,
    RegionId: si.DeployRegionId,
    PayType: si.PayType === 'PrePaid' ? 'Subscription' : 'PayAsYouGo',
  });
}

interface Step {
  at: number;
  run(account: AccountState, si: ServiceInstanceRecord, now: number): void;
}

function clusterStateReason(cluster: ClusterRecord | undefined, id: string): string | undefined {
  if (!cluster) return `code: 404, ErrorClusterNotFound: The specified cluster ${id} not found.`;
  if (cluster.state !== 'running')
    return `code: 400, ErrorClusterState: The current state of cluster ${id} is ${cluster.state}, which does not allow this operation. The cluster must be running.`;
  return undefined;
}

const STEPS: Step[] = [
  {
    at: T.deploying,
    run(_a, si) {
      si.Status = 'Deploying';
      si.StatusDetail = 'Deploying';
      log(si, T.deploying, {
        Content: 'Start deploying service instance',
        LogType: 'serviceInstance',
        Source: 'computeNest',
        Status: 'Deploying',
      });
      log(si, T.deploying, {
        Content: `Stack ${si.StackId} CREATE_IN_PROGRESS: Stack CREATE started`,
        LogType: 'resource',
        Source: 'ros',
        Status: 'CREATE_IN_PROGRESS',
        ResourceId: si.StackId,
        ResourceType: 'ROS.Stack',
      });
    },
  },
  {
    at: T.validated,
    run(_a, si) {
      log(si, T.validated, {
        Content: `Template parameters validated (${Object.keys(si.Parameters).length} parameters, deploy region ${si.DeployRegionId})`,
        LogType: 'resource',
        Source: 'ros',
        Status: 'CREATE_IN_PROGRESS',
        ResourceId: si.StackId,
        ResourceType: 'ROS.Stack',
      });
    },
  },
  {
    at: T.cluster,
    run(account, si) {
      const id = str(si, 'cluster');
      const reason =
        stackDenied(account, si, 'CS', 'DescribeClusterUserKubeconfig') ??
        clusterStateReason(findCluster(account, si), id);
      if (reason) {
        fail(si, T.cluster, { logicalId: 'ClusterKubeconfig', type: TYPES.kubeconfig, reason });
        return;
      }
      rosEvent(
        si,
        T.cluster,
        'ClusterKubeconfig',
        TYPES.kubeconfig,
        'CREATE_COMPLETE',
        `Kubeconfig of cluster ${id} read`,
      );
    },
  },
  {
    at: T.instances,
    run(account, si) {
      const rdsId = str(si, 'postgres');
      const rdsDenied = stackDenied(account, si, 'Rds', 'DescribeDBInstances');
      if (rdsDenied) {
        fail(si, T.instances, {
          logicalId: 'PostgreSQLInstanceInfo',
          type: TYPES.rds,
          reason: rdsDenied,
        });
        return;
      }
      if (!account.store(si.DeployRegionId, RDS_STORE).instances.has(rdsId)) {
        fail(si, T.instances, {
          logicalId: 'PostgreSQLInstanceInfo',
          type: TYPES.rds,
          reason: `code: 404, InvalidDBInstanceId.NotFound: Specified instance does not exist or not support: ${rdsId}.`,
        });
        return;
      }
      rosEvent(
        si,
        T.instances,
        'PostgreSQLInstanceInfo',
        TYPES.rds,
        'CREATE_COMPLETE',
        `Instance ${rdsId} found`,
      );
      const kvId = str(si, 'redis');
      const kvDenied = stackDenied(account, si, 'R-kvstore', 'DescribeInstances');
      if (kvDenied) {
        fail(si, T.instances, {
          logicalId: 'RedisInstanceInfo',
          type: TYPES.redis,
          reason: kvDenied,
        });
        return;
      }
      if (!account.store(si.DeployRegionId, KVSTORE_STORE).instances.has(kvId)) {
        fail(si, T.instances, {
          logicalId: 'RedisInstanceInfo',
          type: TYPES.redis,
          reason: `code: 404, InvalidInstanceId.NotFound: The specified instance ${kvId} is not found.`,
        });
        return;
      }
      rosEvent(
        si,
        T.instances,
        'RedisInstanceInfo',
        TYPES.redis,
        'CREATE_COMPLETE',
        `Instance ${kvId} found`,
      );
    },
  },
  {
    at: T.nasStart,
    run(_a, si) {
      rosEvent(si, T.nasStart, 'NasFileSystem', TYPES.nas, 'CREATE_IN_PROGRESS', 'state changed');
    },
  },
  {
    at: T.nasDone,
    run(account, si, now) {
      rosEvent(
        si,
        T.nasDone,
        'NasFileSystem',
        TYPES.nas,
        'CREATE_COMPLETE',
        'state changed',
        nasId(si),
      );
      addResource(si, {
        LogicalId: 'NasFileSystem',
        Type: TYPES.nas,
        ProductCode: 'nas',
        ProductType: 'nas',
        ResourceType: 'filesystem',
        ResourceId: nasId(si),
        createdAt: now,
      });
      const vpcId = str(si, 'vpc');
      if (!account.store(si.DeployRegionId, VPC_STORE).vpcs.has(vpcId)) {
        fail(si, T.nasDone, {
          logicalId: 'NasMountTarget',
          type: TYPES.mount,
          reason: `code: 404, InvalidVpcId.NotFound: The specified VPC ${vpcId} does not exist.`,
        });
        return;
      }
      rosEvent(si, T.nasDone, 'NasMountTarget', TYPES.mount, 'CREATE_IN_PROGRESS', 'state changed');
      rosEvent(
        si,
        T.nasDone,
        'PluginDaemonDisk',
        TYPES.disk,
        'CREATE_IN_PROGRESS',
        'state changed',
      );
    },
  },
  {
    at: T.storageDone,
    run(_a, si, now) {
      rosEvent(
        si,
        T.storageDone,
        'NasMountTarget',
        TYPES.mount,
        'CREATE_COMPLETE',
        'state changed',
        mountHost(si),
      );
      rosEvent(
        si,
        T.storageDone,
        'PluginDaemonDisk',
        TYPES.disk,
        'CREATE_COMPLETE',
        'state changed',
        diskId(si),
      );
      addResource(si, {
        LogicalId: 'PluginDaemonDisk',
        Type: TYPES.disk,
        ProductCode: 'ecs',
        ProductType: 'ecs',
        ResourceType: 'disk',
        ResourceId: diskId(si),
        createdAt: now,
      });
      rosEvent(
        si,
        T.storageDone,
        'Sleep',
        TYPES.sleep,
        'CREATE_IN_PROGRESS',
        'sleeping 60 seconds',
      );
    },
  },
  {
    at: T.helm,
    run(account, si, now) {
      rosEvent(si, T.helm, 'Sleep', TYPES.sleep, 'CREATE_COMPLETE', 'state changed');
      const cluster = findCluster(account, si);
      const reason = clusterStateReason(cluster, str(si, 'cluster'));
      if (reason || !cluster) {
        fail(si, T.helm, { logicalId: 'AckDify', type: TYPES.helm, reason: reason ?? '' });
        return;
      }
      const c = clusterObjects(account, cluster);
      try {
        const { refs, createdNamespace } = installDify(c, {
          ha: ha(si),
          region: si.DeployRegionId,
          now,
        });
        si.kubeObjects = refs;
        si.createdNamespace = createdNamespace;
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
        // Another release already owns these objects (a second deployment to the same cluster).
        fail(si, T.helm, {
          logicalId: 'AckDify',
          type: TYPES.helm,
          reason: `Error: INSTALLATION FAILED: cannot re-use a name that is still in use (${e.message} in cluster ${cluster.cluster_id})`,
        });
        return;
      }
      rosEvent(
        si,
        T.helm,
        'AckDify',
        TYPES.helm,
        'CREATE_IN_PROGRESS',
        `helm install ${RELEASE} --namespace ${NAMESPACE} (cluster ${cluster.cluster_id})`,
      );
    },
  },
  {
    at: T.wait,
    run(account, si) {
      const want = ha(si) ? 2 : 1;
      rosEvent(
        si,
        T.wait,
        'AckDify',
        TYPES.helm,
        'CREATE_IN_PROGRESS',
        `Helm release ${RELEASE} deployed (revision 1); waiting for Deployment ${NAMESPACE}/${RELEASE}-api $.status.readyReplicas Equals ${want} (timeout ${READINESS_TIMEOUT_S}s)`,
      );
      const cluster = findCluster(account, si);
      const problem = cluster ? backendProblem(account, si, cluster) : undefined;
      const worker = problem ? undefined : workerProblem(account, si);
      if (worker) si.degraded = { component: 'worker', log: worker };
      // What the kubelets will run: the components that need the backends crash with the
      // problem's own log line; a cluster-mode Redis makes only the worker crash-loop.
      const failing = problem ? { api: problem.log, worker: problem.log, 'plugin-daemon': problem.log } : worker ? { worker } : {};
      si.podPlan = cluster && si.kubeObjects.length > 0 ? planFor(account, si, cluster, failing) : [];
      const api = si.podPlan.filter((p) => p.component === 'api');
      const stuck = api.filter((p) => planProblem(p) !== undefined);
      if (problem) {
        const pod = podName(si, problem.component);
        si.failure = {
          at: FAIL_AT_READINESS,
          logicalId: 'AckDify',
          type: TYPES.helm,
          reason: `WaitUntil timed out after ${READINESS_TIMEOUT_S}s: Deployment ${NAMESPACE}/${RELEASE}-api $.status.readyReplicas is 0, expected ${want}. Pod ${pod} container ${problem.component} is not ready: ${problem.log}`,
          podLog: `Pod ${NAMESPACE}/${pod}: Back-off restarting failed container ${problem.component}: ${problem.log}`,
        };
      } else if (api.length - stuck.length < want && stuck[0]) {
        // The cluster itself keeps the api from becoming ready: no node for it, no image, no memory.
        const why = planProblem(stuck[0]) ?? '';
        si.failure = {
          at: FAIL_AT_READINESS,
          logicalId: 'AckDify',
          type: TYPES.helm,
          reason: `WaitUntil timed out after ${READINESS_TIMEOUT_S}s: Deployment ${NAMESPACE}/${RELEASE}-api $.status.readyReplicas is ${api.length - stuck.length}, expected ${want}. ${why}`,
          podLog: `${NAMESPACE}/${why}`,
        };
      }
    },
  },
  {
    at: T.podsStarted,
    run(account, si, now) {
      const cluster = findCluster(account, si);
      const plans = si.podPlan ?? [];
      const notReady = notReadyComponents(plans);
      if (cluster && si.kubeObjects.length > 0) si.kubeObjects.push(...startPods(clusterObjects(account, cluster), plans, now));
      if (si.failure) {
        if (cluster)
          markReady(clusterObjects(account, cluster), {
            ha: ha(si),
            now,
            onlyWithoutBackends: true,
            except: notReady,
          });
        rosEvent(
          si,
          T.podsStarted,
          'AckDify',
          TYPES.helm,
          'CREATE_IN_PROGRESS',
          si.failure.podLog ?? 'waiting',
        );
        return;
      }
      rosEvent(
        si,
        T.podsStarted,
        'AckDify',
        TYPES.helm,
        'CREATE_IN_PROGRESS',
        `Pods of ${RELEASE} started; api running database migrations`,
      );
      if (si.degraded)
        rosEvent(
          si,
          T.podsStarted,
          'AckDify',
          TYPES.helm,
          'CREATE_IN_PROGRESS',
          `Pod ${NAMESPACE}/${podName(si, si.degraded.component)}: Back-off restarting failed container ${si.degraded.component}: ${si.degraded.log}`,
        );
    },
  },
  {
    at: T.ready,
    run(account, si, now) {
      if (si.failure) return;
      const cluster = findCluster(account, si);
      if (cluster)
        markReady(clusterObjects(account, cluster), {
          ha: ha(si),
          now,
          onlyWithoutBackends: false,
          except: notReadyComponents(si.podPlan ?? []),
        });
      const want = ha(si) ? 2 : 1;
      rosEvent(
        si,
        T.ready,
        'AckDify',
        TYPES.helm,
        'CREATE_COMPLETE',
        `Deployment ${NAMESPACE}/${RELEASE}-api readyReplicas ${want}/${want}`,
      );
    },
  },
  {
    at: FAIL_AT_READINESS,
    run(_a, si) {
      if (!si.failure) return;
      const { at: _at, ...f } = si.failure;
      fail(si, FAIL_AT_READINESS, f);
    },
  },
  {
    at: T.done,
    run(_a, si) {
      si.Outputs = {
        [ACCESS_OUTPUT_KEY]: ACCESS_OUTPUT_TEXT,
        Namespace: NAMESPACE,
        ServiceName: RELEASE,
        ServicePort: '80',
        ClusterId: str(si, 'cluster'),
      };
      log(si, T.done, {
        Content: `Stack ${si.StackId} CREATE_COMPLETE: Stack CREATE completed successfully`,
        LogType: 'resource',
        Source: 'ros',
        Status: 'CREATE_COMPLETE',
        ResourceId: si.StackId,
        ResourceType: 'ROS.Stack',
      });
      log(si, T.done, {
        Content: 'Deploy service instance successfully',
        LogType: 'serviceInstance',
        Source: 'computeNest',
        Status: 'Deployed',
      });
      si.Status = 'Deployed';
      si.Progress = 100;
      si.StatusDetail = 'deploy successfully';
      si.updatedAt = si.createdAt + T.done;
    },
  },
];

function advanceDeployment(account: AccountState, si: ServiceInstanceRecord, now: number): boolean {
  let changed = false;
  while (si.step < STEPS.length && (si.Status === 'Created' || si.Status === 'Deploying')) {
    const step = STEPS[si.step];
    if (!step || si.createdAt + step.at > now) break;
    step.run(account, si, si.createdAt + step.at);
    si.step += 1;
    if (si.Status === 'Deploying') {
      si.Progress = progressAt(step.at);
      si.updatedAt = si.createdAt + step.at;
    }
    changed = true;
  }
  return changed;
}

function advanceDeletion(account: AccountState, si: ServiceInstanceRecord, now: number): boolean {
  const start = si.deleteStartedAt;
  if (start === undefined || si.Status !== 'Deleting') return false;
  let changed = false;
  const at = (off: number) => start + off;
  if (si.deleteStep < 1 && at(DELETE_T.uninstall) <= now) {
    if (si.kubeObjects.length > 0 || si.createdNamespace) {
      const cluster = findCluster(account, si);
      if (cluster)
        uninstallDify(clusterObjects(account, cluster), si.kubeObjects, si.createdNamespace);
      rosEvent(
        si,
        at(DELETE_T.uninstall) - si.createdAt,
        'AckDify',
        TYPES.helm,
        'DELETE_COMPLETE',
        `helm uninstall ${RELEASE} --namespace ${NAMESPACE}`,
      );
    }
    si.kubeObjects = [];
    si.createdNamespace = false;
    si.deleteStep = 1;
    changed = true;
  }
  if (si.deleteStep < 2 && at(DELETE_T.release) <= now) {
    for (const r of si.resources)
      rosEvent(
        si,
        at(DELETE_T.release) - si.createdAt,
        r.LogicalId,
        r.Type,
        'DELETE_COMPLETE',
        'state changed',
        r.ResourceId,
      );
    si.resources = [];
    si.deleteStep = 2;
    changed = true;
  }
  if (si.deleteStep < 3 && at(DELETE_T.done) <= now) {
    log(si, at(DELETE_T.done) - si.createdAt, {
      Content: 'Delete service instance successfully',
      LogType: 'serviceInstance',
      Source: 'computeNest',
      Status: 'Deleted',
    });
    si.Status = 'Deleted';
    si.StatusDetail = 'delete successfully';
    si.Progress = 100;
    si.updatedAt = at(DELETE_T.done);
    si.deleteStep = 3;
    changed = true;
  }
  return changed;
}

/** Moves one instance to `now`; true when it changed. */
export function reconcileInstance(
  account: AccountState,
  si: ServiceInstanceRecord,
  now: number,
): boolean {
  return advanceDeployment(account, si, now) || advanceDeletion(account, si, now);
}

/** Moves every instance of the account (both API regions) to `now`. */
export function reconcileAccount(account: AccountState, now: number): boolean {
  let changed = false;
  for (const region of API_REGIONS) {
    if (!account.regionIds().includes(region)) continue;
    for (const si of account.store(region, COMPUTENEST_STORE).instances.values())
      if (reconcileInstance(account, si, now)) changed = true;
  }
  return changed;
}

/** Starts deleting: Deleting now, the release and the stack's resources go, then Deleted. */
export function startDeletion(si: ServiceInstanceRecord, now: number): void {
  if (si.Status === 'Deleting' || si.Status === 'Deleted') return;
  si.Status = 'Deleting';
  si.StatusDetail = 'Deleting';
  si.Progress = 0;
  si.deleteStartedAt = now;
  si.deleteStep = 0;
  si.updatedAt = now;
  log(si, now - si.createdAt, {
    Content: 'Start deleting service instance',
    LogType: 'serviceInstance',
    Source: 'computeNest',
    Status: 'Deleting',
  });
}

/** Progress as GetServiceInstance shows it. */
export function currentProgress(si: ServiceInstanceRecord, now: number): number {
  if (si.Status === 'Deploying')
    return Math.max(si.Progress, Math.min(99, progressAt(now - si.createdAt)));
  if (si.Status === 'Deleting' && si.deleteStartedAt !== undefined)
    return Math.min(99, Math.floor(((now - si.deleteStartedAt) / DELETE_T.done) * 100));
  return si.Progress;
}
