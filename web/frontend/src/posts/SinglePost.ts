import { Store } from '../lib/store';
import { ApiError, describe } from '../api/ApiError';
import type { Post } from '../api/types';
import type { PostActions, PostsApi } from './postsApi';
import { asChanged, changes } from './postsApi';

export type SinglePostState =
  | { status: 'loading' }
  | { status: 'shown'; post: Post }
  /** Missing or deleted (404), or deleted here. */
  | { status: 'gone' }
  /** A FRIENDS post and the member is not a friend of its wall's owner (403). */
  | { status: 'hidden' }
  | { status: 'error'; error: string };

/** The post of a post page, and what the member does to it there. */
export class SinglePost extends Store<SinglePostState> implements PostActions {
  constructor(
    private readonly api: Pick<PostsApi, 'post' | 'like' | 'unlike' | 'delete' | 'edit'>,
    private readonly id: string,
  ) {
    super({ status: 'loading' });
  }

  async load(): Promise<void> {
    this.set({ status: 'loading' });
    try {
      this.show(await this.api.post(this.id));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) this.set({ status: 'gone' });
      else if (e instanceof ApiError && e.status === 403) this.set({ status: 'hidden' });
      else this.set({ status: 'error', error: describe(e) });
    }
  }

  async like(post: Post): Promise<void> {
    this.show(asChanged(await this.api.like(post.id), post, changes.liked(post)));
  }

  async unlike(post: Post): Promise<void> {
    this.show(asChanged(await this.api.unlike(post.id), post, changes.unliked(post)));
  }

  async delete(post: Post): Promise<void> {
    await this.api.delete(post.id);
    this.set({ status: 'gone' });
  }

  async edit(post: Post, content: string): Promise<void> {
    this.show(asChanged(await this.api.edit(post.id, content), post, changes.edited(content)));
  }

  commented(): void {
    this.countComments(+1);
  }

  commentDeleted(): void {
    this.countComments(-1);
  }

  private countComments(by: number): void {
    const state = this.value;
    if (state.status === 'shown') {
      this.show({ ...state.post, commentsCount: Math.max(0, state.post.commentsCount + by) });
    }
  }

  private show(post: Post): void {
    this.set({ status: 'shown', post });
  }
}
