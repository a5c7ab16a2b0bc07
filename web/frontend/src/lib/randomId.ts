/**
 * A random id for things the browser names itself (a chat message before the server stores it, an avatar to try).
 * `crypto.randomUUID` exists only on secure origins; `getRandomValues` everywhere, plain-HTTP hosts included.
 */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
