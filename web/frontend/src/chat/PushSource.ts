import type { Observable } from 'rxjs';

/** The server's pushes by event name: the RealtimeService, or Subjects in tests. */
export interface PushSource {
  on<T>(event: string): Observable<T>;
}

/** `add_friend` / `remove_friend`: a conversation with a friend becomes active or inactive. */
export interface FriendChange {
  chatGroupId: string;
  profileId: string;
  username: string;
}

/** `is_typing`: someone else is typing in one of the member's conversations. */
export interface TypingEvent {
  profileId: string;
  username: string;
  chatGroupId: string;
}
