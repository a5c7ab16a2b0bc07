import { describe, expect, it, vi, beforeEach } from 'vitest';
import { SessionService, type SessionEnvironment } from './SessionService';

/** A tiny server and browser for several tabs: one cookie jar, one localStorage, one broadcast channel. */
class Browser {
  /** The fake timers' clock: it moves with them. */
  get now() {
    return Date.now();
  }
  refreshes = 0;
  /** The refresh token in the cookie jar; a replayed old one revokes the session, as the server does. */
  cookie: string | null = 'r0';
  revoked = false;
  /** When the access cookie expires (the browser then drops it); logout names the session by it alone. */
  accessUntil = 0;
  /** The server cannot be reached: every request fails as fetch does offline. */
  down = false;
  /** Answers every request with this status instead (a server in trouble). */
  failing: number | null = null;
  storage = new Map<string, string>();
  tabs: { onmessage: ((event: MessageEvent) => void) | null }[] = [];
  private lock: Promise<unknown> = Promise.resolve();

  fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = String(input);
    if (this.down) throw new TypeError('Failed to fetch');
    if (this.failing) return status(this.failing);
    if (path === '/web/me') {
      return this.cookie && !this.revoked ? json({ id: 'm1', username: 'hazel', email: 'h@b.test', role: 'USER' }) : status(401);
    }
    if (path === '/web/session') {
      return this.cookie && !this.revoked && this.now < this.accessUntil ? json({ accessExp: this.accessUntil / 1000 }) : status(401);
    }
    if (path === '/web/login') {
      const body = JSON.parse(String(init?.body));
      if (body.password !== 'right') return json({ detail: 'Unauthorized' }, 401);
      this.cookie = 'r0';
      this.revoked = false;
      this.accessUntil = this.now + 900_000;
      return json({ accessToken: 'a', accessExp: this.now / 1000 + 900, refreshExp: this.now / 1000 + 86400 });
    }
    if (path === '/web/refresh') {
      const presented = this.cookie;
      await Promise.resolve(); // a network round trip: another tab could present the same cookie meanwhile
      if (!presented || this.revoked || presented !== this.cookie) {
        this.revoked = true;
        return status(401);
      }
      this.refreshes++;
      this.cookie = `r${this.refreshes}`;
      this.accessUntil = this.now + 900_000;
      return json({ accessToken: 'a', accessExp: this.now / 1000 + 900, refreshExp: this.now / 1000 + 86400 });
    }
    if (path === '/web/logout') {
      if (this.now < this.accessUntil) this.revoked = true; // without an access cookie it cannot tell which session
      this.cookie = null;
      return status(204);
    }
    return status(404);
  });

  tab(): SessionService {
    const channel = {
      onmessage: null as ((event: MessageEvent) => void) | null,
      postMessage: (message: unknown) => {
        for (const other of this.tabs) if (other !== channel) other.onmessage?.({ data: message } as MessageEvent);
      },
    };
    this.tabs.push(channel);
    const env: SessionEnvironment = {
      fetch: this.fetch as unknown as typeof fetch,
      channel,
      storage: {
        getItem: (key) => this.storage.get(key) ?? null,
        setItem: (key, value) => void this.storage.set(key, value),
        removeItem: (key) => void this.storage.delete(key),
      },
      withLock: <T,>(_name: string, task: () => Promise<T>) => {
        const next = this.lock.then(task, task);
        this.lock = next.catch(() => undefined);
        return next;
      },
      now: () => this.now,
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    return new SessionService(env);
  }
}

const json = (body: unknown, code = 200) =>
  new Response(JSON.stringify(body), { status: code, headers: { 'Content-Type': 'application/json' } });
const status = (code: number) => new Response(null, { status: code });

describe('SessionService', () => {
  let browser: Browser;
  beforeEach(() => {
    vi.useFakeTimers();
    browser = new Browser();
  });

  it('starts as the member the cookies belong to, and as anonymous without them', async () => {
    const tab = browser.tab();
    await tab.start();
    expect(tab.store.value).toEqual({ status: 'member', me: expect.objectContaining({ username: 'hazel' }) });

    browser.cookie = null;
    const other = browser.tab();
    await other.start();
    expect(other.store.value.status).toBe('anonymous');
  });

  it('renews at once a session whose expiry it does not know, to know when to renew it next', async () => {
    const tab = browser.tab();
    await tab.start();
    await vi.waitFor(() => expect(browser.refreshes).toBe(1));
    expect(browser.storage.get('bunnybook.accessExp')).toBeTruthy();
    expect(tab.store.value.status).toBe('member');
  });

  it('refuses wrong credentials with a readable error and stays anonymous', async () => {
    browser.cookie = null;
    const tab = browser.tab();
    await tab.start();
    await expect(tab.login('h@b.test', 'wrong')).rejects.toMatchObject({ status: 401 });
    expect(tab.store.value.status).toBe('anonymous');
  });

  it('renews the access token a minute before it expires, without the member noticing', async () => {
    const tab = browser.tab();
    await tab.login('h@b.test', 'right');
    await vi.advanceTimersByTimeAsync(838_000);
    expect(browser.refreshes).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(browser.refreshes).toBe(1);
    expect(tab.store.value.status).toBe('member');
  });

  it('lets only one of several tabs rotate the refresh token, so the session is never taken for stolen', async () => {
    const tabs = [browser.tab(), browser.tab(), browser.tab()];
    await tabs[0].login('h@b.test', 'right');
    await Promise.all(tabs.slice(1).map((tab) => tab.start()));
    vi.setSystemTime(Date.now() + 850_000);
    const outcomes = await Promise.all(tabs.map((tab) => tab.refresh()));
    expect(outcomes).toEqual(['renewed', 'renewed', 'renewed']);
    expect(browser.refreshes).toBe(1);
    expect(browser.revoked).toBe(false);
    expect(tabs.map((tab) => tab.store.value.status)).toEqual(['member', 'member', 'member']);
  });

  it('logs every tab out when one logs out', async () => {
    const [one, two] = [browser.tab(), browser.tab()];
    await one.login('h@b.test', 'right');
    await two.start();
    await one.logout();
    expect(one.store.value).toEqual({ status: 'anonymous', loggedOut: true });
    expect(two.store.value).toEqual({ status: 'anonymous', ended: 'You logged out in another tab.' });
    expect(browser.storage.size).toBe(0);
  });

  it('renews an expired access token before logging out, since the server names the session by it', async () => {
    const tab = browser.tab();
    await tab.login('h@b.test', 'right');
    vi.setSystemTime(Date.now() + 3_600_000); // the tab slept through its renewals
    await tab.logout();
    expect(browser.refreshes).toBe(1);
    expect(browser.revoked).toBe(true);
    expect(tab.store.value.status).toBe('anonymous');
  });

  it('does not renew before logging out while the access token is valid', async () => {
    const tab = browser.tab();
    await tab.login('h@b.test', 'right');
    await tab.logout();
    expect(browser.refreshes).toBe(0);
    expect(browser.revoked).toBe(true);
  });

  it('ends the session when asked to verify it after the server ended it elsewhere', async () => {
    const tab = browser.tab();
    await tab.login('h@b.test', 'right');
    await tab.verify();
    expect(tab.store.value.status).toBe('member');

    browser.revoked = true; // another device ended this session
    await tab.verify();
    expect(tab.store.value).toEqual({ status: 'anonymous', ended: 'Your session has ended: please log in again.' });
  });

  it('ends the session in every tab when the server refuses to renew it', async () => {
    const [one, two] = [browser.tab(), browser.tab()];
    await one.login('h@b.test', 'right');
    await two.start();
    browser.revoked = true;
    vi.setSystemTime(Date.now() + 850_000);
    expect(await one.refresh()).toBe('refused');
    expect(one.store.value).toEqual({ status: 'anonymous', ended: 'Your session has ended: please log in again.' });
    expect(two.store.value).toEqual({ status: 'anonymous', ended: 'Your session has ended: please log in again.' });
  });

  it('keeps asking while the server cannot be reached at start, and says so', async () => {
    browser.down = true;
    const tab = browser.tab();
    await tab.start();
    expect(tab.store.value).toEqual({ status: 'loading', problem: 'Cannot reach Bunnybook: trying again…' });

    browser.down = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(tab.store.value.status).toBe('member');
  });

  it('starts at once, in a tab waiting to retry, when another tab renews the session', async () => {
    const other = browser.tab();
    await other.login('h@b.test', 'right');
    const waiting = browser.tab();
    browser.down = true;
    await waiting.start();
    expect(waiting.store.value.status).toBe('loading');

    browser.down = false;
    vi.setSystemTime(Date.now() + 850_000);
    await other.refresh();
    for (let i = 0; i < 10; i++) await Promise.resolve(); // the start it set off; no timer has run
    expect(waiting.store.value.status).toBe('member');
  });

  it('keeps the session when a renewal fails for any reason but a 401, and tries again later', async () => {
    const tab = browser.tab();
    await tab.login('h@b.test', 'right');
    vi.setSystemTime(Date.now() + 850_000);
    browser.failing = 503;
    expect(await tab.refresh()).toBe('failed');
    browser.failing = null;
    browser.down = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(tab.store.value.status).toBe('member');
    expect(browser.refreshes).toBe(0);

    browser.down = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(browser.refreshes).toBe(1);
    expect(tab.store.value.status).toBe('member');
  });

  it('keeps the session, in every tab, when the logout cannot reach the server', async () => {
    const [one, two] = [browser.tab(), browser.tab()];
    await one.login('h@b.test', 'right');
    await two.start();
    browser.down = true;
    await expect(one.logout()).rejects.toThrow(TypeError);
    expect([one.store.value.status, two.store.value.status]).toEqual(['member', 'member']);

    browser.down = false;
    await one.logout();
    expect([one.store.value.status, two.store.value.status]).toEqual(['anonymous', 'anonymous']);
  });

  it('logs the other tabs in when one logs in', async () => {
    browser.cookie = null;
    const [one, two] = [browser.tab(), browser.tab()];
    await Promise.all([one.start(), two.start()]);
    await one.login('h@b.test', 'right');
    await vi.waitFor(() => expect(two.store.value.status).toBe('member'));
  });
});
