import type { AccessRequest } from '@dify-console/shared/api/access';
import type { ApiError } from '../../lib/api-client';

export type LoadBalancerRequest = Extract<AccessRequest, { kind: 'loadBalancer' }>;
export type IngressRequest = Extract<AccessRequest, { kind: 'ingress' }>;

/** What came of applying a way: null when the user cancelled the switch (nothing was sent). */
export type ApplyOutcome = { ok: true } | { ok: false; error: ApiError | Error } | null;

/** What a way's card gives the section: send this request (after confirming a switch). */
export type ApplyFn<R extends AccessRequest> = (request: R) => Promise<ApplyOutcome>;
