import { Store } from '../lib/store';
import { ApiError } from '../api/ApiError';
import type { Me, TokenResponse } from '../api/types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; ended?: string }
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

type TabMessage = { type: 'login' } | { type: 'logout' } | { type: 'refreshed'; accessExp: number };

const EXPIRY_KEY = 'bunnybook.accessExp';
/** Refresh this long before the access token expires, so no request ever carries an expired one. */
const MARGIN_MS = 60_000;

/**
 * The member's session. The tokens live in HttpOnly cookies that scripts cannot read; this service only knows when
 * the access token expires and renews it a minute before. A refresh rotates the refresh token, and presenting an
 * already rotated one ends the whole session, so tabs take a lock to refresh and a tab that finds the token already
 * renewed by another one does not refresh again. Logging in or out in one tab does the same in every other.
 */
export class SessionService {
  readonly store = new Store<SessionState>({ status: 'loading' });
  private timer: unknown;
  private refreshing: Promise<boolean> | null = null;

  constructor(private readonly env: SessionEnvironment) {
    env.channel.onmessage = (event) => this.onTabMessage(event.data as TabMessage);
  }

  get me(): Me | null {
    const state = this.store.value;
    return state.status === 'member' ? state.me : null;
  }

  /** On page load: the cookies may still hold a session. */
  async start(): Promise<void> {
    const stored = Number(this.env.storage.getItem(EXPIRY_KEY));
    if (stored) this.schedule(stored);
    if (!(await this.loadMe()) && (await this.refresh())) await this.loadMe();
    if (this.store.value.status === 'loading') this.end();
  }

  async login(email: string, password: string): Promise<Me> {
    const tokens = await this.call<TokenResponse>('/web/login', { email, password });
    this.renewed(tokens.accessExp);
    const me = await this.loadMe();
    if (!me) throw new ApiError(401, 'Please log in again.');
    this.tell({ type: 'login' });
    return me;
  }

  async logout(): Promise<void> {
    try {
      await this.env.fetch('/web/logout', { method: 'POST', credentials: 'same-origin' });
    } finally {
      this.end();
      this.tell({ type: 'logout' });
    }
  }

  /**
   * Renews the access token; true when the session goes on. Concurrent callers (a timer and a 401, or several tabs)
   * share one rotation.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.env
      .withLock('bunnybook-refresh', () => this.refreshUnlessRenewed())
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async refreshUnlessRenewed(): Promise<boolean> {
    const known = Number(this.env.storage.getItem(EXPIRY_KEY));
    if (known && known * 1000 - this.env.now() > MARGIN_MS && this.store.value.status === 'member') {
      this.schedule(known); // another tab renewed it while this one waited for the lock
      return true;
    }
    const response = await this.env.fetch('/web/refresh', { method: 'POST', credentials: 'same-origin' });
    if (!response.ok) {
      if (this.store.value.status === 'member') {
        this.end('Your session has ended: please log in again.');
        this.tell({ type: 'logout' });
      }
      return false;
    }
    const tokens = (await response.json()) as TokenResponse;
    this.renewed(tokens.accessExp);
    this.tell({ type: 'refreshed', accessExp: tokens.accessExp });
    return true;
  }

  private async loadMe(): Promise<Me | null> {
    const response = await this.env.fetch('/web/me', { credentials: 'same-origin' });
    if (!response.ok) return null;
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

  private end(reason?: string): void {
    this.env.clearTimeout(this.timer);
    this.env.storage.removeItem(EXPIRY_KEY);
    this.store.set({ status: 'anonymous', ended: reason });
  }

  private onTabMessage(message: TabMessage): void {
    if (message.type === 'logout') {
      if (this.store.value.status === 'member') this.end('You logged out in another tab.');
    } else if (message.type === 'refreshed') {
      this.schedule(message.accessExp);
    } else if (message.type === 'login') {
      void this.loadMe().then((me) => me && this.schedule(Number(this.env.storage.getItem(EXPIRY_KEY))));
    }
  }

  private tell(message: TabMessage): void {
    this.env.channel.postMessage(message);
  }
}
