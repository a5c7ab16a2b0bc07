import { http } from '../api/http';
import { olderThan } from '../api/paging';
import type { ChatMessage, Conversation, Profile } from '../api/types';

/** The chat's HTTP reads (docs/http-api.md); messages themselves go over the socket. */
export const chatApi = {
  /** One page of the member's friends, A→Z after `usernameGt`; each names its `chatGroupId`. */
  friends: (me: string, usernameGt: string | null, limit: number) =>
    http.get<Profile[]>(`/profiles/${me}/friends`, { username_gt: usernameGt, limit }),
  /** Newest first, older than `before` (keyset on time then id, so equal times never skip a message). */
  messages: (chatGroupId: string, before: ChatMessage | null, limit: number) =>
    http.get<ChatMessage[]>(`/chat/${chatGroupId}/messages`, { ...olderThan(before), limit }),
  /** The latest message of each conversation, newest first, older than `before`'s (keyset on time then id). */
  conversations: (me: string, before: Conversation | null, limit: number) =>
    http.get<Conversation[]>(`/profiles/${me}/conversations`, {
      ...olderThan(before && { createdAt: before.createdAt, id: before.messageId }),
      limit,
    }),
};
