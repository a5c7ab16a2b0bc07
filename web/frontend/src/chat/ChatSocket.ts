import type { Observable } from 'rxjs';
import type { PushSource } from '../realtime/PushSource';
import type { ConnectionState } from '../realtime/RealtimeService';

/** The socket as the chat listens to it: its pushes, and whether it is connected, to redo what could not go out. */
export interface ChatSocket extends PushSource {
  readonly state$: Observable<ConnectionState>;
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
