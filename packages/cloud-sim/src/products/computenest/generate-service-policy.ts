import { SimError } from '../../protocol/errors';
import type { ActionHandler } from '../types';
import { apiRegion, checkService, resolveTemplate } from './model';
import { missingPolicies, templatePolicyDocument } from './permissions';
import { parseParametersJson } from './validate';

/**
 * GenerateServicePolicy (POST only): `Policy` (the policy document the template
 * needs) and `MissingPolicy[] {ServiceName, Action[], Resource}` computed from the caller's
 * policies (empty for root keys). The gateway's answer to a GET is UNCONFIRMED
 * (UnsupportedHTTPMethod, 400, chosen).
 */
export const generateServicePolicy: ActionHandler = ({ account, caller, params, method }) => {
  if (method !== undefined && method !== 'POST')
    throw new SimError('UnsupportedHTTPMethod', 400, 'This http method is not supported.');
  apiRegion(params);
  checkService(params);
  resolveTemplate(params, false);
  parseParametersJson(params.get('Parameters'));
  return { Policy: templatePolicyDocument(), MissingPolicy: missingPolicies(account, caller) };
};
