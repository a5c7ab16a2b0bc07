/** Where `?next=` may lead after logging in: only to a page of this site, never elsewhere (an open redirect). */
export function pageOfOurs(next: string | null, origin = window.location.origin): string {
  if (!next) return '/';
  try {
    const url = new URL(next, origin);
    return url.origin === origin ? url.pathname + url.search + url.hash : '/';
  } catch {
    return '/';
  }
}
