import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchApi, onUnauthorized } from './http';

/** The browser's fetch, answering the statuses in turn. */
function answering(...statuses: number[]) {
  const fetch = vi.fn(async () => new Response(null, { status: statuses.shift() }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('fetchApi', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks with the session cookies, and once more after renewing an expired session', async () => {
    const fetch = answering(401, 200);
    onUnauthorized(async () => 'renewed');

    expect((await fetchApi('/audit/export?type=X')).status).toBe(200);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch).toHaveBeenLastCalledWith('/web/audit/export?type=X', { credentials: 'same-origin' });
  });

  it('answers the 401 when the session is over, and never renews for a login', async () => {
    const refresher = vi.fn(async () => 'refused' as const);
    onUnauthorized(refresher);
    answering(401);
    expect((await fetchApi('/posts')).status).toBe(401);
    answering(401);
    expect((await fetchApi('/login', { method: 'POST' })).status).toBe(401);
    expect(refresher).toHaveBeenCalledOnce();
  });

  it('says when the session could not be renewed for now, rather than "log in again"', async () => {
    answering(401);
    onUnauthorized(async () => 'failed');
    await expect(fetchApi('/posts')).rejects.toMatchObject({
      status: 503,
      message: 'Cannot renew your session right now: try again in a moment.',
    });
  });
});
