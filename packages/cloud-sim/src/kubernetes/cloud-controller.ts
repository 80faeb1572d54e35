import { createHash } from 'node:crypto';
import type { ClusterRecord } from '../products/cs/model';
import { LB_STORE, type LoadBalancerRecord } from '../products/slb/model';
import { VPC_STORE } from '../products/vpc/model';
import type { AccountState } from '../state/registry';
import {
  deleteObject,
  getObject,
  listObjects,
  patchObject,
  type ClusterObjects,
  type KubeObject,
} from './store';
import type { ControllerContext } from './controllers';
import { recordEvent } from './events';

// The Alibaba Cloud Controller Manager of a cluster, driven by simulated time: a Service of type
// LoadBalancer gets a CLB (or an NLB with `spec.loadBalancerClass: alibabacloud.com/nlb`) after
// CLB_DELAY_MS / NLB_DELAY_MS, with the finalizer, labels, Events and status.loadBalancer.ingress;
// leaving LoadBalancer or deleting releases it.

export const CLB_DELAY_MS = 25_000;
export const NLB_DELAY_MS = 35_000;
export const NLB_CLASS = 'alibabacloud.com/nlb';
export const ANNOTATION = 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-';
const LEGACY_ANNOTATION = 'service.beta.kubernetes.io/alicloud-loadbalancer-';
const FINALIZER = { clb: 'service.k8s.alibaba/resources', nlb: 'service.k8s.alibaba/nlb' } as const;
const LB_ID_LABEL = 'service.k8s.alibaba/loadbalancer-id';
const HASH_LABEL = 'service.beta.kubernetes.io/hash';
export const SERVICE = { apiVersion: 'v1', kind: 'Service' };

type Obj = Record<string, unknown>;

function annotation(svc: KubeObject, suffix: string): string | undefined {
  const a = svc.metadata.annotations ?? {};
  return a[`${ANNOTATION}${suffix}`] ?? a[`${LEGACY_ANNOTATION}${suffix}`];
}

export function spec(o: KubeObject): Obj {
  return (o.spec ?? {}) as Obj;
}
// --- Load balancer addresses -----------------------------------------------------------------------

function usedAddresses(accounts: AccountState[]): Set<string> {
  const used = new Set<string>();
  for (const a of accounts)
    for (const [, s] of a.stores(LB_STORE))
      for (const lb of s.loadBalancers.values()) used.add(lb.Address);
  return used;
}

/** The next free 127.0.100.2 … 127.0.254.254 address (one per load balancer in the whole sim). */
function allocateAddress(accounts: AccountState[]): string {
  const used = usedAddresses(accounts);
  for (let hi = 100; hi < 255; hi++)
    for (let lo = 2; lo < 255; lo++) {
      const ip = `127.0.${hi}.${lo}`;
      if (!used.has(ip)) return ip;
    }
  throw new Error('no loopback address left for a load balancer');
}

function zonePrefix(region: string): string {
  return region === 'cn-hangzhou' ? 'bp1' : region === 'cn-shanghai' ? 'uf6' : 'gw8';
}

// --- CCM ------------------------------------------------------------------------------------------

interface Desired {
  kind: 'clb' | 'nlb';
  addressType: 'internet' | 'intranet';
  spec: string;
  chargeType: string;
  zoneMaps: { ZoneId: string; VSwitchId: string }[];
  reuseId: string | undefined;
}

function desiredOf(svc: KubeObject): Desired | { error: string } {
  const kind = spec(svc).loadBalancerClass === NLB_CLASS ? 'nlb' : 'clb';
  const at = annotation(svc, 'address-type') ?? 'internet';
  if (at !== 'internet' && at !== 'intranet')
    return { error: `address type ${at} is not supported, must be internet or intranet` };
  const zoneMaps: Desired['zoneMaps'] = [];
  const raw = annotation(svc, 'zone-maps');
  if (raw)
    for (const part of raw.split(',')) {
      const [zone, vsw] = part.split(':').map((s) => s.trim());
      if (zone && vsw) zoneMaps.push({ ZoneId: zone, VSwitchId: vsw });
    }
  if (kind === 'nlb' && zoneMaps.length < 2)
    return {
      error:
        'ensure loadbalancer error: zone-maps annotation is required and needs at least two zones (format "zone-a:vsw-a,zone-b:vsw-b")',
    };
  const charge =
    annotation(svc, 'instance-charge-type') ??
    (annotation(svc, 'spec') ? 'PayBySpec' : 'PayByCLCU');
  return {
    kind,
    addressType: at,
    spec: charge === 'PayBySpec' ? (annotation(svc, 'spec') ?? 'slb.s1.small') : '',
    chargeType: charge,
    zoneMaps,
    reuseId: annotation(svc, 'id'),
  };
}

function ingressOf(lb: LoadBalancerRecord): Obj[] {
  return lb.kind === 'nlb'
    ? [{ hostname: lb.DNSName, ipMode: 'Proxy' }]
    : [{ ip: lb.Address, ipMode: 'VIP' }];
}

function component(kind: 'clb' | 'nlb'): string {
  return kind === 'nlb' ? 'nlb-controller' : 'service-controller';
}

function createLb(
  ctx: ControllerContext,
  account: AccountState,
  cluster: ClusterRecord,
  svc: KubeObject,
  d: Desired,
  at: number,
): LoadBalancerRecord {
  const region = cluster.region_id;
  const id =
    d.kind === 'nlb' ? `nlb-${ctx.ids.chars(20)}` : `lb-${zonePrefix(region)}${ctx.ids.chars(20)}`;
  const vsw =
    d.zoneMaps[0]?.VSwitchId ?? annotation(svc, 'vswitch-id') ?? cluster.vswitch_ids[0] ?? '';
  const vswRec = account.store(region, VPC_STORE).vswitches.get(vsw);
  const zone = d.zoneMaps[0]?.ZoneId ?? vswRec?.ZoneId ?? cluster.zone_id;
  const lb: LoadBalancerRecord = {
    LoadBalancerId: id,
    kind: d.kind,
    LoadBalancerName:
      annotation(svc, 'name') ?? `${svc.metadata.uid.replace(/-/g, '').slice(0, 32)}`,
    RegionId: region,
    VpcId: cluster.vpc_id,
    VSwitchId: d.addressType === 'intranet' || d.kind === 'nlb' ? vsw : '',
    AddressType: d.addressType,
    Address: allocateAddress(ctx.accounts),
    ...(d.kind === 'nlb' ? { DNSName: `${id}.${region}.nlb.aliyuncs.com` } : {}),
    LoadBalancerSpec: d.kind === 'clb' ? d.spec : '',
    InstanceChargeType: d.chargeType,
    InternetChargeType: annotation(svc, 'charge-type') ?? 'paybytraffic',
    Bandwidth: Number(annotation(svc, 'bandwidth') ?? 5120),
    ZoneMappings: d.zoneMaps,
    MasterZoneId: annotation(svc, 'master-zoneid') ?? zone,
    SlaveZoneId: annotation(svc, 'slave-zoneid') ?? '',
    CreateTime: at,
    ResourceGroupId: annotation(svc, 'resource-group-id') ?? cluster.resource_group_id,
    DeleteProtection: annotation(svc, 'delete-protection') === 'off' ? 'off' : 'on',
    ModificationProtection:
      annotation(svc, 'modification-protection') === 'NonProtection'
        ? 'NonProtection'
        : 'ConsoleProtection',
    Tags: [
      { Key: 'kubernetes.do.not.delete', Value: `a${svc.metadata.uid.replace(/-/g, '')}` },
      { Key: 'ack.aliyun.com', Value: cluster.cluster_id },
    ],
    owner: {
      clusterId: cluster.cluster_id,
      namespace: svc.metadata.namespace ?? 'default',
      name: svc.metadata.name,
      uid: svc.metadata.uid,
    },
  };
  account.store(region, LB_STORE).loadBalancers.set(id, lb);
  return lb;
}

function hashOf(svc: KubeObject): string {
  return createHash('sha1')
    .update(JSON.stringify([spec(svc).ports, svc.metadata.annotations ?? {}]))
    .digest('hex')
    .slice(0, 40);
}

function serveService(c: ClusterObjects, svc: KubeObject, lb: LoadBalancerRecord): void {
  const want = ingressOf(lb);
  const fin = FINALIZER[lb.kind];
  const labels = svc.metadata.labels ?? {};
  const st = (svc.status ?? {}) as Obj;
  const cur = ((st.loadBalancer ?? {}) as Obj).ingress;
  if (
    (svc.metadata.finalizers as string[] | undefined)?.includes(fin) &&
    labels[LB_ID_LABEL] === lb.LoadBalancerId &&
    JSON.stringify(cur) === JSON.stringify(want)
  )
    return;
  patchObject(c, SERVICE, svc.metadata.namespace, svc.metadata.name, (o) => {
    const fins = (o.metadata.finalizers as string[] | undefined) ?? [];
    if (!fins.includes(fin)) o.metadata.finalizers = [...fins, fin];
    o.metadata.labels = {
      ...(o.metadata.labels ?? {}),
      [LB_ID_LABEL]: lb.LoadBalancerId,
      [HASH_LABEL]: hashOf(svc),
    };
    o.status = { ...((o.status ?? {}) as Obj), loadBalancer: { ingress: want } };
  });
}

function releaseService(c: ClusterObjects, svc: KubeObject | undefined): void {
  if (!svc) return;
  const fins = (svc.metadata.finalizers as string[] | undefined) ?? [];
  const labels = svc.metadata.labels ?? {};
  const ours: string[] = fins.filter((f) => f === FINALIZER.clb || f === FINALIZER.nlb);
  if (ours.length === 0 && labels[LB_ID_LABEL] === undefined) return;
  const updated = patchObject(c, SERVICE, svc.metadata.namespace, svc.metadata.name, (o) => {
    o.metadata.finalizers = fins.filter((f) => !ours.includes(f));
    if ((o.metadata.finalizers as string[]).length === 0) delete o.metadata.finalizers;
    const l = { ...(o.metadata.labels ?? {}) };
    delete l[LB_ID_LABEL];
    delete l[HASH_LABEL];
    o.metadata.labels = l;
    if (spec(o).type !== 'LoadBalancer') o.status = { loadBalancer: {} };
  });
  finalizeIfDone(c, updated);
}

/** Deletes an object whose deletion was waiting only for finalizers that are now gone. */
export function finalizeIfDone(c: ClusterObjects, o: KubeObject): boolean {
  const fins = (o.metadata.finalizers as string[] | undefined) ?? [];
  if (o.metadata.deletionTimestamp === undefined || fins.length > 0) return false;
  deleteObject(c, o, o.metadata.namespace, o.metadata.name);
  return true;
}

export function ccm(
  ctx: ControllerContext,
  account: AccountState,
  cluster: ClusterRecord,
  c: ClusterObjects,
  now: number,
): boolean {
  const store = account.store(cluster.region_id, LB_STORE);
  const before = c.resourceVersion;
  let changed = false;
  const services = listObjects(c, SERVICE);
  const lbFor = (svc: KubeObject) =>
    [...store.loadBalancers.values()].find(
      (lb) =>
        lb.owner.clusterId === cluster.cluster_id &&
        lb.owner.namespace === svc.metadata.namespace &&
        lb.owner.name === svc.metadata.name &&
        lb.owner.uid === svc.metadata.uid,
    );

  for (const svc of services) {
    const key = `${cluster.cluster_id}/${svc.metadata.namespace}/${svc.metadata.name}`;
    const s = spec(svc);
    const cls = s.loadBalancerClass as string | undefined;
    const ours = cls === undefined || cls === NLB_CLASS;
    const wants = s.type === 'LoadBalancer' && ours && svc.metadata.deletionTimestamp === undefined;
    const lb = lbFor(svc);
    if (!wants) {
      if (store.pending.delete(key)) changed = true;
      if (lb) {
        store.loadBalancers.delete(lb.LoadBalancerId);
        recordEvent(
          c,
          svc,
          {
            type: 'Normal',
            reason: 'DeletedLoadBalancer',
            message: `Deleted load balancer ${lb.LoadBalancerId}`,
            component: component(lb.kind),
          },
          now,
        );
        changed = true;
      }
      if (ours) releaseService(c, getObject(c, SERVICE, svc.metadata.namespace, svc.metadata.name));
      continue;
    }
    const d = desiredOf(svc);
    if (!lb) {
      let p = store.pending.get(key);
      if (!p || p.uid !== svc.metadata.uid) {
        p = { uid: svc.metadata.uid, since: now };
        store.pending.set(key, p);
        recordEvent(
          c,
          svc,
          {
            type: 'Normal',
            reason: 'EnsuringLoadBalancer',
            message: 'Ensuring load balancer',
            component: component('error' in d ? 'clb' : d.kind),
          },
          now,
        );
        changed = true;
      }
      const delay = 'error' in d || d.kind === 'clb' ? CLB_DELAY_MS : NLB_DELAY_MS;
      const due = p.since + delay;
      if (now < due) continue;
      let error = 'error' in d ? d.error : undefined;
      if (!error && !('error' in d) && d.reuseId !== undefined) {
        const reused = store.loadBalancers.get(d.reuseId);
        error = reused
          ? 'ensure loadbalancer error: can not reuse loadbalancer created by kubernetes.'
          : `ensure loadbalancer error: loadbalancer ${d.reuseId} not found (InvalidLoadBalancerId.NotFound)`;
      }
      if (error) {
        if (p.error !== error) {
          p.error = error;
          recordEvent(
            c,
            svc,
            {
              type: 'Warning',
              reason: 'SyncLoadBalancerFailed',
              message: `Error syncing load balancer [${key.split('/').slice(1).join('/')}]: Message: ${error}`,
              component: 'service-controller',
            },
            due,
          );
          changed = true;
        }
        continue;
      }
      const dd = d as Desired;
      const created = createLb(ctx, account, cluster, svc, dd, due);
      store.pending.delete(key);
      serveService(c, svc, created);
      const fresh = getObject(c, SERVICE, svc.metadata.namespace, svc.metadata.name) ?? svc;
      recordEvent(
        c,
        fresh,
        {
          type: 'Normal',
          reason: 'EnsuredLoadBalancer',
          message: 'Ensured load balancer',
          component: component(dd.kind),
        },
        due,
      );
      changed = true;
      continue;
    }
    // The LB exists: apply what may change, refuse what may not.
    let error: string | undefined;
    if ('error' in d) error = d.error;
    else if (d.kind !== lb.kind)
      error =
        'ensure loadbalancer error: can not change LoadBalancer type (loadBalancerClass) once created. delete and retry';
    else if (d.addressType !== lb.AddressType) {
      if (lb.kind === 'clb')
        error = `ensure loadbalancer error: can not change LoadBalancer AddressType once created. delete and retry`;
      else lb.AddressType = d.addressType;
    }
    if (error) {
      if (lb.lastError !== error) {
        lb.lastError = error;
        recordEvent(
          c,
          svc,
          {
            type: 'Warning',
            reason: 'SyncLoadBalancerFailed',
            message: `Error syncing load balancer [${lb.LoadBalancerId}]: Message: ${error}`,
            component: component(lb.kind),
          },
          now,
        );
        changed = true;
      }
      serveService(c, svc, lb);
      continue;
    }
    if (lb.kind === 'clb' && !('error' in d) && d.spec !== lb.LoadBalancerSpec) {
      lb.LoadBalancerSpec = d.spec;
      lb.InstanceChargeType = d.chargeType;
      changed = true;
    }
    if (lb.lastError !== undefined) {
      delete lb.lastError;
      recordEvent(
        c,
        svc,
        {
          type: 'Normal',
          reason: 'EnsuredLoadBalancer',
          message: 'Ensured load balancer',
          component: component(lb.kind),
        },
        now,
      );
      changed = true;
    }
    serveService(c, svc, lb);
  }
  // Load balancers whose Service is gone (namespace deleted, restored state): released.
  for (const lb of [...store.loadBalancers.values()]) {
    if (lb.owner.clusterId !== cluster.cluster_id) continue;
    if (!services.some((s) => s.metadata.uid === lb.owner.uid && spec(s).type === 'LoadBalancer')) {
      store.loadBalancers.delete(lb.LoadBalancerId);
      changed = true;
    }
  }
  return changed || c.resourceVersion !== before;
}
