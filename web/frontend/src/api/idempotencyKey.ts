/**
 * A key for a request the member may send again (the `Idempotency-Key` header): 128 random bits, in hex. Made with
 * `getRandomValues`, which browsers offer on plain-HTTP pages too (`randomUUID` only in secure contexts).
 */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
