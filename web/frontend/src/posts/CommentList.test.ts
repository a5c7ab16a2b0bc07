import { describe, expect, it, vi } from 'vitest';
import { CommentList } from './CommentList';
import { aComment } from './testing';

/** The calls a test does not expect to be made. */
function noChanges() {
  return { comment: vi.fn(), editComment: vi.fn(), deleteComment: vi.fn() };
}

describe('CommentList', () => {
  it('pages older comments from the oldest one shown', async () => {
    const comments = vi.fn(async (_postId: string, after: { id: string } | null) =>
      after === null ? [aComment('c5'), aComment('c4')] : after.id === 'c4' ? [aComment('c3')] : [],
    );
    const list = new CommentList({ ...noChanges(), comments }, 'p1', 2);

    await list.start(3);
    expect(list.value).toMatchObject({ exhausted: false });
    await list.loadMore();

    expect(comments).toHaveBeenLastCalledWith('p1', expect.objectContaining({ id: 'c4' }), 2);
    expect(list.value.items.map((c) => c.id)).toEqual(['c5', 'c4', 'c3']);
    expect(list.value.exhausted).toBe(true);
  });

  it('asks nothing for a post without comments', async () => {
    const comments = vi.fn(async () => []);
    const list = new CommentList({ ...noChanges(), comments }, 'p1', 3);

    await list.start(0);

    expect(comments).not.toHaveBeenCalled();
    expect(list.value).toMatchObject({ items: [], exhausted: true, loading: false });
  });

  it('shows the member’s new comment first', async () => {
    const comment = vi.fn(async () => aComment('mine'));
    const list = new CommentList({ ...noChanges(), comments: async () => [aComment('c1')], comment }, 'p1', 3);
    await list.start(1);

    await list.add('hello', 'k1');

    expect(comment).toHaveBeenCalledWith('p1', 'hello', 'k1');
    expect(list.value.items.map((c) => c.id)).toEqual(['mine', 'c1']);
  });

  it('shows an edited comment as the server answered it, in its place', async () => {
    const edited = { ...aComment('c1'), content: 'better', editedAt: '2026-01-01T11:00:00.000Z' };
    const editComment = vi.fn(async () => edited);
    const list = new CommentList(
      { ...noChanges(), comments: async () => [aComment('c2'), aComment('c1')], editComment }, 'p1', 3);
    await list.start(2);

    await list.edit(aComment('c1'), 'better');

    expect(editComment).toHaveBeenCalledWith('c1', 'better');
    expect(list.value.items.map((c) => [c.id, c.content, c.editedAt ?? null])).toEqual([
      ['c2', 'comment c2', null],
      ['c1', 'better', '2026-01-01T11:00:00.000Z'],
    ]);
  });

  it('drops a deleted comment, and keeps it when the deletion fails', async () => {
    const deleteComment = vi.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('offline'));
    const list = new CommentList(
      { ...noChanges(), comments: async () => [aComment('c2'), aComment('c1')], deleteComment }, 'p1', 3);
    await list.start(2);

    await list.delete(aComment('c2'));
    await expect(list.delete(aComment('c1'))).rejects.toThrow('offline');

    expect(deleteComment).toHaveBeenCalledWith('c2');
    expect(list.value.items.map((c) => c.id)).toEqual(['c1']);
  });
});
