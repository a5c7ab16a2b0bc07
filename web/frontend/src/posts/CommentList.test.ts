import { describe, expect, it, vi } from 'vitest';
import { CommentList } from './CommentList';
import { aComment } from './testing';

describe('CommentList', () => {
  it('pages older comments from the oldest one shown', async () => {
    const comments = vi.fn(async (_postId: string, after: { id: string } | null) =>
      after === null ? [aComment('c5'), aComment('c4')] : after.id === 'c4' ? [aComment('c3')] : [],
    );
    const list = new CommentList({ comments, comment: vi.fn() }, 'p1', 2);

    await list.start(3);
    expect(list.value).toMatchObject({ exhausted: false });
    await list.loadMore();

    expect(comments).toHaveBeenLastCalledWith('p1', expect.objectContaining({ id: 'c4' }), 2);
    expect(list.value.items.map((c) => c.id)).toEqual(['c5', 'c4', 'c3']);
    expect(list.value.exhausted).toBe(true);
  });

  it('asks nothing for a post without comments', async () => {
    const comments = vi.fn(async () => []);
    const list = new CommentList({ comments, comment: vi.fn() }, 'p1', 3);

    await list.start(0);

    expect(comments).not.toHaveBeenCalled();
    expect(list.value).toMatchObject({ items: [], exhausted: true, loading: false });
  });

  it('shows the member’s new comment first', async () => {
    const comment = vi.fn(async () => aComment('mine'));
    const list = new CommentList({ comments: async () => [aComment('c1')], comment }, 'p1', 3);
    await list.start(1);

    await list.add('hello');

    expect(comment).toHaveBeenCalledWith('p1', 'hello');
    expect(list.value.items.map((c) => c.id)).toEqual(['mine', 'c1']);
  });
});
