import { PrerequisitesPage } from '../../features/preflight/components/prerequisites-page';

/** The caller's identity and the RAM policies the guide asks for. Loaded lazily. */
export function PrerequisitesRoute() {
  return <PrerequisitesPage />;
}

export { PrerequisitesRoute as Component };
