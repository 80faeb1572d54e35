/**
 * A new idempotency token: a UUID, or 32 random hex digits where `crypto.randomUUID` is missing
 * (it exists only in secure contexts; the console may be served over plain HTTP on a LAN).
 */
export function newClientToken(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
