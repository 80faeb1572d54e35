import { randomUUID } from 'node:crypto';

/** Every answer carries a request id: upper-case UUID, like the cloud's own. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}
