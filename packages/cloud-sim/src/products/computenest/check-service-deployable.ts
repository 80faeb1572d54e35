import type { ActionHandler } from '../types';
import { apiRegion, BILLING_STORE, checkService } from './model';
import { describeMissing, missingPolicies } from './permissions';

/** Pay-as-you-go resources need a balance of at least 100 CNY (Alibaba Cloud's rule). */
export const MIN_POSTPAID_BALANCE = 100;

/**
 * CheckServiceDeployable: `CheckResults[]` with a Balance and a Quota item; `Value` is "true" when
 * the check passes, `Message` explains a failure. The balance comes from the account's fixtures.
 */
export const checkServiceDeployable: ActionHandler = ({ account, caller, params }) => {
  apiRegion(params, false);
  checkService(params);
  const balance = account.accountStore(BILLING_STORE).availableAmount;
  const prePaid = Number(params.get('PrePaidAmount') ?? '0');
  const postPaid = Number(params.get('PostPaidAmount') ?? '0');
  const need =
    (Number.isFinite(prePaid) ? prePaid : 0) +
    (postPaid > 0 || prePaid === 0 ? MIN_POSTPAID_BALANCE : 0);
  const enough = balance >= need;
  return {
    CheckResults: [
      {
        Type: 'Balance',
        Value: String(enough),
        Message: enough
          ? ''
          : `The account balance (${balance.toFixed(2)} CNY) is insufficient: at least ${need.toFixed(2)} CNY is required to create pay-as-you-go resources. Please top up your account.`,
        Skippable: false,
      },
      { Type: 'Quota', Value: 'true', Message: '', Skippable: true },
      // A RAM user's permissions for what the template does (Type name UNCONFIRMED).
      ...(caller?.type === 'RAMUser'
        ? (() => {
            const missing = missingPolicies(account, caller);
            return [
              {
                Type: 'RamPolicy',
                Value: String(missing.length === 0),
                Message:
                  missing.length === 0
                    ? ''
                    : `The RAM user ${caller.userName} is not authorized to perform: ${describeMissing(missing)}.`,
                Skippable: false,
              },
            ];
          })()
        : []),
    ],
  };
};
