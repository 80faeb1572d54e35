import { SimError } from '../../protocol/errors';
import { Errors } from '../../protocol/errors';
import { RAM_ROLE_STORE, roleArn } from '../ram/model';
import type { ActionHandler } from '../types';
import { newSession, STS_STORE } from './model';

const SESSION_NAME = /^[\w.@-]{2,64}$/;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * AssumeRole: temporary credentials for a RAM role of the caller's own account (the fixtures'
 * roles trust their account). RoleSessionName 2-64 of `[A-Za-z0-9_.@-]`; DurationSeconds 900 … the
 * role's MaxSessionDuration (default 3600). A RAM user needs sts:AssumeRole (authorize.ts).
 */
export const assumeRole: ActionHandler = ({ account, params, clock, changed }) => {
  const arn = params.required('RoleArn');
  const sessionName = params.required('RoleSessionName');
  if (!SESSION_NAME.test(sessionName))
    throw new SimError(
      'InvalidParameter.RoleSessionName',
      400,
      'The parameter RoleSessionName is wrongly formed.',
    );
  const role = [...account.accountStore(RAM_ROLE_STORE).roles.values()].find(
    (r) => r.Arn === arn.toLowerCase() || roleArn(account.accountId, r.RoleName) === arn,
  );
  if (!/^acs:ram::\d+:role\/[\w.@-]+$/i.test(arn))
    throw new SimError('InvalidParameter.RoleArn', 400, 'The parameter RoleArn is wrongly formed.');
  if (!role) throw new SimError('EntityNotExist.Role', 404, `The role not exists: ${arn}.`);
  const duration = params.int('DurationSeconds', { default: 3600, min: 0 });
  if (duration < 900 || duration > role.MaxSessionDuration)
    throw new SimError(
      'InvalidParameter.DurationSeconds',
      400,
      `The Min/Max value of DurationSeconds is 15min/${role.MaxSessionDuration / 60}min.`,
    );
  if (params.get('Policy') !== undefined) {
    try {
      JSON.parse(params.required('Policy'));
    } catch {
      throw Errors.invalidParameter('Policy', 'The parameter Policy is wrongly formed.');
    }
  }
  const s = newSession(role, sessionName, clock.now() + duration * 1000);
  account.accountStore(STS_STORE).sessions.set(s.accessKeyId, s);
  changed();
  return {
    AssumedRoleUser: {
      Arn: `${role.Arn}/${sessionName}`,
      AssumedRoleId: `${role.RoleId}:${sessionName}`,
    },
    Credentials: {
      AccessKeyId: s.accessKeyId,
      AccessKeySecret: s.accessKeySecret,
      SecurityToken: s.securityToken,
      Expiration: iso(s.expiresAt),
    },
  };
};
