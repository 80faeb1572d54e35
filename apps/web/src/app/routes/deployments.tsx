import { DeploymentList } from '../../features/deployments/components/deployment-list';

/** The account's deployments. Loaded lazily. */
export function DeploymentsRoute() {
  return <DeploymentList />;
}

export { DeploymentsRoute as Component };
