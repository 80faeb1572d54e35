import { CloudError } from '../errors/cloud-error';
import type {
  ComputeNestPort,
  CreateServiceInstanceInput,
  EstimateRecord,
  LogRecord,
  ResourceRecord,
  ServiceInstanceRecord,
} from '../ports/deployments';
import type { ComputeNestPreflightPort } from '../ports/preflight';

type DeployableResult = Awaited<ReturnType<ComputeNestPreflightPort['checkServiceDeployable']>>[number];
type MissingPolicy = Awaited<ReturnType<ComputeNestPreflightPort['generateServicePolicy']>>[number];

/** An in-memory ComputeNestPort (and the pre-flight's) for the service tests: state set by the test, calls counted. */
export class FakeComputeNest implements ComputeNestPort, ComputeNestPreflightPort {
  readonly calls: { action: string; args: unknown }[] = [];
  readonly instances = new Map<string, ServiceInstanceRecord>();
  readonly logs = new Map<string, LogRecord[]>();
  readonly resources = new Map<string, ResourceRecord[]>();
  private readonly tokens = new Map<string, string>();
  estimate: Record<string, EstimateRecord> = {};
  /** CheckServiceDeployable's results (default: none, i.e. deployable). */
  deployable: DeployableResult[] = [];
  /** GenerateServicePolicy's MissingPolicy (default: nothing missing). */
  missingPolicy: MissingPolicy[] = [];
  /** What a dry run throws (default: nothing, the order would be accepted). */
  dryRunError: CloudError | null = null;
  /** Delay of every call, ms. */
  latencyMs = 0;
  pageSize = 2;
  private seq = 0;

  count(action: string): number {
    return this.calls.filter((c) => c.action === action).length;
  }

  private async record(action: string, args: unknown) {
    this.calls.push({ action, args });
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
  }

  add(over: Partial<ServiceInstanceRecord> & { ServiceInstanceId: string }): ServiceInstanceRecord {
    const record: ServiceInstanceRecord = {
      Name: over.ServiceInstanceId,
      Status: 'Created',
      Progress: 0,
      StatusDetail: '',
      Outputs: '',
      Parameters: JSON.stringify({ RegionId: 'cn-hangzhou' }),
      TemplateName: '高可用版-已有资源',
      CreateTime: '2026-01-01T00:00:00Z',
      UpdateTime: '2026-01-01T00:00:00Z',
      Service: { ServiceId: 'service-c8afb895dd314f70a020' },
      ...over,
    };
    this.instances.set(record.ServiceInstanceId, record);
    return record;
  }

  update(id: string, over: Partial<ServiceInstanceRecord>): void {
    const r = this.instances.get(id);
    if (r) this.instances.set(id, { ...r, ...over });
  }

  log(id: string, content: string, status?: string): void {
    const list = this.logs.get(id) ?? [];
    list.push({ Timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, list.length)).toISOString(), Content: content, ...(status ? { Status: status } : {}) });
    this.logs.set(id, list);
  }

  async getServiceEstimateCost(input: { serviceId: string; templateName: string; parameters: Record<string, unknown> }) {
    await this.record('GetServiceEstimateCost', input);
    return this.estimate;
  }

  async createServiceInstance(input: CreateServiceInstanceInput) {
    await this.record('CreateServiceInstance', input);
    const known = this.tokens.get(input.clientToken);
    if (known) return { ServiceInstanceId: known };
    this.seq += 1;
    const id = `si-fake${this.seq}`;
    this.tokens.set(input.clientToken, id);
    this.add({ ServiceInstanceId: id, Name: input.name, Tags: input.tags ?? [], Parameters: JSON.stringify(input.parameters), CreateTime: new Date(Date.UTC(2026, 0, 1, 0, this.seq)).toISOString() });
    return { ServiceInstanceId: id };
  }

  async dryRunServiceInstance(input: CreateServiceInstanceInput) {
    await this.record('CreateServiceInstance', { ...input, dryRun: true });
    if (this.dryRunError) throw this.dryRunError;
  }

  async getServiceInstance(id: string) {
    await this.record('GetServiceInstance', id);
    const r = this.instances.get(id);
    if (!r) throw new CloudError({ code: 'ServiceInstanceNotFound', message: `The service instance ${id} does not exist.`, httpStatus: 404, action: 'GetServiceInstance' });
    return { ...r };
  }

  private page<T>(all: T[], nextToken: string | undefined) {
    const start = nextToken ? Number(nextToken) : 0;
    const items = all.slice(start, start + this.pageSize);
    const next = start + this.pageSize < all.length ? String(start + this.pageSize) : undefined;
    return { items, nextToken: next };
  }

  async listServiceInstances(input: { filters?: { Name: string; Value: string[] }[]; nextToken?: string | undefined }) {
    await this.record('ListServiceInstances', input);
    let all = [...this.instances.values()];
    for (const f of input.filters ?? []) {
      if (f.Name === 'ServiceInstanceName') all = all.filter((i) => f.Value.some((v) => i.Name.includes(v)));
      if (f.Name === 'ServiceId') all = all.filter((i) => f.Value.includes(i.Service?.ServiceId ?? ''));
    }
    return this.page(all, input.nextToken);
  }

  async listServiceInstanceLogs(id: string, input: { nextToken?: string | undefined; startTime?: string | undefined } = {}) {
    await this.record('ListServiceInstanceLogs', { id, ...input });
    const all = (this.logs.get(id) ?? []).filter((l) => !input.startTime || l.Timestamp >= input.startTime);
    return this.page(all, input.nextToken);
  }

  async listServiceInstanceResources(id: string, input: { nextToken?: string | undefined } = {}) {
    await this.record('ListServiceInstanceResources', { id, ...input });
    return this.page(this.resources.get(id) ?? [], input.nextToken);
  }

  async checkServiceDeployable(input: { serviceId: string; prePaidAmount: number; postPaidAmount: number }) {
    await this.record('CheckServiceDeployable', input);
    return this.deployable.map((r) => ({ ...r }));
  }

  async generateServicePolicy(input: { serviceId: string; templateName: string; parameters: Record<string, unknown> }) {
    await this.record('GenerateServicePolicy', input);
    return this.missingPolicy.map((m) => ({ ...m, Action: [...m.Action] }));
  }

  async deleteServiceInstances(ids: string[], clientToken?: string) {
    await this.record('DeleteServiceInstances', { ids, clientToken });
    for (const id of ids) this.update(id, { Status: 'Deleting' });
  }
}

/** Form values of a deployment, for the service tests (passwords are test values). */
export const TEST_PARAMS = {
  vpcId: 'vpc-main',
  clusterId: 'c900cca321576a513b7afa8ad1175dc21',
  postgresInstanceId: 'pgm-abc',
  postgresAccount: 'postgres',
  postgresPassword: 'Pg#Secret2026',
  redisInstanceId: 'r-abc',
  redisPassword: 'Rd_Secret2026',
  milvusInstanceId: 'c-m1',
  milvusEndpoint: 'c-m1-internal.milvus.aliyuncs.com',
  milvusUser: 'root',
  milvusPassword: 'Mv#Secret2026',
  highAvailability: true,
};
