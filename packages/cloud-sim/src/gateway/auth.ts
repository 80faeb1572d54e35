import { Errors } from '../protocol/errors';
import type { WireRequest } from '../protocol/request';
import { verifyRequest } from '../protocol/verify';
import type { SimCore } from '../sim-core';

/** The AccessKey id of a correctly signed, fresh, never-replayed request (any signature scheme). */
export function authenticate(core: SimCore, wire: WireRequest): string {
  return verifyRequest(wire, {
    now: () => core.clock.wallNow(),
    secretFor: (id) => core.secretFor(id),
    nonces: core.nonces,
  }).accessKeyId;
}

/** The account and the caller (root, RAM user or role) an AccessKey acts as. */
export function principalOf(core: SimCore, accessKeyId: string) {
  const principal = core.principal(accessKeyId);
  if (!principal) throw Errors.accessKeyNotFound();
  return principal;
}
