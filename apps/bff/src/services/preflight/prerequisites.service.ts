import type { Prerequisites } from '@dify-console/shared/api/preflight';
import type { Locale } from '@dify-console/shared/domain/i18n';
import type { PreflightPorts } from '../../ports/preflight';
import { userGrants } from './grants';
import { GUIDE_POLICIES, MILVUS_POLICY, ramUserName } from './policies';
import { text } from './texts';

/** Who the console acts as and which of the guide's RAM policies that identity holds. */
export class PrerequisitesService {
  constructor(private readonly ports: Pick<PreflightPorts, 'caller' | 'ram'>) {}

  async get(locale: Locale): Promise<Prerequisites> {
    const c = await this.ports.caller.getCallerIdentity();
    const type = c.IdentityType === 'RAMUser' || c.IdentityType === 'AssumedRoleUser' ? c.IdentityType : 'Account';
    const userName = type === 'RAMUser' ? ramUserName(c.Arn ?? '') : null;
    const identity = { type, accountId: c.AccountId, userName, arn: c.Arn ?? `acs:ram::${c.AccountId}:root` } as const;
    const row = (name: string, status: 'granted' | 'missing' | 'unknown' | 'notNeeded', via: string | null) => ({
      name,
      purpose: GUIDE_POLICIES.find((g) => g.name === name)?.purpose[locale] ?? name,
      status,
      via,
    });
    // A root account: the identity and every row's `notNeeded` say it all (no note saying it again).
    if (type === 'Account') return { identity, policies: GUIDE_POLICIES.map((g) => row(g.name, 'notNeeded', null)), note: null };
    if (!userName) return { identity, policies: GUIDE_POLICIES.map((g) => row(g.name, 'unknown', null)), note: text('noteRole', locale) };
    const grants = await userGrants(this.ports.ram, userName);
    if ('denied' in grants) {
      return { identity, policies: GUIDE_POLICIES.map((g) => row(g.name, 'unknown', null)), note: text('noteDenied', locale, { userName, code: grants.denied }) };
    }
    return {
      identity,
      policies: grants.map((g) => row(g.name, g.status, g.via)),
      note: grants.some((g) => g.name === MILVUS_POLICY) ? text('milvusNote', locale) : null,
    };
  }
}
