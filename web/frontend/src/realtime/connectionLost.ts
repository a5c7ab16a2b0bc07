import { Observable, distinctUntilChanged, map, of, switchMap, timer } from 'rxjs';
import type { ConnectionState } from './RealtimeService';

/** Reconnecting for less than this goes unmentioned: the socket is down for a moment on every deploy or login. */
export const GRACE_MS = 3_000;

/** True while the socket has been down for longer than the grace period; false as soon as it is back. */
export function connectionLost(state$: Observable<ConnectionState>, graceMs = GRACE_MS): Observable<boolean> {
  return state$.pipe(
    map((state) => state === 'online'),
    distinctUntilChanged(),
    switchMap((online) => (online ? of(false) : timer(graceMs).pipe(map(() => true)))),
    distinctUntilChanged(),
  );
}
