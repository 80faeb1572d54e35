import { joinList } from '@dify-console/shared/domain/i18n';
import { DIFY_SERVICE_ID } from '@dify-console/shared/template/templates';
import { withSecretsScrubbed } from '../../deployments/secrets';
import type { CheckContext, CheckDef } from '../check';
import { userGrants } from '../grants';
import { GUIDE_POLICIES, ramUserName } from '../policies';

/** Who the console acts as, the guide's RAM policies, and what Compute Nest says the order needs. */
export function identityChecks({ request, locale, t, ports, facts, order }: CheckContext): CheckDef[] {
  /** How a policy reaches the user, in words: attached to it, through a group, or by AdministratorAccess. */
  const via = (v: string | null) =>
    v === 'user' ? t('viaUser') : v?.startsWith('group:') ? t('viaGroup', { name: v.slice('group:'.length) }) : (v ?? '');
  return [
    {
      id: 'identity.caller',
      group: 'identity',
      title: t('tCaller'),
      run: async () => {
        const c = await facts.caller();
        const user = ramUserName(c.Arn ?? '');
        const detail =
          c.IdentityType === 'RAMUser' && user
            ? t('callerUser', { accountId: c.AccountId, userName: user })
            : c.IdentityType === 'AssumedRoleUser'
              ? t('callerRole', { accountId: c.AccountId, arn: c.Arn ?? '' })
              : t('callerAccount', { accountId: c.AccountId });
        return { status: 'pass', detail };
      },
    },
    {
      id: 'identity.policies',
      group: 'identity',
      title: t('tPolicies'),
      run: async () => {
        const c = await facts.caller();
        const milvus = t('milvusNote');
        if (c.IdentityType === 'AssumedRoleUser') return { status: 'warn', detail: t('policiesRole') };
        const user = c.IdentityType === 'RAMUser' ? ramUserName(c.Arn ?? '') : null;
        if (!user) return { status: 'pass', detail: t('policiesRoot') };
        const grants = await userGrants(ports.ram, user);
        if ('denied' in grants) {
          return { status: 'warn', detail: t('policiesDenied', { userName: user, code: grants.denied, policies: joinList(GUIDE_POLICIES.map((g) => g.name), locale) }) };
        }
        const missing = grants.filter((g) => g.status === 'missing').map((g) => g.name);
        if (missing.length > 0) {
          return {
            status: 'fail',
            detail: t('policiesMissing', { userName: user, missing: joinList(missing, locale), milvus }),
            fix: { kind: 'link', label: t('linkRamUser'), url: `https://ram.console.aliyun.com/users/${encodeURIComponent(user)}` },
          };
        }
        return { status: 'pass', detail: t('policiesGranted', { list: joinList(grants.map((g) => t('grantedVia', { name: g.name, via: via(g.via) })), locale), milvus }) };
      },
    },
    {
      id: 'identity.computeNest',
      group: 'identity',
      title: t('tComputeNestPolicy'),
      run: async () => {
        const built = await order();
        const missing = await withSecretsScrubbed(request.parameters, () =>
          ports.computeNest.generateServicePolicy({
            serviceId: DIFY_SERVICE_ID,
            serviceVersion: built.serviceVersion,
            templateName: built.templateName,
            parameters: built.parameters,
          }), built.secrets,
        );
        const actions = missing.flatMap((m) => m.Action);
        if (actions.length === 0) return { status: 'pass', detail: t('cnPolicyOk') };
        return { status: 'fail', detail: t('cnPolicyMissing', { actions: joinList(actions, locale) }) };
      },
    },
  ];
}
