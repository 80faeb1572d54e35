import { randomUUID } from 'node:crypto';
import { DIFY_SERVICE_ID } from '@dify-console/shared/template/templates';
import { isCloudError } from '../../../errors/cloud-error';
import { cloudErrorKind, isRefusalKind } from '../../../errors/cloud-error-kind';
import { withSecretsScrubbed } from '../../deployments/secrets';
import { type CheckContext, type CheckDef } from '../check';

/** Compute Nest's own checks of the service and its dry run of the order. */
export function computeNestChecks({ request, locale, t, ports, order }: CheckContext): CheckDef[] {
  return [
    {
      id: 'computeNest.deployable',
      group: 'computeNest',
      title: t('tDeployable'),
      run: async () => {
        const built = await order();
        const amounts = await ports.amounts.orderAmounts(request, locale);
        const results = await ports.computeNest.checkServiceDeployable({
          serviceId: DIFY_SERVICE_ID,
          serviceVersion: built.serviceVersion,
          prePaidAmount: amounts.prePaid,
          postPaidAmount: amounts.postPaid,
        });
        const failed = results.filter((r) => r.Value.toLowerCase() !== 'true');
        if (failed.length > 0) {
          return { status: 'fail', detail: t('deployableFail', { items: failed.map((r) => `${r.Type}${r.Message ? `: ${r.Message}` : ''}`).join('; ') }) };
        }
        return { status: 'pass', detail: t('deployableOk') };
      },
    },
    {
      id: 'computeNest.dryRun',
      group: 'computeNest',
      title: t('tDryRun'),
      run: async () => {
        const built = await order();
        try {
          await withSecretsScrubbed(request.parameters, () =>
            ports.computeNest.dryRunServiceInstance({
              serviceId: DIFY_SERVICE_ID,
              serviceVersion: built.serviceVersion,
              templateName: built.templateName,
              name: 'dify-preflight',
              parameters: built.parameters,
              clientToken: `preflight-${randomUUID()}`,
            }), built.secrets,
          );
          return { status: 'pass', detail: t('dryRunOk') };
        } catch (err) {
          if (!isCloudError(err)) throw err;
          const kind = cloudErrorKind(err);
          if (kind === 'forbidden') return { status: 'fail', detail: t('dryRunNoPermission', { code: err.code, message: err.message }) };
          // The service refused this order (a parameter, a clash, a resource it cannot find, or
          // another client error it names): a fail with its words. Throttling, the cloud
          // unavailable or the console's credentials refused: the check could not look.
          if (isRefusalKind(kind) || (kind === 'other' && err.httpStatus >= 400 && err.httpStatus < 500)) {
            return { status: 'fail', detail: t('dryRunRejected', { code: err.code, message: err.message }) };
          }
          throw err;
        }
      },
    },
  ];
}
