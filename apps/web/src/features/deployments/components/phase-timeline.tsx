import { Steps } from 'antd';
import type { DeploymentPhase } from '@dify-console/shared/api/deployments';
import { usePageT } from '../../../lib/i18n/use-page-t';

const FORWARD = ['ordered', 'validating', 'installing', 'starting', 'ready'] as const satisfies readonly DeploymentPhase[];

/**
 * The phases in the order the user lives them: ordered → validating → installing → starting →
 * ready. A failure replaces the phase it happened in; a deletion follows "ready".
 */
export function PhaseTimeline({ phase, failedAt }: { phase: DeploymentPhase; failedAt?: DeploymentPhase }) {
  const { t } = usePageT();
  const removal = phase === 'deleting' || phase === 'deleted';
  const phases: DeploymentPhase[] = removal ? [...FORWARD, 'deleting', 'deleted'] : [...FORWARD];
  let current = phases.indexOf(phase);
  let status: 'process' | 'finish' | 'error' = phase === 'ready' || phase === 'deleted' ? 'finish' : 'process';
  if (phase === 'failed') {
    // The failure sits where the deployment stopped (the step after the last one reached).
    current = Math.max(1, phases.indexOf(failedAt && failedAt !== 'failed' ? failedAt : 'installing'));
    status = 'error';
  }
  return (
    <nav aria-label={t('deployment.timeline')}>
      <Steps
        size="small"
        current={current}
        status={status}
        items={phases.map((p, i) => ({
          title: i === current && phase === 'failed' ? t('phase.failed') : t(`phase.${p}`),
        }))}
      />
    </nav>
  );
}
