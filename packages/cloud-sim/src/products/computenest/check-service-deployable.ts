import type { ActionHandler } from '../types';
import { apiRegion, BILLING_STORE, checkService } from './model';

/** Pay-as-you-go resources need a balance of at least 100 CNY (Alibaba Cloud's rule). */
export const MIN_POSTPAID_BALANCE = 100;

/**
 * CheckServiceDeployable: `CheckResults[] {Type, Value, Message}` with a Balance and a Quota item
 * (the only check types of the API); `Value` is "true" when the check passes, `Message` explains a
 * failure. The balance comes from the account's fixtures and is compared with the amounts the
 * caller sends (`PrePaidAmount`, `PostPaidAmount`, from its price estimate). Permissions are not
 * checked here: GenerateServicePolicy answers those.
 */
export const checkServiceDeployable: ActionHandler = ({ account, params }) => {
  apiRegion(params, false);
  checkService(params);
  const balance = account.accountStore(BILLING_STORE).availableAmount;
  const prePaid = amount(params.get('PrePaidAmount'));
  const postPaid = amount(params.get('PostPaidAmount'));
  const need = prePaid + (postPaid > 0 || prePaid === 0 ? MIN_POSTPAID_BALANCE : 0);
  const enough = balance >= need;
  return {
    CheckResults: [
      {
        Type: 'Balance',
        Value: String(enough),
        Message: enough
          ? ''
          : `The account balance (${balance.toFixed(2)} CNY) is insufficient: at least ${need.toFixed(2)} CNY is required to create pay-as-you-go resources. Please top up your account.`,
      },
      { Type: 'Quota', Value: 'true', Message: '' },
    ],
  };
};

function amount(raw: string | undefined): number {
  const n = Number(raw ?? '0');
  return Number.isFinite(n) && n > 0 ? n : 0;
}
