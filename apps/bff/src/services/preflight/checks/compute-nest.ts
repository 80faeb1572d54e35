import { randomUUID } from 'node:crypto';
import { DIFY_SERVICE_ID } from '@dify-console/shared/template/templates';
import { isCloudError } from '../../../errors/cloud-error';
import { withSecretsScrubbed } from '../../deployments/secrets';
import { isForbidden, type CheckContext, type CheckDef } from '../check';

/** Compute Nest's own checks of the service and its dry run of the order. */
export function computeNestChecks({ request, t, ports, order }: CheckContext): CheckDef[] {
  return [
    {
      id: 'computeNest.deployable',
      group: 'computeNest',
      title: t('tDeployable'),
      run: async () => {
        const built = await order();
        const results = await ports.computeNest.checkServiceDeployable({
          serviceId: DIFY_SERVICE_ID,
          serviceVersion: built.serviceVersion,
          templateName: built.templateName,
        });
        const failed = results.filter((r) => r.Value.toLowerCase() !== 'true');
        const items = (rs: typeof results) => rs.map((r) => `${r.Type}${r.Message ? `: ${r.Message}` : ''}`).join('; ');
        const hard = failed.filter((r) => !r.Skippable);
        if (hard.length > 0) return { status: 'fail', detail: t('deployableFail', { items: items(hard) }) };
        if (failed.length > 0) return { status: 'warn', detail: t('deployableSkippable', { items: items(failed) }) };
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
            ports.computeNest.createServiceInstance({
              serviceId: DIFY_SERVICE_ID,
              serviceVersion: built.serviceVersion,
              templateName: built.templateName,
              name: 'dify-preflight',
              parameters: built.parameters,
              clientToken: `preflight-${randomUUID()}`,
              dryRun: true,
            }), built.secrets,
          );
          // An answer without an error also means the request was accepted.
          return { status: 'pass', detail: t('dryRunOk') };
        } catch (err) {
          if (!isCloudError(err)) throw err;
          if (err.code === 'DryRunOperation') return { status: 'pass', detail: t('dryRunOk') };
          if (isForbidden(err)) return { status: 'fail', detail: t('dryRunNoPermission', { message: err.message }) };
          if (err.httpStatus >= 400 && err.httpStatus < 500 && !/Throttling/.test(err.code)) {
            return { status: 'fail', detail: t('dryRunRejected', { code: err.code, message: err.message }) };
          }
          throw err;
        }
      },
    },
  ];
}
