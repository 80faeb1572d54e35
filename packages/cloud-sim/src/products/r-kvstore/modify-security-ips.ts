import { Errors, SimError } from '../../protocol/errors';
import type { ActionHandler } from '../types';
import { modifyGroups, parseSecurityIps } from '../whitelist';
import { findKvInstance } from './model';

/** At most 1,000 entries per group (API reference); the group count limit is UNCONFIRMED (50). */
export const KV_WHITELIST_LIMITS = { maxEntries: 1000, maxGroups: 50 } as const;

const MODES = ['Cover', 'Append', 'Delete'] as const;

/**
 * ModifySecurityIps (R-kvstore): Cover (default) / Append / Delete on SecurityIpGroupName
 * (default `default`); Cover and Append create the group when missing. Answers only RequestId.
 * Group names: lower-case letters, digits, underscores, 2–32 characters, starting with a letter
 * (code InvalidGroupName.Format from the API's error table; message UNCONFIRMED).
 */
export const modifySecurityIps: ActionHandler = ({ account, params, changed }) => {
  const k = findKvInstance(account, params.required('InstanceId'));
  const ips = parseSecurityIps(params.required('SecurityIps'));
  const name = params.get('SecurityIpGroupName') ?? 'default';
  if (name !== 'default' && !/^[a-z][a-z0-9_]{1,31}$/.test(name))
    throw new SimError(
      'InvalidGroupName.Format',
      400,
      'Specified security IP group name is not valid.',
    );
  const attrRaw = params.get('SecurityIpGroupAttribute');
  if (attrRaw !== undefined && attrRaw !== 'hidden')
    throw Errors.invalidParameter('SecurityIpGroupAttribute');
  const mode = params.get('ModifyMode') ?? 'Cover';
  if (!(MODES as readonly string[]).includes(mode)) throw Errors.invalidParameter('ModifyMode');
  // Each group holds at most 1,000 entries.
  if (ips.length > KV_WHITELIST_LIMITS.maxEntries)
    throw new SimError(
      'InvalidSecurityIPList.QuotaExceeded',
      400,
      'Specified security IP list is not valid: Exceeding the allowed amount of IP address in the list.',
    );
  if (k.InstanceStatus !== 'Normal')
    throw new SimError(
      'IncorrectDBInstanceState',
      400,
      'Current DB instance state does not support this operation.',
    );
  const next = modifyGroups(
    k.WhitelistGroups,
    name,
    attrRaw === 'hidden' ? 'hidden' : undefined,
    mode as (typeof MODES)[number],
    ips,
    {
      maxEntries: KV_WHITELIST_LIMITS.maxEntries * KV_WHITELIST_LIMITS.maxGroups,
      maxGroups: KV_WHITELIST_LIMITS.maxGroups,
    },
    (g) => g,
  );
  if (next.some((g) => g.ips.split(',').filter(Boolean).length > KV_WHITELIST_LIMITS.maxEntries))
    throw new SimError(
      'InvalidSecurityIPList.QuotaExceeded',
      400,
      'Specified security IP list is not valid: Exceeding the allowed amount of IP address in the list.',
    );
  k.WhitelistGroups = next;
  changed();
  return {};
};
