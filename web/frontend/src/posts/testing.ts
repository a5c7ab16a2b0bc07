import type { Comment, Post } from '../api/types';

// Sample posts and comments for the unit tests of this folder.

export function aPost(id: string, changes: Partial<Post> = {}): Post {
  return {
    id,
    content: `post ${id}`,
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    wallProfileId: 'ann',
    profileId: 'ann',
    privacy: 'PUBLIC',
    commentsCount: 0,
    username: 'ann',
    likesCount: 0,
    likedByMe: false,
    ...changes,
  };
}

export function aComment(id: string, createdAt = '2026-01-01T10:00:00.000Z'): Comment {
  return { id, content: `comment ${id}`, createdAt, postId: 'p1', profileId: 'bob', username: 'bob' };
}
