import { PagedList } from '../lib/PagedList';
import type { Comment } from '../api/types';
import type { PostsApi } from './postsApi';

/** A post's comments, newest first: the newest page first, older ones on demand, the member's own on top. */
export class CommentList extends PagedList<Comment> {
  constructor(
    private readonly api: Pick<PostsApi, 'comments' | 'comment' | 'editComment' | 'deleteComment'>,
    private readonly postId: string,
    limit: number,
  ) {
    super((after, n) => api.comments(postId, after, n), (comment) => comment.id, limit);
  }

  /** The first page, unless the post says it has no comments: most posts in a feed then cost no request. */
  start(commentsCount: number): Promise<void> {
    if (commentsCount > 0) return this.loadMore();
    this.update((page) => ({ ...page, exhausted: true }));
    return Promise.resolve();
  }

  /** Comments under `idempotencyKey`: sent again with it, the comment is stored once and answered alike. */
  async add(content: string, idempotencyKey: string): Promise<void> {
    this.prepend(await this.api.comment(this.postId, content, idempotencyKey));
  }

  /** Shows the comment as the server answered it, `editedAt` included. */
  async edit(comment: Comment, content: string): Promise<void> {
    this.replace(await this.api.editComment(comment.id, content));
  }

  async delete(comment: Comment): Promise<void> {
    await this.api.deleteComment(comment.id);
    this.remove(comment.id);
  }
}
