import { describe, expect, it } from 'vitest';
import { CloudError } from '../../errors/cloud-error';
import { AccountContext } from '../account';
import type { ServiceInstanceRecord } from '../../ports/deployments';
import { AccessService } from './access.service';
import type { AddonsPort, ClusterApi, EdgePort, EdgeResponse, EventRecord, IngressObject, MergePatch, SecretObject, ServiceObject } from '../../ports/access';

/** The access service against in-memory fakes: failure paths and decisions the local cloud does not reach. */

const record = (over: Partial<ServiceInstanceRecord> = {}): ServiceInstanceRecord => ({
  ServiceInstanceId: 'si-abc',
  Name: 'dify',
  Status: 'Deployed',
  Progress: 100,
  StatusDetail: '',
  Outputs: '{}',
  Parameters: JSON.stringify({ RegionId: 'cn-hangzhou', ClusterId: 'c1' }),
  TemplateName: 't',
  CreateTime: '',
  UpdateTime: '',
  ...over,
});

const clusterIpService = (): ServiceObject => ({
  metadata: { name: 'ack-dify', namespace: 'dify-system', resourceVersion: '1', annotations: {} },
  spec: { type: 'ClusterIP', ports: [{ port: 80 }] },
  status: { loadBalancer: { ingress: [] } },
});

function merge(target: Record<string, unknown>, patch: MergePatch): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else if (typeof v === 'object') {
      const sub = (target[k] && typeof target[k] === 'object' ? target[k] : (target[k] = {})) as Record<string, unknown>;
      merge(sub, v);
    } else target[k] = v;
  }
}

class FakeCluster implements ClusterApi {
  service: ServiceObject | null = clusterIpService();
  ingress: IngressObject | null = null;
  secret: SecretObject | null = null;
  events: EventRecord[] = [];
  writes: string[] = [];
  conflicts = 0;
  async readService(_ns: string, name: string) {
    return name === 'ack-dify' ? structuredClone(this.service) : null;
  }
  async patchService(_ns: string, _name: string, patch: MergePatch) {
    if (this.conflicts > 0) {
      this.conflicts -= 1;
      throw new CloudError({ code: 'Kubernetes.Conflict', message: 'modified', httpStatus: 409, action: 'PatchService' });
    }
    this.writes.push(`patch ${JSON.stringify(patch)}`);
    merge(this.service as unknown as Record<string, unknown>, patch);
    return structuredClone(this.service as ServiceObject);
  }
  async readIngress() {
    return structuredClone(this.ingress);
  }
  async createIngress(_ns: string, body: IngressObject) {
    this.writes.push('create ingress');
    this.ingress = structuredClone(body);
    return body;
  }
  async replaceIngress(_ns: string, _n: string, body: IngressObject) {
    this.writes.push('replace ingress');
    this.ingress = structuredClone(body);
    return body;
  }
  async deleteIngress() {
    this.writes.push('delete ingress');
    this.ingress = null;
  }
  async readSecret() {
    return structuredClone(this.secret);
  }
  async createSecret(_ns: string, body: SecretObject) {
    this.writes.push('create secret');
    this.secret = body;
    return body;
  }
  async replaceSecret(_ns: string, _n: string, body: SecretObject) {
    this.writes.push('replace secret');
    this.secret = body;
    return body;
  }
  async deleteSecret() {
    this.writes.push('delete secret');
    this.secret = null;
  }
  async listEvents() {
    return this.events;
  }
  async readIngressClass() {
    return null;
  }
}

class FakeAddons implements AddonsPort {
  instance: { name: string; version: string; state: string } | null = null;
  task = { task_id: 'T1', state: 'running', error: null as { code?: string; message?: string } | null };
  installs: unknown[] = [];
  async getClusterAddonInstance() {
    return this.instance;
  }
  async listAddons() {
    return [{ name: 'nginx-ingress-controller', version: 'v1.12.1-aliyun.1' }];
  }
  async installClusterAddons(_r: string, _c: string, addons: unknown[]) {
    this.installs.push(addons);
    return { taskId: 'T1' };
  }
  async describeTaskInfo() {
    return this.task;
  }
}

class FakeEdge implements EdgePort {
  names = new Map<string, string[]>();
  answer: (path: string) => EdgeResponse = (path) =>
    path === '/install'
      ? { status: 200, body: '<title>Dify</title>', chunkTimes: [1] }
      : path.startsWith('/console/api/setup')
        ? { status: 200, body: '{"step":"finished"}', chunkTimes: [1] }
        : path.startsWith('/console/api/files')
          ? { status: 401, body: '{}', chunkTimes: [1] }
          : { status: 200, body: 'data: 1\n\n'.repeat(5), chunkTimes: [5, 155, 305, 455, 605] };
  async resolve(hostname: string) {
    return this.names.get(hostname) ?? [];
  }
  async request(_t: unknown, req: { path: string }) {
    return this.answer(req.path);
  }
}

function setup(over: Partial<ServiceInstanceRecord> = {}, options: { httpPort?: number; httpsPort?: number } = {}) {
  const cluster = new FakeCluster();
  const addons = new FakeAddons();
  const edge = new FakeEdge();
  const service = new AccessService(
    { computeNest: { getServiceInstance: async () => record(over) }, clusters: { cluster: () => cluster }, addons, edge },
    new AccountContext({ getCallerIdentity: async () => ({ AccountId: '100' }) }),
    { httpPort: options.httpPort ?? 80, httpsPort: options.httpsPort ?? 443 },
  );
  return { cluster, addons, edge, service };
}

describe('AccessService', () => {
  it('reports a failed load balancer with the cloud controller event in plain words', async () => {
    const { cluster, service } = setup();
    await service.put('si-abc', { kind: 'loadBalancer', addressType: 'intranet' }, 'en');
    cluster.events = [
      { reason: 'EnsuringLoadBalancer', message: 'Ensuring load balancer', type: 'Normal', kind: 'Service', at: 1 },
      { reason: 'SyncLoadBalancerFailed', message: 'Error syncing load balancer: failed to ensure load balancer: OrderFailed: the account balance is insufficient', type: 'Warning', kind: 'Service', at: 2 },
    ];
    const s = await service.get('si-abc', 'en');
    expect(s).toMatchObject({ kind: 'loadBalancer', state: 'failed', settings: { addressType: 'intranet' } });
    expect(s.reason).toBe('The load balancer could not be set up (OrderFailed: the account balance is insufficient). Correct it and apply again');
  });

  it('a CLB cannot change its address type: back to ClusterIP first, then a new one', async () => {
    const { cluster, service } = setup();
    await service.put('si-abc', { kind: 'loadBalancer', addressType: 'internet' }, 'en');
    cluster.writes = [];
    await service.put('si-abc', { kind: 'loadBalancer', addressType: 'intranet' }, 'en');
    expect(cluster.writes).toHaveLength(2);
    expect(cluster.writes[0]).toContain('"type":"ClusterIP"');
    expect(cluster.writes[1]).toContain('address-type":"intranet"');
    expect(cluster.service?.metadata.annotations?.['service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type']).toBe('intranet');
  });

  it('retries once when the cluster reports a concurrent change (409 Conflict)', async () => {
    const { cluster, service } = setup();
    cluster.conflicts = 1;
    const s = await service.put('si-abc', { kind: 'loadBalancer', addressType: 'internet' }, 'en');
    expect(s.kind).toBe('loadBalancer');
    expect(cluster.writes).toHaveLength(1);
  });

  it('a host-name address (NLB): the URL shows the name, the port only when not default, the checks connect to its resolved IP', async () => {
    const { cluster, edge, service } = setup({}, { httpPort: 80 });
    await service.put('si-abc', { kind: 'loadBalancer', addressType: 'internet' }, 'en');
    (cluster.service as ServiceObject).status.loadBalancer.ingress = [{ hostname: 'nlb-x.cn-hangzhou.nlb.aliyuncsslb.com' }];
    edge.names.set('nlb-x.cn-hangzhou.nlb.aliyuncsslb.com', ['10.0.0.9']);
    const s = await service.get('si-abc', 'en');
    expect(s).toMatchObject({ state: 'ready', address: { ip: null, hostname: 'nlb-x.cn-hangzhou.nlb.aliyuncsslb.com' }, url: 'http://nlb-x.cn-hangzhou.nlb.aliyuncsslb.com/install' });
    await service.settle();
    const checked = await service.get('si-abc', 'en');
    expect(checked.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('reports a proxy that answers 413 and a stream that arrives in one lump, saying what to do', async () => {
    const { cluster, edge, addons, service } = setup({}, { httpPort: 8080 });
    addons.instance = { name: 'nginx-ingress-controller', version: 'v1', state: 'active' };
    await service.put('si-abc', { kind: 'ingress', host: 'dify.example.com' }, 'zh-CN');
    (cluster.ingress as IngressObject).status.loadBalancer.ingress = [{ ip: '47.1.2.3' }];
    const base = edge.answer;
    edge.answer = (path) =>
      path.startsWith('/console/api/files')
        ? { status: 413, body: '', chunkTimes: [1] }
        : path.startsWith('/console/api/stream')
          ? { status: 200, body: 'data: 1\n\n'.repeat(5), chunkTimes: [600] }
          : base(path);
    const s = await service.get('si-abc', 'en');
    expect(s).toMatchObject({ url: 'http://dify.example.com:8080/install', hostsLine: '47.1.2.3 dify.example.com' });
    await service.settle();
    const checks = (await service.get('si-abc', 'en')).checks;
    expect(checks.map((c) => c.status)).toEqual(['pass', 'fail', 'fail']);
    expect(checks[1]?.detail).toMatch(/HTTP 413.*proxy-body-size/);
    expect(checks[2]?.detail).toMatch(/one lump.*proxy-buffering: "off"/);
  });

  it('follows the add-on installation task: installing, then failed with the task error', async () => {
    const { addons, service } = setup();
    const first = await service.put('si-abc', { kind: 'ingress', host: 'dify.example.com', installAddon: true }, 'en');
    expect(addons.installs).toEqual([[{ name: 'nginx-ingress-controller', version: 'v1.12.1-aliyun.1', config: '{"IngressSlbNetworkType":"internet"}' }]]);
    expect(first).toMatchObject({ state: 'pending', addon: { installed: false, state: 'installing' } });
    addons.task = { task_id: 'T1', state: 'failed', error: { code: 'QuotaExceeded.Slb', message: 'the SLB quota is used up' } };
    const failed = await service.get('si-abc', 'en');
    expect(failed).toMatchObject({ state: 'failed', addon: { installed: false, state: 'failed' } });
    expect(failed.reason).toMatch(/Installing the nginx Ingress add-on failed \(the SLB quota is used up\)/);
    // Applying again after a failed installation starts a new one.
    await service.put('si-abc', { kind: 'ingress', host: 'dify.example.com', installAddon: true }, 'en');
    expect(addons.installs).toHaveLength(2);
  });

  it('refuses a deployment without a cluster, and a cluster without Dify, clearly', async () => {
    await expect(setup({ Parameters: '{}' }).service.get('si-abc', 'en')).rejects.toMatchObject({ status: 409, problem: { code: 'DeploymentWithoutCluster' } });
    const { cluster, service } = setup();
    cluster.service = null;
    await expect(service.get('si-abc', 'en')).rejects.toMatchObject({ status: 409, problem: { code: 'DifyServiceMissing', message: expect.stringMatching(/no Service ack-dify/) } });
  });
});
