import { PagedList } from '../lib/PagedList';
import type { Post } from '../api/types';
import type { NewPost, PostActions, PostsApi } from './postsApi';
import { asChanged, changes } from './postsApi';

export type PostChanges = Pick<PostsApi, 'create' | 'like' | 'unlike' | 'delete' | 'edit'>;

/**
 * A wall or the feed: posts newest first, paged by keyset, plus what the member does to them. Each change shows the
 * post as the server answered it (likes answer with the whole post), so counts never drift from the server's.
 */
export class PostList extends PagedList<Post> implements PostActions {
  constructor(
    fetchPage: (after: Post | null, limit: number) => Promise<Post[]>,
    private readonly api: PostChanges,
    limit = 10,
  ) {
    super(fetchPage, (post) => post.id, limit);
  }

  async add(post: NewPost): Promise<void> {
    this.prepend(await this.api.create(post));
  }

  async like(post: Post): Promise<void> {
    this.replace(asChanged(await this.api.like(post.id), post, changes.liked(post)));
  }

  async unlike(post: Post): Promise<void> {
    this.replace(asChanged(await this.api.unlike(post.id), post, changes.unliked(post)));
  }

  async delete(post: Post): Promise<void> {
    await this.api.delete(post.id);
    this.remove(post.id);
  }

  async edit(post: Post, content: string): Promise<void> {
    this.replace(asChanged(await this.api.edit(post.id, content), post, changes.edited(content)));
  }

  commented(postId: string): void {
    this.countComments(postId, +1);
  }

  commentDeleted(postId: string): void {
    this.countComments(postId, -1);
  }

  private countComments(postId: string, by: number): void {
    const post = this.value.items.find((p) => p.id === postId);
    if (post) this.replace({ ...post, commentsCount: Math.max(0, post.commentsCount + by) });
  }
}
