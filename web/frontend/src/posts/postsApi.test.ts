import { afterEach, describe, expect, it, vi } from 'vitest';
import { postsApi } from './postsApi';

describe('postsApi.create', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the draft’s key as the Idempotency-Key header, and the post without it', async () => {
    const fetch = vi.fn(async () => new Response('{"id":"p1"}', { status: 201 }));
    vi.stubGlobal('fetch', fetch);

    await postsApi.create({ content: 'hi', privacy: 'PUBLIC', wallProfileId: 'ann', idempotencyKey: 'k1' });

    expect(fetch).toHaveBeenCalledWith('/web/posts', {
      method: 'POST',
      headers: { 'Idempotency-Key': 'k1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: 'hi', privacy: 'PUBLIC', wallProfileId: 'ann' }),
      credentials: 'same-origin',
    });
  });
});

describe('postsApi.comment', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the comment’s key as the Idempotency-Key header', async () => {
    const fetch = vi.fn(async () => new Response('{"id":"c1"}', { status: 201 }));
    vi.stubGlobal('fetch', fetch);

    await postsApi.comment('p1', 'nice', 'k2');

    expect(fetch).toHaveBeenCalledWith('/web/posts/p1/comments', {
      method: 'POST',
      headers: { 'Idempotency-Key': 'k2', 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: 'nice' }),
      credentials: 'same-origin',
    });
  });
});
