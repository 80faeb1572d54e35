import type { ComponentType } from 'react';

/** What the deployment page gives the access entry section. */
export interface AccessSlotProps {
  instanceId: string;
  /** The deployment's `highAvailability` parameter. */
  highAvailability: boolean;
}

/**
 * The sections another feature provides (features do not import each other; the route composes
 * them): the access entry, shown once the deployment is Deployed, and its word on the template's
 * "open access by hand" output.
 */
export interface DeploymentSlots {
  AccessEntry: ComponentType<AccessSlotProps>;
  /** The smoke test and diagnosis, once the deployment has finished (Deployed or failed). */
  Health: ComponentType<{ instanceId: string }>;
  /** In place of the template's "open access by hand" output: whether the access entry has done it. */
  AccessOutputNote: ComponentType<{ instanceId: string }>;
}
