import { Store } from '../lib/store';
import { ApiError } from '../api/ApiError';
import type { Renewal } from '../api/http';
import type { Me, TokenResponse } from '../api/types';

export type SessionState =
  /** `problem`: the server could not be reached yet; the start is being retried. */
  | { status: 'loading'; problem?: string }
  /** `ended`: why the session ended, when it was not at this tab's wish; `loggedOut`: this tab's member logged out. */
  | { status: 'anonymous'; ended?: string; loggedOut?: true }
  | { status: 'member'; me: Me };

/** What the session needs from the browser, passed in so tests can play several tabs and a clock. */
export interface SessionEnvironment {
  fetch: typeof fetch;
  /** One channel per tab, all on the same name: how tabs tell each other of logins, refreshes and logouts. */
  channel: Pick<BroadcastChannel, 'postMessage'> & { onmessage: ((event: MessageEvent) => void) | null };
  /** Shared by all tabs: when the current access token expires (epoch seconds). Not a secret, unlike the token. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Serialises refreshes across tabs (the Web Locks API); without it, only within this tab. */
  withLock: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  now: () => number;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

type TabMessage = { type: 'login' } | { type: 'logout' } | { type: 'ended' } | { type: 'refreshed'; accessExp: number };

const EXPIRY_KEY = 'bunnybook.accessExp';
/** Refresh this long before the access token expires, so no request ever carries an expired one. */
const MARGIN_MS = 60_000;
/** Retries after a failure to reach the server wait this long, doubling up to the maximum. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;
const REFRESH_LOCK = 'bunnybook-refresh';
const ENDED = 'Your session has ended: please log in again.';
const UNREACHABLE = 'Cannot reach Bunnybook: trying again…';

/**
 * The member's session. The tokens live in HttpOnly cookies that scripts cannot read; this service only knows when
 * the access token expires and renews it a minute before. A refresh rotates the refresh token, and presenting an
 * already rotated one ends the whole session, so tabs take a lock to refresh and a tab that finds the token already
 * renewed by another one does not refresh again. Logging in or out in one tab does the same in every other.
 * Only the server's 401 ends a session: while the server cannot be reached (or fails), the service keeps trying.
 */
export class SessionService {
  readonly store = new Store<SessionState>({ status: 'loading' });
  /** The next renewal, while a member. */
  private timer: unknown;
  /** The next try to start, while the server cannot be reached. */
  private startRetry: unknown;
  private renewing: Promise<Renewal> | null = null;
  private retryMs = RETRY_FIRST_MS;

  constructor(private readonly env: SessionEnvironment) {
    env.channel.onmessage = (event) => this.onTabMessage(event.data as TabMessage);
  }

  get me(): Me | null {
    const state = this.store.value;
    return state.status === 'member' ? state.me : null;
  }

  /** On page load: the cookies may still hold a session. Until the server answers, it is asked again and again. */
  async start(): Promise<void> {
    try {
      if (await this.loadMe()) {
        const known = Number(this.env.storage.getItem(EXPIRY_KEY));
        // without the expiry (storage cleared), renewing now is the only way to know when to renew next
        if (known) this.schedule(known);
        else void this.refresh();
      } else {
        const outcome = await this.renew();
        if (outcome === 'failed') throw new Error('the server could not renew the session');
        if (outcome === 'refused' || !(await this.loadMe())) this.end({});
      }
      this.retryMs = RETRY_FIRST_MS;
    } catch {
      this.store.set({ status: 'loading', problem: UNREACHABLE });
      this.env.clearTimeout(this.startRetry);
      this.startRetry = this.env.setTimeout(() => void this.start(), this.nextRetry());
    }
  }

  async login(email: string, password: string): Promise<Me> {
    const tokens = await this.call<TokenResponse>('/web/login', { email, password });
    this.renewed(tokens.accessExp);
    const me = await this.loadMe();
    if (!me) throw new ApiError(401, 'Please log in again.');
    this.tell({ type: 'login' });
    return me;
  }

  /**
   * Ends the session on the server, then in every tab; throws, and keeps the session, when the server cannot be told
   * (its cookies would log the member back in on the next page load). Waits for a renewal under way, whose new
   * cookies would otherwise outlive the logout.
   */
  async logout(): Promise<void> {
    const response = await this.env.withLock(REFRESH_LOCK, async () => {
      // the server names the session by the access cookie, which the browser drops when it expires (a tab that
      // slept through its renewal): renewing first gives it one again (the refresh cookie reaches /web/refresh only)
      const known = Number(this.env.storage.getItem(EXPIRY_KEY));
      if (!known || known * 1000 <= this.env.now()) {
        await this.env.fetch('/web/refresh', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
      }
      return this.env.fetch('/web/logout', { method: 'POST', credentials: 'same-origin' });
    });
    if (!response.ok) throw await ApiError.from(response);
    this.endHere();
  }

  /**
   * Asks whether the session still stands, e.g. when the socket was closed: the server closes the sockets of a session
   * that ended elsewhere (another device ended it, a password or role change). A 401 renews, and a refused renewal
   * ends the session here; a server that cannot be reached changes nothing.
   */
  async verify(): Promise<void> {
    if (this.store.value.status !== 'member') return;
    try {
      const response = await this.env.fetch('/web/session', { credentials: 'same-origin' });
      if (response.status !== 401) return;
      // the access token is refused before it expires: only a renewal can say whether the session stands
      this.env.storage.removeItem(EXPIRY_KEY);
      await this.refresh();
    } catch {
      // unreachable: the socket's own retries, and the next request, will tell
    }
  }

  /** The server has ended this tab's session at the member's wish (logout, "log out everywhere"): so do all tabs. */
  endHere(): void {
    this.end({ loggedOut: true });
    this.tell({ type: 'logout' });
  }

  /**
   * Renews the access token. Concurrent callers (a timer and a 401, or several tabs) share one rotation. When the
   * server cannot be reached, the renewal is tried again later.
   */
  async refresh(): Promise<Renewal> {
    const outcome = await this.renew();
    if (outcome === 'failed' && this.store.value.status === 'member') {
      this.env.clearTimeout(this.timer);
      this.timer = this.env.setTimeout(() => void this.refresh(), this.nextRetry());
    }
    return outcome;
  }

  private renew(): Promise<Renewal> {
    this.renewing ??= this.env
      .withLock(REFRESH_LOCK, () => this.renewUnlessRenewed())
      .finally(() => (this.renewing = null));
    return this.renewing;
  }

  private async renewUnlessRenewed(): Promise<Renewal> {
    const known = Number(this.env.storage.getItem(EXPIRY_KEY));
    if (known && known * 1000 - this.env.now() > MARGIN_MS && this.store.value.status === 'member') {
      this.schedule(known); // another tab renewed it while this one waited for the lock
      return 'renewed';
    }
    let response: Response;
    try {
      response = await this.env.fetch('/web/refresh', { method: 'POST', credentials: 'same-origin' });
    } catch {
      return 'failed';
    }
    if (response.status === 401) {
      if (this.store.value.status === 'member') {
        this.end({ ended: ENDED });
        this.tell({ type: 'ended' });
      }
      return 'refused';
    }
    if (!response.ok) return 'failed';
    const tokens = (await response.json()) as TokenResponse;
    this.retryMs = RETRY_FIRST_MS;
    this.renewed(tokens.accessExp);
    this.tell({ type: 'refreshed', accessExp: tokens.accessExp });
    return 'renewed';
  }

  /** Doubling waits with jitter, so tabs and members that lost the server together do not return in step. */
  private nextRetry(): number {
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    return wait / 2 + Math.random() * (wait / 2);
  }

  /** The member the cookies belong to; null when they belong to none (401); throws when the server cannot say. */
  private async loadMe(): Promise<Me | null> {
    const response = await this.env.fetch('/web/me', { credentials: 'same-origin' });
    if (response.status === 401) return null;
    if (!response.ok) throw await ApiError.from(response);
    const me = (await response.json()) as Me;
    this.store.set({ status: 'member', me });
    return me;
  }

  private async call<T>(path: string, body: unknown): Promise<T> {
    const response = await this.env.fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await ApiError.from(response);
    return (await response.json()) as T;
  }

  private renewed(accessExp: number): void {
    this.env.storage.setItem(EXPIRY_KEY, String(accessExp));
    this.schedule(accessExp);
  }

  private schedule(accessExp: number): void {
    this.env.clearTimeout(this.timer);
    const due = Math.max(accessExp * 1000 - this.env.now() - MARGIN_MS, 1_000);
    this.timer = this.env.setTimeout(() => void this.refresh(), due);
  }

  private end(how: { ended?: string; loggedOut?: true }): void {
    this.env.clearTimeout(this.timer);
    this.env.storage.removeItem(EXPIRY_KEY);
    this.store.set({ status: 'anonymous', ...how });
  }

  private onTabMessage(message: TabMessage): void {
    if (message.type === 'logout' || message.type === 'ended') {
      if (this.store.value.status === 'member') this.end({ ended: message.type === 'logout' ? 'You logged out in another tab.' : ENDED });
    } else if (message.type === 'refreshed') {
      // a tab waiting to retry its start learns that the server is back
      const state = this.store.value;
      if (state.status === 'loading' && state.problem) this.retryStartNow();
      else this.schedule(message.accessExp);
    } else if (message.type === 'login') {
      void this.loadMe().then((me) => me && this.schedule(Number(this.env.storage.getItem(EXPIRY_KEY))), () => undefined);
    }
  }

  private retryStartNow(): void {
    this.env.clearTimeout(this.startRetry);
    void this.start();
  }

  private tell(message: TabMessage): void {
    this.env.channel.postMessage(message);
  }
}
