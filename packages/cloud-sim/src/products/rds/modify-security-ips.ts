import { Errors, SimError } from '../../protocol/errors';
import type { ActionHandler } from '../types';
import { modifyGroups, parseSecurityIps } from '../whitelist';
import { findDbInstance } from './model';

/** Per instance: at most 1,000 entries across all groups and 200 groups (API reference). */
export const RDS_WHITELIST_LIMITS = { maxEntries: 1000, maxGroups: 200 } as const;

const MODES = ['Cover', 'Append', 'Delete'] as const;

/**
 * ModifySecurityIps: Cover (default) / Append / Delete on one whitelist group
 * (DBInstanceIPArrayName, default `default`); Cover and Append create the group when missing.
 * The instance must be Running. Answers `TaskId`. The change is effective at once (the local cloud
 * skips the few seconds the real task takes; the instance status is not changed meanwhile).
 */
export const modifySecurityIps: ActionHandler = ({ account, params, ids, changed }) => {
  const d = findDbInstance(account, params.required('DBInstanceId'));
  // IPv4 (the default) or IPv6, case-insensitive; an IPv6 list goes to a group of its own type.
  const rawType = params.get('SecurityIPType') ?? 'IPv4';
  const ipType =
    rawType.toLowerCase() === 'ipv6'
      ? 'IPv6'
      : rawType.toLowerCase() === 'ipv4'
        ? 'IPv4'
        : undefined;
  if (ipType === undefined)
    throw Errors.invalidParameter(
      'SecurityIPType',
      `The specified parameter "SecurityIPType" is not valid: ${rawType}. Valid values: IPv4, IPv6.`,
    );
  const ips = parseSecurityIps(params.required('SecurityIps'), ipType);
  const rawName = params.get('DBInstanceIPArrayName') ?? 'default';
  const name = rawName.toLowerCase() === 'default' ? 'default' : rawName;
  // Group names: lower-case letters, digits and underscores, 2–32 characters, starting with a
  // letter (the console's rule; the API's own error code for a bad name is UNCONFIRMED).
  if (name !== 'default' && !/^[a-z][a-z0-9_]{1,31}$/.test(name))
    throw Errors.invalidParameter(
      'DBInstanceIPArrayName',
      `The specified parameter "DBInstanceIPArrayName" is not valid: ${rawName}. It must be 2 to 32 characters long and contain only lowercase letters, digits and underscores (_), starting with a letter.`,
    );
  const attrRaw = params.get('DBInstanceIPArrayAttribute');
  if (attrRaw !== undefined && attrRaw !== 'hidden')
    throw Errors.invalidParameter('DBInstanceIPArrayAttribute');
  const mode = params.get('ModifyMode') ?? 'Cover';
  if (!(MODES as readonly string[]).includes(mode)) throw Errors.invalidParameter('ModifyMode');
  const network = params.get('WhitelistNetworkType') ?? 'MIX';
  if (!['Classic', 'VPC', 'MIX'].includes(network))
    throw Errors.invalidParameter('WhitelistNetworkType');
  const existing = d.WhitelistGroups.find((g) => g.name === name);
  if (existing && (existing.ipType ?? 'IPv4') !== ipType)
    throw Errors.invalidParameter(
      'SecurityIPType',
      `The specified parameter "SecurityIPType" is not valid: whitelist group ${name} holds ${existing.ipType ?? 'IPv4'} entries.`,
    );
  if (d.DBInstanceStatus !== 'Running')
    throw new SimError(
      'IncorrectDBInstanceState',
      403,
      'Current DB instance state does not support this operation.',
    );
  d.WhitelistGroups = modifyGroups(
    d.WhitelistGroups,
    name,
    attrRaw === 'hidden' ? 'hidden' : attrRaw === undefined ? undefined : '',
    mode as (typeof MODES)[number],
    ips,
    RDS_WHITELIST_LIMITS,
    (g) => (ipType === 'IPv6' ? { ...g, ipType } : g),
  );
  changed();
  return { TaskId: String(100_000_000 + ids.int(900_000_000)) };
};
