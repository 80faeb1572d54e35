import { paginate } from '../paging';
import type { ActionHandler } from '../types';
import { findDbInstance } from './model';

/** DescribeAccounts: `Accounts.DBInstanceAccount[]` (never the password). */
export const describeAccounts: ActionHandler = ({ account, params }) => {
  const d = findDbInstance(account, params.required('DBInstanceId'));
  const name = params.get('AccountName');
  const pageNumber = params.int('PageNumber', { default: 1, min: 1 });
  const pageSize = params.int('PageSize', { default: 30, min: 30, max: 200 });
  const page = paginate(
    d.Accounts.filter((a) => name === undefined || a.AccountName === name),
    pageNumber,
    pageSize,
  );
  const pg = d.Engine === 'PostgreSQL';
  return {
    PageNumber: pageNumber,
    TotalRecordCount: page.total,
    Accounts: {
      DBInstanceAccount: page.items.map((a) => ({
        DBInstanceId: d.DBInstanceId,
        AccountName: a.AccountName,
        AccountType: a.AccountType,
        AccountStatus: a.AccountStatus,
        AccountDescription: a.AccountDescription,
        PrivExceeded: '0',
        DatabasePrivileges: {
          DatabasePrivilege: a.Privileges.map((p) => ({
            DBName: p.DBName,
            AccountPrivilege: p.AccountPrivilege,
            AccountPrivilegeDetail: '',
          })),
        },
        ...(pg
          ? {
              CreateDB: a.AccountType === 'Super' ? 't' : 'f',
              CreateRole: a.AccountType === 'Super' ? 't' : 'f',
              Replication: 'f',
              BypassRLS: 'f',
              ValidUntil: 'infinity',
            }
          : {}),
      })),
    },
  };
};
