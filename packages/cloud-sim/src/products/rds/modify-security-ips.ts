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
  const ips = parseSecurityIps(params.required('SecurityIps'));
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
  const ipType = params.get('SecurityIPType') ?? 'IPv4';
  if (ipType.toLowerCase() !== 'ipv4')
    throw Errors.invalidParameter(
      'SecurityIPType',
      'The specified parameter "SecurityIPType" is not valid: only IPv4 is supported.',
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
    (g) => g,
  );
  changed();
  return { TaskId: String(100_000_000 + ids.int(900_000_000)) };
};
