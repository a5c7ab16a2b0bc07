// The shapes the Bunnybook API answers with (docs/http-api.md). Ids are UUID strings, instants ISO-8601 UTC.

export type Role = 'USER' | 'AUDITOR' | 'MODERATOR' | 'ADMIN';

export interface Me {
  id: string;
  username: string;
  email: string;
  role: Role;
}

export interface TokenResponse {
  accessToken: string;
  /** Epoch seconds. */
  accessExp: number;
  refreshExp: number;
}

export interface Profile {
  id: string;
  username: string;
  /** Only in one's own friend list: the private conversation with that friend. */
  chatGroupId?: string;
}

export type Relationship = 'FRIEND' | 'OUTGOING_FRIEND_REQUEST' | 'INCOMING_FRIEND_REQUEST' | 'SELF' | 'NONE';

/** A shortest chain of friendships from the member (first in `path`) to another (last); `degree` friendships long. */
export interface Connection {
  degree: number;
  path: Profile[];
}

export type Privacy = 'PUBLIC' | 'FRIENDS';

export interface Post {
  id: string;
  content: string;
  createdAt: string;
  updatedAt: string;
  wallProfileId: string;
  profileId: string;
  privacy: Privacy;
  commentsCount: number;
  username: string;
  likesCount: number;
  likedByMe: boolean;
  /** When its content last changed; null (or absent) if it never did. */
  editedAt?: string | null;
}

export interface Comment {
  id: string;
  content: string;
  createdAt: string;
  postId: string;
  profileId: string;
  username: string;
  /** When its content last changed; null (or absent) if it never did. */
  editedAt?: string | null;
}

export interface Notification {
  id: string;
  createdAt: string;
  profileId: string;
  data: { event: string; payload: Record<string, string> };
  read: boolean;
  visited: boolean;
}

export interface Conversation {
  fromProfileId: string;
  fromProfileUsername: string;
  content: string;
  createdAt: string;
  chatGroupId: string;
  chatGroupName: string | null;
  readAt: string | null;
  /** The latest message's id: with `createdAt`, where the next page starts. */
  messageId: string;
}

export interface ChatMessage {
  id: string;
  content: string;
  createdAt: string;
  chatGroupId: string;
  fromProfileId: string;
  fromProfileUsername: string;
  clientMessageId: string | null;
  /** Its place in the conversation's own order. */
  seq: number;
}

export const avatarOf = (username: string) => `/web/avatars/${encodeURIComponent(username)}.png`;
