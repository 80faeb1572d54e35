import { Errors } from '../../protocol/errors';
import { paginate } from '../paging';
import type { ActionHandler } from '../types';
import { findDbInstance } from './model';

/**
 * DescribeDatabases: `Databases.Database[]`. The SDK models PageNumber/PageSize (and, for SQL
 * Server only, TotalCount) inside each element; they are put there, and no total is given for
 * PostgreSQL.
 */
export const describeDatabases: ActionHandler = ({ account, params }) => {
  const d = findDbInstance(account, params.required('DBInstanceId'));
  const name = params.get('DBName');
  const status = params.get('DBStatus');
  if (status !== undefined && !['Creating', 'Running', 'Deleting'].includes(status))
    throw Errors.invalidParameter('DBStatus');
  const pageNumber = params.int('PageNumber', { default: 1, min: 1 });
  const pageSize = params.int('PageSize', { default: 30, min: 1, max: 100 });
  const pg = d.Engine === 'PostgreSQL';
  const page = paginate(
    d.Databases.filter(
      (db) =>
        (name === undefined || db.DBName === name) &&
        (status === undefined || db.DBStatus === status),
    ),
    pageNumber,
    pageSize,
  );
  return {
    Databases: {
      Database: page.items.map((db) => ({
        DBInstanceId: d.DBInstanceId,
        DBName: db.DBName,
        DBStatus: db.DBStatus,
        DBDescription: db.DBDescription,
        Engine: d.Engine,
        CharacterSetName: db.CharacterSetName,
        ...(pg
          ? { Collate: 'C', Ctype: 'en_US.utf8', ConnLimit: '-1', Tablespace: 'pg_default' }
          : {}),
        PageNumber: pageNumber,
        PageSize: pageSize,
        // Inside each element, and only for SQL Server (the SDK model's note).
        ...(d.Engine === 'SQLServer' ? { TotalCount: page.total } : {}),
        Accounts: {
          AccountPrivilegeInfo: d.Accounts.flatMap((a) =>
            a.AccountName === db.Owner
              ? [
                  {
                    Account: a.AccountName,
                    AccountPrivilege: 'DBOwner',
                    AccountPrivilegeDetail: '',
                  },
                ]
              : a.Privileges.filter((p) => p.DBName === db.DBName).map((p) => ({
                  Account: a.AccountName,
                  AccountPrivilege: p.AccountPrivilege,
                  AccountPrivilegeDetail: '',
                })),
          ),
        },
      })),
    },
  };
};
