import { onUnauthorized } from '../api/http';
import { SessionService } from './SessionService';

/** This tab's session, wired to the browser. */
export const session = new SessionService({
  fetch: (input, init) => fetch(input, init),
  channel: new BroadcastChannel('bunnybook-session'),
  storage: localStorage,
  withLock: <T,>(name: string, task: () => Promise<T>) =>
    navigator.locks ? (navigator.locks.request(name, task) as Promise<T>) : task(),
  now: () => Date.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
});

onUnauthorized(() => session.refresh());
