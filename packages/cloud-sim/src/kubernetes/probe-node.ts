import { createHash } from 'node:crypto';
import type { ClusterRecord } from '../products/cs/model';
import { MILVUS_STORE, type MilvusRecord } from '../products/milvus/model';
import { KVSTORE_STORE, type KvInstanceRecord } from '../products/r-kvstore/model';
import { RDS_STORE, type DbInstanceRecord } from '../products/rds/model';
import { VPC_STORE } from '../products/vpc/model';
import { admits, clusterSourceRanges } from '../products/whitelist';
import type { AccountState } from '../state/registry';
import { getObject, type ClusterObjects, type KubeObject, type PodRun } from './store';

// What a simulated node does with a Pod: picks a node, pulls the image (a registry outside the
// VPC needs internet egress, which a cluster without SNAT lacks), refuses a root image under
// runAsNonRoot or a missing Secret, then runs the container. A container that runs the console's
// pre-flight probe (a script from a ConfigMap that declares `dify-console-probe/v1`) prints one
// JSON line per check, computed from the local cloud's own truth: DNS of the addresses, whether the
// pod's source address passes the instance's VPC and whitelist, the real passwords, the databases
// and the account's rights, Redis's architecture, Milvus's root password. Durations are those of
// the real tools (a blocked connection waits for its 5 s connect timeout). Any other container
// prints nothing and exits 0 after 2 s.

const PROBE_MARK = 'dify-console-probe/v1';
const PULL_MS = 6_000;
const PULL_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 5_000;
type Obj = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** `postgres:16-alpine` → docker.io/library/postgres:16-alpine. */
export function fullImage(image: string): { host: string; ref: string } {
  const first = image.split('/')[0] ?? '';
  const hasHost = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasHost) return { host: first, ref: image };
  const path = image.includes('/') ? image : `library/${image}`;
  return { host: 'docker.io', ref: `docker.io/${path.includes(':') || path.includes('@') ? path : `${path}:latest`}` };
}

/** Why the node cannot pull the image, or undefined. */
function pullError(cluster: ClusterRecord, image: string): string | undefined {
  const { host, ref } = fullImage(image);
  // Registries inside the VPC (ACR VPC endpoints, ACK's own) need no internet.
  if (/-vpc\.|\.vpc\./.test(host) && host.endsWith('.aliyuncs.com')) return undefined;
  if (cluster.internet_egress !== false) return undefined;
  const registry = host === 'docker.io' ? 'registry-1.docker.io' : host;
  const [repo = '', tag = 'latest'] = ref.slice(host.length + 1).split(':');
  return `rpc error: code = DeadlineExceeded desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": failed to do request: Head "https://${registry}/v2/${repo}/manifests/${tag}": dial tcp 54.236.113.205:443: i/o timeout`;
}

function hashNum(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0);
}

// --- the probe's truth --------------------------------------------------------------------------

interface Line {
  check: string;
  ok: boolean;
  code: string;
  detail: string;
  ms: number;
}

interface Target {
  kind: 'postgres' | 'redis' | 'milvus';
  vpcId: string;
  running: boolean;
  ip: string;
  whitelist?: readonly { ips: string }[];
}

function findTarget(account: AccountState, region: string, host: string): { t: Target; rds?: DbInstanceRecord; kv?: KvInstanceRecord; mv?: MilvusRecord } | undefined {
  const h = host.toLowerCase();
  for (const rds of account.store(region, RDS_STORE).instances.values())
    if (rds.ConnectionString.toLowerCase() === h)
      return { t: { kind: 'postgres', vpcId: rds.VpcId, running: rds.DBInstanceStatus === 'Running', ip: rds.IPAddress, whitelist: rds.WhitelistGroups }, rds };
  for (const kv of account.store(region, KVSTORE_STORE).instances.values())
    if (kv.ConnectionDomain.toLowerCase() === h)
      return { t: { kind: 'redis', vpcId: kv.VpcId, running: kv.InstanceStatus === 'Normal', ip: kv.PrivateIp, whitelist: kv.WhitelistGroups }, kv };
  for (const mv of account.store(region, MILVUS_STORE).instances.values())
    if (`${mv.InstanceId}-internal.milvus.aliyuncs.com` === h) {
      const cidr = account.store(region, VPC_STORE).vswitches.get(mv.VswId)?.CidrBlock ?? '172.16.0.0/24';
      const base = (cidr.split('/')[0] ?? '172.16.0.0').split('.').slice(0, 3).join('.');
      return { t: { kind: 'milvus', vpcId: mv.VpcId, running: mv.InstanceStatus === 'running', ip: `${base}.${200 + (hashNum(mv.InstanceId) % 50)}` }, mv };
    }
  return undefined;
}

/** Whether a TCP connection from the cluster's pods gets through (VPC, state, whitelist). */
function reachable(account: AccountState, cluster: ClusterRecord, t: Target): boolean {
  if (t.vpcId !== cluster.vpc_id || !t.running) return false;
  if (!t.whitelist) return true;
  const sw = account.store(cluster.region_id, VPC_STORE).vswitches;
  return clusterSourceRanges(cluster, (id) => sw.get(id)?.CidrBlock).every((r) => admits(t.whitelist ?? [], r));
}

export function probeLines(account: AccountState, cluster: ClusterRecord, env: Record<string, string>): Line[] {
  const region = cluster.region_id;
  const out: Line[] = [];
  const resolve = (name: string, host: string) => {
    const found = host ? findTarget(account, region, host) : undefined;
    out.push(
      found
        ? { check: `dns.${name}`, ok: true, code: 'ok', detail: `${host} ${found.t.ip}`, ms: 12 }
        : { check: `dns.${name}`, ok: false, code: 'nxdomain', detail: `${host}: no such host`, ms: 35 },
    );
    return found;
  };
  const pgHost = env.PG_HOST ?? '';
  const pgPort = env.PG_PORT ?? '5432';
  const redisHost = env.REDIS_HOST ?? '';
  const redisPort = env.REDIS_PORT ?? '6379';
  const milvusHost = env.MILVUS_HOST ?? '';
  const milvusPort = env.MILVUS_PORT ?? '19530';
  const pg = resolve('postgres', pgHost);
  const redis = resolve('redis', redisHost);
  const milvus = resolve('milvus', milvusHost);

  // PostgreSQL: login, then dify and dify_plugin exist or can be created.
  const user = env.PG_USER ?? '';
  const at = pg ? `connection to server at "${pgHost}" (${pg.t.ip}), port ${pgPort} failed: ` : '';
  let pgOk = false;
  let mayCreate = false;
  if (!pg || !pg.rds) out.push({ check: 'postgres.login', ok: false, code: 'dns', detail: `could not translate host name "${pgHost}" to address: Name does not resolve`, ms: 30 });
  else if (!reachable(account, cluster, pg.t)) out.push({ check: 'postgres.login', ok: false, code: 'timeout', detail: `${at}timeout expired`, ms: CONNECT_TIMEOUT_MS });
  else {
    const acct = pg.rds.Accounts.find((a) => a.AccountName === user);
    if (!acct || acct.AccountStatus !== 'Available' || acct.Password !== (env.PGPASSWORD ?? ''))
      out.push({ check: 'postgres.login', ok: false, code: 'auth', detail: `${at}FATAL:  password authentication failed for user "${user}"`, ms: 48 });
    else {
      pgOk = true;
      mayCreate = acct.AccountType === 'Super';
      out.push({ check: 'postgres.login', ok: true, code: 'ok', detail: `server ${pg.rds.EngineVersion}, may create databases: ${mayCreate}`, ms: 41 });
    }
  }
  for (const db of ['dify', 'dify_plugin']) {
    const check = `postgres.db.${db}`;
    if (!pgOk || !pg?.rds) out.push({ check, ok: false, code: 'skipped', detail: 'no login', ms: 0 });
    else if (pg.rds.Databases.some((d) => d.DBName === db)) out.push({ check, ok: true, code: 'exists', detail: `database "${db}" exists`, ms: 9 });
    else if (mayCreate) out.push({ check, ok: true, code: 'creatable', detail: `database "${db}" does not exist; the account may create it`, ms: 9 });
    else out.push({ check, ok: false, code: 'denied', detail: `database "${db}" does not exist and role "${user}" may not create databases`, ms: 9 });
  }

  // Redis: AUTH, a multi-key BRPOP as Celery issues it, a round trip.
  let redisOk = false;
  if (!redis || !redis.kv) out.push({ check: 'redis.auth', ok: false, code: 'dns', detail: `nc: bad address '${redisHost}'`, ms: 30 });
  else if (!reachable(account, cluster, redis.t)) out.push({ check: 'redis.auth', ok: false, code: 'timeout', detail: `nc: ${redis.t.ip} (${redis.t.ip}:${redisPort}): Connection timed out`, ms: CONNECT_TIMEOUT_MS });
  else if (redis.kv.Password !== (env.REDIS_PASSWORD ?? ''))
    out.push({
      check: 'redis.auth',
      ok: false,
      code: 'wrongpass',
      detail: Number.parseFloat(redis.kv.EngineVersion) >= 6 ? 'WRONGPASS invalid username-password pair or user is disabled.' : 'ERR invalid password',
      ms: 3,
    });
  else {
    redisOk = true;
    out.push({ check: 'redis.auth', ok: true, code: 'ok', detail: '+OK', ms: 3 });
  }
  if (!redisOk) {
    out.push({ check: 'redis.mode', ok: false, code: 'skipped', detail: 'no AUTH', ms: 0 });
    out.push({ check: 'redis.roundtrip', ok: false, code: 'skipped', detail: 'no AUTH', ms: 0 });
  } else if (redis?.kv?.ArchitectureType === 'cluster') {
    out.push({ check: 'redis.mode', ok: false, code: 'crossslot', detail: "CROSSSLOT Keys in request don't hash to the same slot", ms: 2 });
    out.push({ check: 'redis.roundtrip', ok: true, code: 'ok', detail: 'SET/GET/DEL answered', ms: 2 });
  } else {
    out.push({ check: 'redis.mode', ok: true, code: 'ok', detail: 'BRPOP over two keys answered (*-1)', ms: 1004 });
    out.push({ check: 'redis.roundtrip', ok: true, code: 'ok', detail: 'SET/GET/DEL answered', ms: 2 });
  }

  // Milvus: a list call with user:password.
  if (!milvus || !milvus.mv) out.push({ check: 'milvus.login', ok: false, code: 'dns', detail: `wget: bad address '${milvusHost}:${milvusPort}'`, ms: 30 });
  else if (!reachable(account, cluster, milvus.t))
    out.push({
      check: 'milvus.login',
      ok: false,
      code: milvus.t.vpcId === cluster.vpc_id ? 'refused' : 'timeout',
      detail: milvus.t.vpcId === cluster.vpc_id ? `wget: can't connect to remote host (${milvus.t.ip}): Connection refused` : 'wget: download timed out',
      ms: milvus.t.vpcId === cluster.vpc_id ? 4 : CONNECT_TIMEOUT_MS,
    });
  else if ((env.MILVUS_USER ?? '') !== 'root' || milvus.mv.RootPassword !== (env.MILVUS_PASSWORD ?? ''))
    out.push({ check: 'milvus.login', ok: false, code: 'auth', detail: '{"code":1800,"message":"auth check failure, please check username and password are correct"}', ms: 22 });
  else out.push({ check: 'milvus.login', ok: true, code: 'ok', detail: '{"code":0,"data":[]}', ms: 25 });
  return out;
}

// --- planning a Pod -----------------------------------------------------------------------------

function secretValue(c: ClusterObjects, ns: string, name: string, key: string): string | { error: string } {
  const s = getObject(c, { apiVersion: 'v1', kind: 'Secret' }, ns, name);
  if (!s) return { error: `secret "${name}" not found` };
  const data = obj(s.data);
  const v = data[key];
  if (typeof v !== 'string') return { error: `couldn't find key ${key} in Secret ${ns}/${name}` };
  return Buffer.from(v, 'base64').toString('utf8');
}

/** The container's environment, or why the kubelet cannot build it. */
function envOf(c: ClusterObjects, ns: string, container: Obj): Record<string, string> | { error: string } {
  const env: Record<string, string> = {};
  for (const e of (container.env as Obj[] | undefined) ?? []) {
    const name = str(e.name);
    if (typeof e.value === 'string') env[name] = e.value;
    const ref = obj(obj(e.valueFrom).secretKeyRef);
    if (ref.name !== undefined) {
      const v = secretValue(c, ns, str(ref.name), str(ref.key));
      if (typeof v !== 'string') return v;
      env[name] = v;
    }
  }
  return env;
}

/** The ConfigMap files mounted into the container, by mount path + key. */
function mountedFiles(c: ClusterObjects, ns: string, podSpec: Obj, container: Obj): Map<string, string> | { missing: string } {
  const files = new Map<string, string>();
  const volumes = (podSpec.volumes as Obj[] | undefined) ?? [];
  for (const m of (container.volumeMounts as Obj[] | undefined) ?? []) {
    const v = volumes.find((x) => x.name === m.name);
    const cmName = obj(v?.configMap).name;
    if (typeof cmName !== 'string') continue;
    const cm = getObject(c, { apiVersion: 'v1', kind: 'ConfigMap' }, ns, cmName);
    if (!cm) return { missing: cmName };
    for (const [k, text] of Object.entries(obj(cm.data))) files.set(`${String(m.mountPath).replace(/\/$/, '')}/${k}`, String(text));
  }
  return files;
}

function runsAsRoot(podSpec: Obj, container: Obj): boolean {
  const pod = obj(podSpec.securityContext);
  const own = obj(container.securityContext);
  const nonRoot = own.runAsNonRoot ?? pod.runAsNonRoot;
  const user = own.runAsUser ?? pod.runAsUser;
  return nonRoot === true && (user === undefined || user === 0);
}

export function planPod(account: AccountState, cluster: ClusterRecord, c: ClusterObjects, pod: KubeObject, now: number): PodRun {
  const ns = pod.metadata.namespace ?? 'default';
  const podSpec = obj(pod.spec);
  const container = obj(((podSpec.containers as Obj[] | undefined) ?? [])[0]);
  const image = str(container.image);
  const workers = cluster.nodes.filter((n) => n.instance_role === 'Worker' && n.node_status === 'Ready');
  const node = workers[hashNum(pod.metadata.name) % Math.max(1, workers.length)];
  const run: PodRun = {
    container: str(container.name),
    image,
    node: node?.node_name ?? '',
    scheduledAt: now,
    pulledAt: now + PULL_MS,
    lines: [],
    restarts: podSpec.restartPolicy === 'Always',
    ready: false,
  };
  if (!node) {
    run.unschedulable = `0/${cluster.nodes.length} nodes are available: ${cluster.nodes.length} node(s) were not ready. preemption: 0/${cluster.nodes.length} nodes are available: ${cluster.nodes.length} Preemption is not helpful for scheduling.`;
    return run;
  }
  const pullFailure = pullError(cluster, image);
  if (pullFailure) {
    run.pullError = pullFailure;
    run.pulledAt = now + PULL_TIMEOUT_MS;
    return run;
  }
  const env = envOf(c, ns, container);
  if ('error' in env) {
    run.configError = env.error;
    return run;
  }
  if (runsAsRoot(podSpec, container)) {
    run.configError = `container has runAsNonRoot and image will run as root (pod: "${pod.metadata.name}_${ns}(${pod.metadata.uid})", container: ${run.container})`;
    return run;
  }
  const files = mountedFiles(c, ns, podSpec, container);
  if ('missing' in files) {
    run.unschedulable = undefined;
    run.configError = `configmap "${files.missing}" not found`;
    return run;
  }
  const argv = [...((container.command as string[] | undefined) ?? []), ...((container.args as string[] | undefined) ?? [])];
  const script = argv.map((a) => files.get(a)).find((text) => text?.includes(PROBE_MARK));
  if (script === undefined) {
    run.exitAfterMs = 2_000;
    run.exitCode = 0;
    return run;
  }
  let offset = 300;
  for (const l of probeLines(account, cluster, env)) {
    offset += l.ms;
    run.lines.push({ offsetMs: offset, text: JSON.stringify(l) });
  }
  run.exitAfterMs = offset + 50;
  run.exitCode = 0;
  return run;
}
