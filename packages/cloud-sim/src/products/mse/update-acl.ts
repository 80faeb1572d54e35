import { parseSecurityIps } from '../whitelist';
import type { ActionHandler } from '../types';
import { findMse, successEnvelope } from './model';

/** UpdateAcl: replaces the instance's whitelist with AclEntryList (IPs or CIDR blocks). */
export const updateAcl: ActionHandler = ({ account, params, changed }) => {
  const m = findMse(account, params.required('InstanceId'));
  const raw = params.get('AclEntryList') ?? '';
  m.AclEntryList = raw === '' ? '' : parseSecurityIps(raw).join(',');
  changed();
  return successEnvelope({ Data: m.AclEntryList });
};
