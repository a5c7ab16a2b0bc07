import { describe, expect, it, vi } from 'vitest';
import { SinglePost } from './SinglePost';
import { aPost } from './testing';
import { ApiError } from '../api/ApiError';

const refusing = (status: number) => async () => Promise.reject(new ApiError(status, 'refused'));
const api = {
  post: async (id: string) => aPost(id),
  like: vi.fn(),
  unlike: vi.fn(),
  delete: vi.fn(async () => undefined),
  edit: vi.fn(async (id: string, content: string) => aPost(id, { content, editedAt: '2026-01-01T11:00:00.000Z' })),
};

describe('SinglePost', () => {
  it('tells a missing post from one for friends only', async () => {
    const missing = new SinglePost({ ...api, post: refusing(404) }, 'p1');
    const hidden = new SinglePost({ ...api, post: refusing(403) }, 'p1');
    const failing = new SinglePost({ ...api, post: refusing(503) }, 'p1');

    await Promise.all([missing.load(), hidden.load(), failing.load()]);

    expect(missing.value).toEqual({ status: 'gone' });
    expect(hidden.value).toEqual({ status: 'hidden' });
    expect(failing.value).toEqual({ status: 'error', error: 'refused' });
  });

  it('counts a new comment and is gone once deleted', async () => {
    const post = new SinglePost(api, 'p1');
    await post.load();

    post.commented();
    expect(post.value).toMatchObject({ status: 'shown', post: { commentsCount: 1 } });

    await post.delete(aPost('p1'));
    expect(post.value).toEqual({ status: 'gone' });
  });

  it('shows the post as edited, and counts a deleted comment', async () => {
    const post = new SinglePost(api, 'p1');
    await post.load();
    post.commented();

    await post.edit(aPost('p1'), 'new words');
    post.commentDeleted();

    expect(post.value).toMatchObject({
      status: 'shown',
      post: { content: 'new words', editedAt: '2026-01-01T11:00:00.000Z', commentsCount: 0 },
    });
  });
});
