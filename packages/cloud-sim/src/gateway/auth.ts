import type { Principal } from '../products/ram/principal';
import { STS_STORE } from '../products/sts/model';
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

/**
 * Temporary keys (STS.…) work only with their own security token (RPC parameter SecurityToken,
 * or header x-acs-security-token), until it expires (simulated time); a token sent with
 * long-term keys is not looked at.
 */
export function checkSecurityToken(
  core: SimCore,
  principal: Principal,
  wire: WireRequest,
  params: Record<string, string>,
): void {
  const session = principal.session;
  if (!session) return;
  const token = params.SecurityToken ?? wire.headers['x-acs-security-token'];
  if (token === undefined || token === '') throw Errors.missingSecurityToken();
  if (token !== session.securityToken) {
    const issued = core.registry
      .accounts()
      .some((a) =>
        [...a.accountStore(STS_STORE).sessions.values()].some((s) => s.securityToken === token),
      );
    throw issued ? Errors.securityTokenMismatch() : Errors.securityTokenMalformed();
  }
  if (core.clock.now() >= session.expiresAt) throw Errors.securityTokenExpired();
}
