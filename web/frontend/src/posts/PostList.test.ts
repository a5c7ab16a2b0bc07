import { describe, expect, it, vi } from 'vitest';
import { PostList, type PostChanges } from './PostList';
import { aPost } from './testing';
import { ApiError } from '../api/ApiError';
import type { Post } from '../api/types';

function listOf(pages: Post[][], api: Partial<PostChanges> = {}) {
  const fetchPage = vi.fn(async () => pages.shift() ?? []);
  const changes: PostChanges = {
    create: vi.fn(),
    like: vi.fn(),
    unlike: vi.fn(),
    delete: vi.fn(async () => undefined),
    edit: vi.fn(),
    ...api,
  };
  return { list: new PostList(fetchPage, changes, 2), fetchPage, changes };
}

describe('PostList', () => {
  it('shows a like the server stored but cannot show yet (202) as made here', async () => {
    const { list } = listOf([[aPost('p1', { likesCount: 2 })]], {
      like: async () => undefined,
      unlike: async () => undefined,
    });
    await list.loadMore();

    await list.like(list.value.items[0]);
    expect(list.value.items[0]).toMatchObject({ likesCount: 3, likedByMe: true });
    await list.unlike(list.value.items[0]);
    expect(list.value.items[0]).toMatchObject({ likesCount: 2, likedByMe: false });
  });

  it('shows a like and an unlike as the server counts them', async () => {
    const { list } = listOf([[aPost('p1', { likesCount: 2 })]], {
      like: async (id) => aPost(id, { likesCount: 3, likedByMe: true }),
      unlike: async (id) => aPost(id, { likesCount: 2, likedByMe: false }),
    });
    await list.loadMore();

    await list.like(list.value.items[0]);
    expect(list.value.items[0]).toMatchObject({ likesCount: 3, likedByMe: true });

    await list.unlike(list.value.items[0]);
    expect(list.value.items[0]).toMatchObject({ likesCount: 2, likedByMe: false });
  });

  it('keeps the post as it was when the like is refused', async () => {
    const { list } = listOf([[aPost('p1')]], { like: async () => Promise.reject(new ApiError(403, 'no')) });
    await list.loadMore();

    await expect(list.like(list.value.items[0])).rejects.toThrow('no');
    expect(list.value.items[0]).toMatchObject({ likesCount: 0, likedByMe: false });
  });

  it('removes a deleted post', async () => {
    const { list, changes } = listOf([[aPost('p1'), aPost('p2')]]);
    await list.loadMore();

    await list.delete(list.value.items[0]);

    expect(changes.delete).toHaveBeenCalledWith('p1');
    expect(list.value.items.map((p) => p.id)).toEqual(['p2']);
  });

  it('puts a new post on top, once, even when a later page lists it too', async () => {
    const { list } = listOf([[aPost('p1'), aPost('p2')], [aPost('new'), aPost('p3')]], { create: async () => aPost('new') });
    await list.loadMore();

    await list.add({ content: 'hi', privacy: 'PUBLIC', wallProfileId: 'ann', idempotencyKey: 'k1' });
    expect(list.value.items.map((p) => p.id)).toEqual(['new', 'p1', 'p2']);

    await list.loadMore();
    expect(list.value.items.map((p) => p.id)).toEqual(['new', 'p1', 'p2', 'p3']);
  });

  it('counts the comment the member adds', async () => {
    const { list } = listOf([[aPost('p1', { commentsCount: 4 })]]);
    await list.loadMore();

    list.commented('p1');

    expect(list.value.items[0].commentsCount).toBe(5);
  });

  it('shows an edited post as the server answered it', async () => {
    const { list, changes } = listOf([[aPost('p1'), aPost('p2')]], {
      edit: vi.fn(async (id: string, content: string) => aPost(id, { content, editedAt: '2026-01-01T11:00:00.000Z' })),
    });
    await list.loadMore();

    await list.edit(list.value.items[1], 'second thoughts');

    expect(changes.edit).toHaveBeenCalledWith('p2', 'second thoughts');
    expect(list.value.items[1]).toMatchObject({ content: 'second thoughts', editedAt: '2026-01-01T11:00:00.000Z' });
    expect(list.value.items[0].editedAt).toBeUndefined();
  });

  it('counts a comment deleted, never below none', async () => {
    const { list } = listOf([[aPost('p1', { commentsCount: 1 })]]);
    await list.loadMore();

    list.commentDeleted('p1');
    list.commentDeleted('p1');

    expect(list.value.items[0].commentsCount).toBe(0);
  });
});
