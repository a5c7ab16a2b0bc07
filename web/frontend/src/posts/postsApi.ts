import { http } from '../api/http';
import { ApiError } from '../api/ApiError';
import { olderThan } from '../api/paging';
import type { Comment, Post, Privacy } from '../api/types';

/** The lengths the server takes (docs/http-api.md), for writing and for editing alike. */
export const MAX_POST_LENGTH = 4096;
export const MAX_COMMENT_LENGTH = 1024;

export interface NewPost {
  content: string;
  privacy: Privacy;
  wallProfileId: string;
  /** Names the post: sent again under it after a failure, it is stored once (docs/http-api.md). */
  idempotencyKey: string;
}

/**
 * Posts, comments, likes and the feed (docs/http-api.md). Stores take these calls as a parameter, so tests need no
 * server.
 */
export const postsApi = {
  feed: (after: Post | null, limit: number) => http.get<Post[]>('/feed', { ...olderThan(after), limit }),
  wall: (wallProfileId: string, after: Post | null, limit: number) =>
    http.get<Post[]>('/posts', { wall_profile_id: wallProfileId, ...olderThan(after), limit }),
  post: (id: string) => http.get<Post>(`/posts/${id}`),
  create: ({ idempotencyKey, ...post }: NewPost) =>
    http.post<Post>('/posts', post, { 'Idempotency-Key': idempotencyKey }),
  /** Changes answer nothing (202) when they are stored but the walls cannot show the post yet: see `asChanged`. */
  like: (id: string) => http.post<Post | undefined>(`/posts/${id}/likes`),
  unlike: (id: string) => http.delete<Post | undefined>(`/posts/${id}/likes`),
  /** A post someone else deleted meanwhile (404) is gone all the same: what the member wanted. */
  delete: (id: string) =>
    http.delete(`/posts/${id}`).catch((e) => {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }),
  comments: (postId: string, after: Comment | null, limit: number) =>
    http.get<Comment[]>(`/posts/${postId}/comments`, { ...olderThan(after), limit }),
  comment: (postId: string, content: string, idempotencyKey: string) =>
    http.post<Comment>(`/posts/${postId}/comments`, { content }, { 'Idempotency-Key': idempotencyKey }),
  /** Only the author may; answers the post as it is now, with its `editedAt` (or nothing, as `like` may). */
  edit: (id: string, content: string) => http.patch<Post | undefined>(`/posts/${id}`, { content }),
  editComment: (id: string, content: string) => http.patch<Comment>(`/comments/${id}`, { content }),
  /** As for a post, a comment already gone (404) is what the member wanted. */
  deleteComment: (id: string) =>
    http.delete(`/comments/${id}`).catch((e) => {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }),
};

export type PostsApi = typeof postsApi;

/** What a post card can do to the post it shows, wherever that post is listed. */
export interface PostActions {
  like(post: Post): Promise<void>;
  unlike(post: Post): Promise<void>;
  delete(post: Post): Promise<void>;
  /** The author changed what the post says. */
  edit(post: Post, content: string): Promise<void>;
  /** The member added a comment: the post's count follows. */
  commented(postId: string): void;
  /** The member deleted a comment: the post's count follows. */
  commentDeleted(postId: string): void;
}

/**
 * The post as the server shows it after a change, or, when the server stored the change but its walls cannot show
 * the post yet (202 without a body), the post as it was with the change made here.
 */
export function asChanged(answer: Post | undefined, post: Post, change: Partial<Post>): Post {
  return answer ?? { ...post, ...change };
}

/** What liking, unliking and editing change in a post, for `asChanged`. */
export const changes = {
  liked: (post: Post): Partial<Post> => ({ likedByMe: true, likesCount: post.likesCount + 1 }),
  unliked: (post: Post): Partial<Post> => ({ likedByMe: false, likesCount: Math.max(0, post.likesCount - 1) }),
  edited: (content: string): Partial<Post> => ({ content, editedAt: new Date().toISOString() }),
};
