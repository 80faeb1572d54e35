import { Errors, SimError } from '../../protocol/errors';
import type { Params } from '../params';
import type { ActionHandler } from '../types';
import { reconcileInstance } from './deploy';
import {
  apiRegion,
  checkService,
  COMPUTENEST_STORE,
  DRY_RUN_STORE,
  requireDeployable,
  resolveTemplate,
  resolveVersion,
  type ServiceInstanceRecord,
} from './model';
import { describeMissing, missingPolicies } from './permissions';
import { canonical, checkInstanceName, parseParametersJson, validateParameters } from './validate';

/** `Tag.N.Key` / `Tag.N.Value`, 1-based, at most 20. */
export function tagsOf(params: Params): { Key: string; Value: string }[] {
  const tags: { Key: string; Value: string }[] = [];
  for (let n = 1; n <= 21; n++) {
    const key = params.get(`Tag.${n}.Key`);
    if (key === undefined) break;
    if (n > 20)
      throw Errors.invalidParameter(
        'Tag',
        'The specified parameter "Tag" is not valid: at most 20 tags.',
      );
    // Alibaba Cloud's tag rules: aliyun and acs: are reserved, keys and values at most 128.
    if (key === '' || key.length > 128 || /^(aliyun|acs:)/i.test(key) || /https?:\/\//i.test(key))
      throw Errors.invalidParameter(`Tag.${n}.Key`, `The specified parameter "Tag.${n}.Key" is not valid.`);
    const value = params.get(`Tag.${n}.Value`) ?? '';
    if (value.length > 128 || /https?:\/\//i.test(value))
      throw Errors.invalidParameter(`Tag.${n}.Value`, `The specified parameter "Tag.${n}.Value" is not valid.`);
    tags.push({ Key: key, Value: value });
  }
  return tags;
}

/** `ResourceGroupId`: an id of the rg- form (the account's default group when absent). */
export function resourceGroupOf(params: Params): string {
  const rg = params.get('ResourceGroupId') ?? '';
  if (rg !== '' && !/^rg-[a-z0-9]+$/.test(rg))
    throw Errors.invalidParameter('ResourceGroupId', 'The specified parameter "ResourceGroupId" is not valid.');
  return rg;
}

/**
 * CreateServiceInstance. Validates everything first (region, service, template, Parameters the
 * way the template declares them, Name). `DryRun=true` stops there and creates nothing: it answers
 * the gateway's dry-run code DryRunOperation (HTTP 400, how Alibaba's other APIs such as ECS and VPC
 * answer one) or, switched by `PUT /_sim/dry-run`, HTTP 200 with no ServiceInstanceId: the shape of
 * a passing Compute Nest dry run is UNCONFIRMED, so a client must take both. `ClientToken`: the
 * same token with the same request returns the instance it created (also after a lost answer);
 * with a different request it is IdempotentParameterMismatch (the code ECS/VPC use).
 */
export const createServiceInstance: ActionHandler = ({
  account,
  caller,
  params,
  clock,
  ids,
  changed,
}) => {
  const region = apiRegion(params);
  const serviceId = checkService(params);
  // Parameters are validated against the template of the version ordered (the default without
  // ServiceVersion), which is recorded on the instance.
  const version = resolveVersion(params).Version;
  // TemplateName is optional in the API; without it the service's deployable template is ordered.
  const template = resolveTemplate(params, false);
  requireDeployable(template);
  const values = validateParameters(template, parseParametersJson(params.get('Parameters')));
  const name = params.get('Name');
  if (name !== undefined) checkInstanceName(name);
  const token = params.get('ClientToken');
  if (token !== undefined && (token.length > 64 || !/^[\x20-\x7e]+$/.test(token)))
    throw Errors.invalidParameter(
      'ClientToken',
      'The specified parameter "ClientToken" is not valid: at most 64 ASCII characters.',
    );
  const tags = tagsOf(params);
  const resourceGroupId = resourceGroupOf(params);
  const payPeriod = params.get('Commodity.PayPeriod');
  const payPeriodUnit = params.get('Commodity.PayPeriodUnit');
  const dryRun = params.bool('DryRun') ?? false;
  // A dry run also checks the caller's permissions for what the template does (the console's
  // precheck); code and wording UNCONFIRMED (NoPermission, 403, as the newer products answer).
  const missing = dryRun && caller?.type === 'RAMUser' ? missingPolicies(account, caller) : [];
  if (caller?.type === 'RAMUser' && missing.length > 0)
    throw new SimError(
      'NoPermission',
      403,
      `You are not authorized to do this action. The RAM user ${caller.userName} lacks the permissions the template needs: ${describeMissing(missing)}.`,
      { MissingPolicy: missing },
    );
  if (dryRun) {
    if (account.accountStore(DRY_RUN_STORE).answer === 'Accepted') return {};
    throw new SimError(
      'DryRunOperation',
      400,
      'Request validation has been passed with DryRun flag set.',
    );
  }

  const store = account.store(region, COMPUTENEST_STORE);
  const fingerprint = canonical({
    serviceId,
    version,
    template: template.Name,
    spec: params.get('SpecificationName') ?? '',
    name: name ?? '',
    rg: resourceGroupId,
    values,
    tags,
    payPeriod: payPeriod ?? '',
    payPeriodUnit: payPeriodUnit ?? '',
  });
  const now = clock.now();
  if (token !== undefined) {
    const existingId = store.tokens.get(token);
    const existing = existingId === undefined ? undefined : store.instances.get(existingId);
    if (existing) {
      if (existing.fingerprint !== fingerprint)
        throw new SimError(
          'IdempotentParameterMismatch',
          400,
          'Request uses a client token in a previous request but is not identical to that request.',
        );
      if (reconcileInstance(account, existing, now)) changed();
      return {
        ServiceInstanceId: existing.ServiceInstanceId,
        Status: existing.Status,
        OrderId: '',
        MarketInstanceId: '',
      };
    }
  }

  const id = `si-${ids.hex(20)}`;
  const si: ServiceInstanceRecord = {
    ServiceInstanceId: id,
    Name: name ?? `dify-${ids.chars(4)}`,
    ServiceId: serviceId,
    ServiceVersion: version,
    TemplateName: template.Name,
    ApiRegionId: region,
    DeployRegionId: String(values[template.inputs.region]),
    Parameters: values,
    ResourceGroupId: resourceGroupId,
    Tags: tags,
    PayType: payPeriod !== undefined || payPeriodUnit !== undefined ? 'PrePaid' : 'PostPaid',
    ...(token !== undefined ? { ClientToken: token } : {}),
    ...(caller?.type === 'RAMUser'
      ? { CreatedBy: { userName: caller.userName, userId: caller.userId } }
      : {}),
    fingerprint,
    StackId: ids.requestId().toLowerCase(),
    createdAt: now,
    updatedAt: now,
    Status: 'Created',
    Progress: 0,
    StatusDetail: '',
    step: 0,
    deleteStep: 0,
    logs: [
      {
        at: 0,
        Content: 'Start creating service instance',
        LogType: 'serviceInstance',
        Source: 'computeNest',
        Status: 'Created',
      },
    ],
    resources: [],
    kubeObjects: [],
    createdNamespace: false,
    Outputs: {},
  };
  store.instances.set(id, si);
  if (token !== undefined) store.tokens.set(token, id);
  changed();
  return { ServiceInstanceId: id, Status: si.Status, OrderId: '', MarketInstanceId: '' };
};
