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
