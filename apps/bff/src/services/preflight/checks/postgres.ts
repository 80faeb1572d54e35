import { joinList } from '@dify-console/shared/domain/i18n';
import { notFoundIsFail, type CheckContext, type CheckDef } from '../check';
import { DATABASES, majorMinor, POSTGRES_MINIMUM, POSTGRES_SUPPORTED } from '../dify-needs';
import { whitelistOutcome } from '../whitelist';

/** The picked RDS PostgreSQL: engine and version, the account, the whitelist, Dify's databases. */
export function postgresChecks({ request, locale, t, ports, facts }: CheckContext): CheckDef[] {
  const { regionId, parameters: p } = request;
  return [
    {
      id: 'postgres.instance',
      group: 'postgres',
      title: t('tPgInstance'),
      run: () => notFoundIsFail(locale, p.postgresInstanceId, async () => {
        const d = await facts.postgres();
        if (d.Engine !== 'PostgreSQL') return { status: 'fail', detail: t('pgEngine', { engine: d.Engine }) };
        if (d.DBInstanceType === 'Readonly') return { status: 'fail', detail: t('pgReadonly') };
        if (d.DBInstanceStatus !== 'Running') return { status: 'fail', detail: t('pgState', { state: d.DBInstanceStatus }) };
        const major = majorMinor(d.EngineVersion)?.[0] ?? 0;
        const params = { version: d.EngineVersion, supported: POSTGRES_SUPPORTED };
        if (major < POSTGRES_MINIMUM) return { status: 'fail', detail: t('pgTooOld', params) };
        if (major < POSTGRES_SUPPORTED) return { status: 'warn', detail: t('pgOld', params) };
        return { status: 'pass', detail: t('pgOk', params) };
      }),
    },
    {
      id: 'postgres.account',
      group: 'postgres',
      title: t('tPgAccount'),
      run: async () => {
        const accounts = await ports.rds.describeAccounts(regionId, p.postgresInstanceId);
        const a = accounts.find((x) => x.AccountName === p.postgresAccount);
        const name = p.postgresAccount;
        if (!a) return { status: 'fail', detail: t('accountMissing', { name }) };
        if (a.AccountType !== 'Super') return { status: 'fail', detail: t('accountNormal', { name }) };
        if (a.AccountStatus && a.AccountStatus !== 'Available') return { status: 'fail', detail: t('accountUnavailable', { name, state: a.AccountStatus }) };
        return { status: 'pass', detail: t('accountOk', { name }) };
      },
    },
    {
      id: 'postgres.whitelist',
      group: 'postgres',
      title: t('tWhitelist', { kind: 'PostgreSQL' }),
      run: () => whitelistOutcome(ports, 'postgres', regionId, p.postgresInstanceId, facts, locale),
    },
    {
      id: 'postgres.databases',
      group: 'postgres',
      title: t('tPgDatabases'),
      run: async () => {
        const names = new Set((await ports.rds.describeDatabases(regionId, p.postgresInstanceId)).map((d) => d.DBName));
        const present = DATABASES.filter((d) => names.has(d));
        const absent = DATABASES.filter((d) => !names.has(d));
        if (absent.length === 0) return { status: 'pass', detail: t('dbBoth') };
        return { status: 'pass', detail: t('dbSome', { present: joinList(present, locale) || '-', absent: joinList(absent, locale) }) };
      },
    },
  ];
}
