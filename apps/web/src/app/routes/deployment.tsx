import { useNavigate, useParams } from 'react-router';
import { prefillFromDeployment } from '../../features/deploy/prefill';
import { DeploymentDetail } from '../../features/deployments/components/deployment-detail';

/**
 * One deployment, live. "Back to edit parameters" hands the deploy wizard the deployment's
 * non-secret values and the fields its failure names (the features do not know each other).
 * Loaded lazily.
 */
export function DeploymentRoute() {
  const { instanceId = '' } = useParams();
  const navigate = useNavigate();
  return (
    <DeploymentDetail
      key={instanceId}
      instanceId={instanceId}
      onEditParameters={(deployment) => void navigate('/', { state: { prefill: prefillFromDeployment(deployment) } })}
    />
  );
}

export { DeploymentRoute as Component };
