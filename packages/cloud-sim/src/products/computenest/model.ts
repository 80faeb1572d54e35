import { SimError, Errors } from '../../protocol/errors';
import { storeKey, type AccountState } from '../../state/registry';
import type { Params } from '../params';
import {
  DIFY_SERVICE_ID,
  findServiceVersion,
  type DeployInput,
  type ServiceVersionDefinition,
  type TemplateDefinition,
} from './service';
import type { ParameterValues } from './validate';
import type { PodPlan } from './dify-objects';

export type InstanceStatus =
  | 'Created'
  | 'Deploying'
  | 'Deployed'
  | 'DeployedFailed'
  | 'Deleting'
  | 'Deleted'
  | 'DeletedFailed';

export interface InstanceLog {
  /** Simulated ms after the instance was created. */
  at: number;
  Content: string;
  LogType: 'serviceInstance' | 'resource';
  Source: 'computeNest' | 'ros';
  Status: string;
  ResourceId?: string;
  ResourceType?: string;
  /** The ROS logical id (ResourceName filter). */
  ResourceName?: string;
}

/** A cloud resource the deployment's stack created (ListServiceInstanceResources). */
export interface CreatedResource {
  LogicalId: string;
  Type: string;
  ProductCode: string;
  ProductType: string;
  ResourceType: string;
  ResourceId: string;
  RegionId: string;
  /** Simulated ms. */
  createdAt: number;
  PayType: 'PayAsYouGo' | 'Subscription';
}

export interface KubeRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface DeployFailure {
  /** Simulated ms offset from creation at which the stack is marked failed. */
  at: number;
  logicalId: string;
  type: string;
  reason: string;
  /** A pod error written to the log while the readiness wait still runs. */
  podLog?: string;
}

export interface ServiceInstanceRecord {
  ServiceInstanceId: string;
  Name: string;
  ServiceId: string;
  ServiceVersion: string;
  TemplateName: string;
  /** API region (cn-hangzhou / ap-southeast-1). */
  ApiRegionId: string;
  /** Deployment region (Parameters.RegionId). */
  DeployRegionId: string;
  Parameters: ParameterValues;
  ResourceGroupId: string;
  Tags: { Key: string; Value: string }[];
  PayType: 'PostPaid' | 'PrePaid';
  ClientToken?: string;
  /** The RAM user who created it (the stack runs with its permissions); absent for root keys. */
  CreatedBy?: { userName: string; userId: string };
  fingerprint: string;
  StackId: string;
  /** Simulated ms. */
  createdAt: number;
  updatedAt: number;
  Status: InstanceStatus;
  /** Progress frozen at a failure or at the end; while deploying it is computed from time. */
  Progress: number;
  StatusDetail: string;
  /** Index of the next deployment step to apply. */
  step: number;
  failure?: DeployFailure;
  /**
   * A component that crash-loops although the stack succeeds (the stack waits on the api only):
   * the Celery worker against a cluster-architecture Redis.
   */
  degraded?: { component: string; log: string };
  /** How the release's pods run (decided when the stack starts waiting; the kubelets follow it). */
  podPlan?: PodPlan[];
  /** Simulated ms at which deletion started. */
  deleteStartedAt?: number;
  deleteStep: number;
  logs: InstanceLog[];
  resources: CreatedResource[];
  /** Kubernetes objects the deployment created (removed on delete). */
  kubeObjects: KubeRef[];
  /** Whether the deployment created namespace dify-system (then removed on delete). */
  createdNamespace: boolean;
  Outputs: Record<string, string>;
}

export interface ComputeNestStore {
  instances: Map<string, ServiceInstanceRecord>;
  /** ClientToken → instance id. */
  tokens: Map<string, string>;
}

/** Compute Nest state per API region (cn-hangzhou is the China site, ap-southeast-1 the international one). */
export const COMPUTENEST_STORE = storeKey<ComputeNestStore>('computenest', () => ({
  instances: new Map(),
  tokens: new Map(),
}));

export interface BillingStore {
  availableAmount: number;
  currency: 'CNY';
}

/** Account-wide balance (an account store, no region). */
export const BILLING_STORE = storeKey<BillingStore>('billing', () => ({
  availableAmount: 0,
  currency: 'CNY',
}));

/**
 * How a passing dry run answers. Compute Nest does not document it: `DryRunOperation` is the
 * gateway's dry-run error (HTTP 400, as ECS and VPC answer), `Accepted` an HTTP 200 answer without
 * a service instance ID. `PUT /_sim/dry-run` switches an account between them.
 */
export const DRY_RUN_ANSWERS = ['DryRunOperation', 'Accepted'] as const;
export type DryRunAnswer = (typeof DRY_RUN_ANSWERS)[number];
export const DRY_RUN_STORE = storeKey<{ answer: DryRunAnswer }>('computenest-dry-run', () => ({
  answer: 'DryRunOperation',
}));

export const API_REGIONS = ['cn-hangzhou', 'ap-southeast-1'] as const;

/**
 * The API exists only in cn-hangzhou and ap-southeast-1: any other RegionId is
 * refused. Code and text UNCONFIRMED (the real endpoint for another region does not resolve).
 */
export function apiRegion(params: Params, required = true): string {
  const r = required ? params.required('RegionId') : (params.get('RegionId') ?? 'cn-hangzhou');
  if (!(API_REGIONS as readonly string[]).includes(r))
    throw new SimError(
      'InvalidRegionId',
      400,
      `The specified RegionId ${r} is not supported. Compute Nest is served in cn-hangzhou and ap-southeast-1 only; pass the deployment region inside Parameters as RegionId.`,
    );
  return r;
}

/** ServiceId must be the one service the local cloud offers. Code UNCONFIRMED (ServiceNotFound, 404). */
export function checkService(params: Params): string {
  const id = params.required('ServiceId');
  if (id !== DIFY_SERVICE_ID)
    throw new SimError('ServiceNotFound', 404, `The specified service ${id} does not exist.`);
  const version = params.get('ServiceVersion');
  if (version !== undefined && version !== 'draft' && !/^\d+$/.test(version))
    throw Errors.invalidParameter('ServiceVersion');
  return id;
}

/**
 * ServiceVersion (the default version when absent). Code UNCONFIRMED: the service's own
 * ServiceNotFound (404) naming the version, as for an unknown service.
 */
export function resolveVersion(params: Params): ServiceVersionDefinition {
  const asked = params.get('ServiceVersion');
  const v = findServiceVersion(asked);
  if (!v)
    throw new SimError(
      'ServiceNotFound',
      404,
      `The specified service ${DIFY_SERVICE_ID} has no version ${asked ?? ''}.`,
    );
  return v;
}

/**
 * TemplateName of the ServiceVersion asked for (defaults to the deployable template, the service
 * having several).
 */
export function resolveTemplate(params: Params, required: boolean): TemplateDefinition {
  const name = required ? params.required('TemplateName') : params.get('TemplateName');
  const t = resolveVersion(params).Templates.find((x) => x.Name === (name ?? '高可用版-已有资源'));
  if (!t)
    throw Errors.invalidParameter(
      'TemplateName',
      `The specified parameter "TemplateName" is not valid: template ${name ?? ''} does not exist in service ${DIFY_SERVICE_ID}.`,
    );
  return t;
}

export function requireDeployable(
  t: TemplateDefinition,
): asserts t is TemplateDefinition & { inputs: Record<DeployInput, string> } {
  if (!t.deployable || !t.inputs)
    throw new SimError(
      'Sandbox.NotImplemented',
      501,
      `The local cloud does not deploy template ${t.Name} of service ${DIFY_SERVICE_ID}; it deploys 高可用版-已有资源 only.`,
    );
}

/** Code from Alibaba's Terraform provider; HTTP status UNCONFIRMED (404 chosen). */
export function instanceNotFound(id: string): SimError {
  return new SimError(
    'ServiceInstanceNotFound',
    404,
    `The specified service instance ${id} does not exist.`,
  );
}

export function findInstance(
  account: AccountState,
  region: string,
  id: string,
): ServiceInstanceRecord {
  const si = account.store(region, COMPUTENEST_STORE).instances.get(id);
  if (!si) throw instanceNotFound(id);
  return si;
}

/** `2021-05-20T00:00:00Z`: what Compute Nest writes. */
export function cnTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The template an instance was created from (its version and template name). */
export function templateOfInstance(si: ServiceInstanceRecord): TemplateDefinition | undefined {
  return findServiceVersion(si.ServiceVersion)?.Templates.find((t) => t.Name === si.TemplateName);
}

/** A deployment input of an instance, read under its template version's parameter name. */
export function inputOf(
  si: ServiceInstanceRecord,
  input: DeployInput,
): string | boolean | undefined {
  const name = templateOfInstance(si)?.inputs?.[input];
  return name === undefined ? undefined : si.Parameters[name];
}
