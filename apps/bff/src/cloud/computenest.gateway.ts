import { z } from 'zod';
import type { CloudTransport, ParamValue } from './pop-client';
import type { CreateServiceInstanceInput } from '../ports/deployments';
import { isCloudError } from '../errors/cloud-error';
import { parseWire } from './wire';

/**
 * Compute Nest (ComputeNest 2021-06-01, RPC). Every call goes to the API region
 * (COMPUTE_NEST_REGION); the region Dify is deployed to travels inside `Parameters` (`RegionId`).
 * `Parameters` and `Commodity` are JSON strings; lists are plain arrays with NextToken paging.
 */

const emptyString = z.string().nullish().transform((v) => v ?? '');
/** Amounts and counts may come as numbers or numeric strings. */
const num = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? 0 : Number(v)))
  .pipe(z.number());

export const EstimateResourceWire = z.looseObject({
  Type: emptyString,
  Success: z.boolean().nullish(),
  Result: z
    .looseObject({
      Order: z
        .looseObject({
          Currency: emptyString,
          TradeAmount: num,
          OriginalAmount: num,
          DiscountAmount: num,
        })
        .nullish(),
      OrderSupplement: z
        .looseObject({
          PriceUnit: emptyString,
          ChargeType: emptyString,
          Quantity: num,
        })
        .nullish(),
    })
    .nullish(),
  Code: z.string().nullish(),
  Message: z.string().nullish(),
});
const GetServiceEstimateCostWire = z.looseObject({
  RequestId: z.string().optional(),
  Resources: z.record(z.string(), EstimateResourceWire).nullish(),
  Commodity: z.unknown().optional(),
});

export const ServiceInstanceWire = z.looseObject({
  ServiceInstanceId: z.string(),
  Name: emptyString,
  Status: z.string(),
  Progress: num,
  StatusDetail: emptyString,
  Outputs: emptyString,
  Parameters: emptyString,
  Resources: emptyString,
  TemplateName: emptyString,
  CreateTime: emptyString,
  UpdateTime: emptyString,
  Service: z.looseObject({ ServiceId: emptyString, Version: emptyString }).nullish(),
  ResourceGroupId: z.string().nullish(),
  Tags: z.array(z.looseObject({ Key: z.string(), Value: emptyString })).nullish(),
});

const ListServiceInstancesWire = z.looseObject({
  RequestId: z.string().optional(),
  ServiceInstances: z.array(ServiceInstanceWire).nullish(),
  NextToken: z.string().nullish(),
  TotalCount: num.optional(),
});

export const ServiceInstanceLogWire = z.looseObject({
  Timestamp: emptyString,
  Content: emptyString,
  Status: z.string().nullish(),
  LogType: z.string().nullish(),
  ResourceId: z.string().nullish(),
  ResourceType: z.string().nullish(),
});
const ListServiceInstanceLogsWire = z.looseObject({
  RequestId: z.string().optional(),
  ServiceInstancesLogs: z.array(ServiceInstanceLogWire).nullish(),
  NextToken: z.string().nullish(),
});

export const ServiceInstanceResourceWire = z.looseObject({
  ResourceARN: z.string(),
  ProductCode: emptyString,
  ProductType: emptyString,
  Status: emptyString,
});
const ListServiceInstanceResourcesWire = z.looseObject({
  RequestId: z.string().optional(),
  Resources: z.array(ServiceInstanceResourceWire).nullish(),
  NextToken: z.string().nullish(),
});

const CreateServiceInstanceWire = z.looseObject({
  RequestId: z.string().optional(),
  ServiceInstanceId: z.string(),
  Status: z.string().nullish(),
});

const CheckServiceDeployableWire = z.looseObject({
  CheckResults: z
    .array(
      z.looseObject({
        Type: emptyString,
        Value: z.union([z.string(), z.boolean()]).nullish().transform((v) => String(v ?? '')),
        Message: emptyString,
      }),
    )
    .nullish()
    .transform((v) => v ?? []),
});
const GenerateServicePolicyWire = z.looseObject({
  Policy: emptyString,
  MissingPolicy: z
    .array(z.looseObject({ ServiceName: emptyString, Action: z.array(z.string()).nullish().transform((v) => v ?? []), Resource: emptyString }))
    .nullish()
    .transform((v) => v ?? []),
});

const GetServiceWire = z.looseObject({
  RequestId: z.string().optional(),
  ServiceId: z.string(),
  Version: z.string(),
  VersionName: emptyString,
  DeployMetadata: emptyString,
});

export const COMPUTE_NEST_PAGE_SIZE = 100;

export interface InstanceFilter {
  Name: string;
  Value: string[];
}

export class ComputeNestGateway {
  constructor(
    private readonly transport: CloudTransport,
    /** The API region: cn-hangzhou (China site) or ap-southeast-1 (international site). */
    private readonly apiRegion: string,
  ) {}

  private call(action: string, params: Record<string, ParamValue>, idempotent = false) {
    return this.transport.rpc('computenest', this.apiRegion, action, { RegionId: this.apiRegion, ...params }, { idempotent });
  }

  /** GetService: the service in a version (its default one without), DeployMetadata a JSON string. */
  async getService(input: { serviceId: string; serviceVersion?: string | undefined }) {
    const raw = await this.call('GetService', { ServiceId: input.serviceId, ServiceVersion: input.serviceVersion });
    return parseWire(GetServiceWire, raw, 'GetService');
  }

  /** GetServiceEstimateCost: price of every resource the template would create. */
  async getServiceEstimateCost(input: { serviceId: string; serviceVersion?: string | undefined; templateName: string; parameters: Record<string, unknown> }) {
    const raw = await this.call('GetServiceEstimateCost', {
      ServiceId: input.serviceId,
      ServiceVersion: input.serviceVersion,
      TemplateName: input.templateName,
      Parameters: JSON.stringify(input.parameters),
    });
    return parseWire(GetServiceEstimateCostWire, raw, 'GetServiceEstimateCost').Resources ?? {};
  }

  private createCall(input: CreateServiceInstanceInput, dryRun: boolean) {
    return this.call(
      'CreateServiceInstance',
      {
        ServiceId: input.serviceId,
        ServiceVersion: input.serviceVersion,
        TemplateName: input.templateName,
        Name: input.name,
        Parameters: JSON.stringify(input.parameters),
        ClientToken: input.clientToken,
        DryRun: dryRun || undefined,
        Tag: input.tags,
        ResourceGroupId: input.resourceGroupId,
      },
      true,
    );
  }

  /** CreateServiceInstance, idempotent by ClientToken: retried with the same token. */
  async createServiceInstance(input: CreateServiceInstanceInput) {
    return parseWire(CreateServiceInstanceWire, await this.createCall(input, false), 'CreateServiceInstance');
  }

  /**
   * CreateServiceInstance with `DryRun=true`: resolves when Compute Nest accepts the order. How a
   * passing dry run answers is not documented, so both forms count: HTTP 200 (no instance ID) or the
   * `DryRunOperation` error, the gateway's dry-run code. Any other error is thrown.
   */
  async dryRunServiceInstance(input: CreateServiceInstanceInput): Promise<void> {
    try {
      await this.createCall(input, true);
    } catch (err) {
      if (isCloudError(err) && err.code === 'DryRunOperation') return;
      throw err;
    }
  }

  async getServiceInstance(serviceInstanceId: string) {
    const raw = await this.call('GetServiceInstance', { ServiceInstanceId: serviceInstanceId });
    return parseWire(ServiceInstanceWire, raw, 'GetServiceInstance');
  }

  /** One page of ListServiceInstances; `Filter.N.Name` + `Filter.N.Value.M`. */
  async listServiceInstances(input: { filters?: InstanceFilter[]; nextToken?: string | undefined; maxResults?: number }) {
    const raw = await this.call('ListServiceInstances', {
      Filter: input.filters?.map((f) => ({ Name: f.Name, Value: f.Value })),
      MaxResults: input.maxResults ?? COMPUTE_NEST_PAGE_SIZE,
      NextToken: input.nextToken || undefined,
    });
    const body = parseWire(ListServiceInstancesWire, raw, 'ListServiceInstances');
    return { items: body.ServiceInstances ?? [], nextToken: body.NextToken || undefined };
  }

  /** One page of the deployment log, oldest first. */
  async listServiceInstanceLogs(
    serviceInstanceId: string,
    input: { nextToken?: string | undefined; maxResults?: number; startTime?: string | undefined } = {},
  ) {
    const raw = await this.call('ListServiceInstanceLogs', {
      ServiceInstanceId: serviceInstanceId,
      SortOrder: 'Ascending',
      MaxResults: input.maxResults ?? COMPUTE_NEST_PAGE_SIZE,
      NextToken: input.nextToken || undefined,
      Filter: input.startTime ? [{ Name: 'StartTime', Value: [input.startTime] }] : undefined,
    });
    const body = parseWire(ListServiceInstanceLogsWire, raw, 'ListServiceInstanceLogs');
    return { items: body.ServiceInstancesLogs ?? [], nextToken: body.NextToken || undefined };
  }

  async listServiceInstanceResources(serviceInstanceId: string, input: { nextToken?: string | undefined; maxResults?: number } = {}) {
    const raw = await this.call('ListServiceInstanceResources', {
      ServiceInstanceId: serviceInstanceId,
      MaxResults: input.maxResults ?? COMPUTE_NEST_PAGE_SIZE,
      NextToken: input.nextToken || undefined,
    });
    const body = parseWire(ListServiceInstanceResourcesWire, raw, 'ListServiceInstanceResources');
    return { items: body.Resources ?? [], nextToken: body.NextToken || undefined };
  }

  /** DeleteServiceInstances (`ServiceInstanceId.N`); the instance then goes Deleting → Deleted. */
  async deleteServiceInstances(serviceInstanceIds: string[], clientToken?: string) {
    await this.call('DeleteServiceInstances', { ServiceInstanceId: serviceInstanceIds, ClientToken: clientToken }, clientToken !== undefined);
  }

  /**
   * CheckServiceDeployable: the Balance and Quota checks (`Type`, `Value` "true"/"false",
   * `Message`) for the amounts of the order's price estimate. Permissions are GenerateServicePolicy's.
   */
  async checkServiceDeployable(input: { serviceId: string; serviceVersion?: string | undefined; prePaidAmount: number; postPaidAmount: number }) {
    const raw = await this.call('CheckServiceDeployable', {
      ServiceId: input.serviceId,
      ServiceVersion: input.serviceVersion,
      PrePaidAmount: String(input.prePaidAmount),
      PostPaidAmount: String(input.postPaidAmount),
    });
    return parseWire(CheckServiceDeployableWire, raw, 'CheckServiceDeployable').CheckResults;
  }

  /** GenerateServicePolicy (POST only): the RAM actions the caller lacks for this template. */
  async generateServicePolicy(input: { serviceId: string; serviceVersion?: string | undefined; templateName: string; parameters: Record<string, unknown> }) {
    const raw = await this.call('GenerateServicePolicy', {
      ServiceId: input.serviceId,
      ServiceVersion: input.serviceVersion,
      TemplateName: input.templateName,
      Parameters: JSON.stringify(input.parameters),
    });
    return parseWire(GenerateServicePolicyWire, raw, 'GenerateServicePolicy').MissingPolicy;
  }
}
