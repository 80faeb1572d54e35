import type { Locale } from '@dify-console/shared/domain/i18n';
import type { DeploymentParameters } from '@dify-console/shared/template/templates';
import type { IdentityPort } from './resources';

/**
 * What the deployment services need from Compute Nest, in the cloud's own field names. The
 * ComputeNestGateway implements it; unit tests use an in-memory fake.
 */

export interface EstimateRecord {
  Type: string;
  Success?: boolean | null | undefined;
  Result?:
    | {
        Order?: { Currency: string; TradeAmount: number; OriginalAmount: number; DiscountAmount: number } | null | undefined;
        OrderSupplement?: { PriceUnit: string; ChargeType: string; Quantity: number } | null | undefined;
      }
    | null
    | undefined;
  Code?: string | null | undefined;
  Message?: string | null | undefined;
}

export interface ServiceInstanceRecord {
  ServiceInstanceId: string;
  Name: string;
  Status: string;
  Progress: number;
  StatusDetail: string;
  /** JSON strings, as on the wire. */
  Outputs: string;
  Parameters: string;
  TemplateName: string;
  CreateTime: string;
  UpdateTime: string;
  Service?: { ServiceId: string; Version?: string | undefined } | null | undefined;
  /** The resource group the instance belongs to (the account's default group when none was asked). */
  ResourceGroupId?: string | null | undefined;
  Tags?: { Key: string; Value: string }[] | null | undefined;
}

export interface LogRecord {
  Timestamp: string;
  Content: string;
  Status?: string | null | undefined;
  ResourceId?: string | null | undefined;
}

export interface ResourceRecord {
  ResourceARN: string;
  ProductCode: string;
  ProductType: string;
  Status: string;
}

export interface TokenPage<T> {
  items: T[];
  nextToken?: string | undefined;
}

export interface CreateServiceInstanceInput {
  serviceId: string;
  /** The service version ordered; absent = the service's default. */
  serviceVersion?: string | undefined;
  templateName: string;
  name: string;
  parameters: Record<string, unknown>;
  clientToken: string;
  tags?: { Key: string; Value: string }[];
  /** `ResourceGroupId`: the resource group the instance joins. */
  resourceGroupId?: string;
}

export interface ComputeNestPort {
  getServiceEstimateCost(input: {
    serviceId: string;
    serviceVersion?: string | undefined;
    templateName: string;
    parameters: Record<string, unknown>;
  }): Promise<Record<string, EstimateRecord>>;
  createServiceInstance(input: CreateServiceInstanceInput): Promise<{ ServiceInstanceId: string }>;
  getServiceInstance(serviceInstanceId: string): Promise<ServiceInstanceRecord>;
  listServiceInstances(input: {
    filters?: { Name: string; Value: string[] }[];
    nextToken?: string | undefined;
    maxResults?: number;
  }): Promise<TokenPage<ServiceInstanceRecord>>;
  listServiceInstanceLogs(
    serviceInstanceId: string,
    input?: { nextToken?: string | undefined; maxResults?: number; startTime?: string | undefined },
  ): Promise<TokenPage<LogRecord>>;
  listServiceInstanceResources(
    serviceInstanceId: string,
    input?: { nextToken?: string | undefined; maxResults?: number },
  ): Promise<TokenPage<ResourceRecord>>;
  deleteServiceInstances(serviceInstanceIds: string[], clientToken?: string): Promise<void>;
}

export interface DeploymentPorts {
  identity: IdentityPort;
  computeNest: ComputeNestPort;
}

/** Every page of a NextToken list. */
export async function allTokenPages<T>(fetchPage: (nextToken: string | undefined) => Promise<TokenPage<T>>, maxPages = 50): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const { items, nextToken } = await fetchPage(token);
    out.push(...items);
    if (!nextToken || nextToken === token || items.length === 0) break;
    token = nextToken;
  }
  return out;
}

/** Judges the resources an order picked, with the pickers' rules: the issues, field by field. */
export interface PicksPort {
  unusablePicks(
    regionId: string,
    parameters: DeploymentParameters,
    locale: Locale,
  ): Promise<{ path: (string | number)[]; message: string }[]>;
}
