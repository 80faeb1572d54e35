import { useNavigate, useParams } from '../../lib/router';
import { AccessEntry } from '../../features/access/components/access-entry';
import { AccessOutputNote } from '../../features/access/components/access-output-note';
import { prefillFromDeployment } from '../../features/deploy/prefill';
import { HealthSection } from '../../features/deployment-health/components/health-section';
import { DeploymentDetail } from '../../features/deployments/components/deployment-detail';
import type { DeploymentSlots } from '../../features/deployments/slots';

/** The sections the deployment page shows from other features. */
const slots: DeploymentSlots = { AccessEntry, AccessOutputNote, Health: HealthSection };

/**
 * One deployment, live. "Back to edit parameters" hands the deploy wizard the deployment's
 * non-secret values and the fields its failure names; the access entry section comes from the
 * access feature (the features do not know each other). Loaded lazily.
 */
export function DeploymentRoute() {
  const { instanceId = '' } = useParams();
  const navigate = useNavigate();
  return (
    <DeploymentDetail
      key={instanceId}
      instanceId={instanceId}
      slots={slots}
      onEditParameters={(deployment) => void navigate('/', { state: { prefill: prefillFromDeployment(deployment) } })}
    />
  );
}

export { DeploymentRoute as Component };
