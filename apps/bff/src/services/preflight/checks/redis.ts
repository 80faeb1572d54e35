import { notFoundIsFail, type CheckContext, type CheckDef } from '../check';
import { redisUnsafeChars, ruleMessage } from '@dify-console/shared/domain/rules';
import { atLeast, majorMinor, MIN_REDIS } from '../dify-needs';
import { whitelistOutcome } from '../whitelist';

/** The picked Redis: state and version, architecture, the whitelist, the password in a URL. */
export function redisChecks({ request, locale, t, ports, facts }: CheckContext): CheckDef[] {
  const { regionId, parameters: p } = request;
  return [
    {
      id: 'redis.instance',
      group: 'redis',
      title: t('tRedisInstance'),
      run: () => notFoundIsFail(locale, p.redisInstanceId, async () => {
        const r = await facts.redis();
        if (r.InstanceStatus !== 'Normal') return { status: 'fail', detail: t('redisState', { state: r.InstanceStatus }) };
        const v = majorMinor(r.EngineVersion);
        if (v && !atLeast(v, MIN_REDIS)) return { status: 'fail', detail: t('redisOld', { version: r.EngineVersion, min: MIN_REDIS.join('.') }) };
        return { status: 'pass', detail: t('redisOk', { version: r.EngineVersion }) };
      }),
    },
    {
      id: 'redis.architecture',
      group: 'redis',
      title: t('tRedisArch'),
      run: async () => {
        const r = await facts.redis();
        const arch = r.ArchitectureType.toLowerCase();
        if (arch === 'cluster') return { status: 'fail', detail: t('archCluster') };
        if (arch === 'rwsplit') return { status: 'warn', detail: t('archRwsplit') };
        return { status: 'pass', detail: t('archStandard') };
      },
    },
    {
      id: 'redis.whitelist',
      group: 'redis',
      title: t('tWhitelist', { kind: 'Redis' }),
      run: () => whitelistOutcome(ports, 'redis', regionId, p.redisInstanceId, facts, locale),
    },
    {
      id: 'redis.password',
      group: 'redis',
      title: t('tRedisPassword'),
      run: async () => {
        // The same rule, in the same words, as the form's help and validation.
        return redisUnsafeChars(p.redisPassword).length === 0
          ? { status: 'pass', detail: t('passwordOk') }
          : { status: 'fail', detail: ruleMessage('redisPassword.urlUnsafe', locale) };
      },
    },
  ];
}
