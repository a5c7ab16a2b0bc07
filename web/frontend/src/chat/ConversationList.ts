import type { Subscription } from 'rxjs';
import { PagedList } from '../lib/PagedList';
import type { ChatMessage, Conversation } from '../api/types';
import type { PushSource } from '../realtime/PushSource';

/** The member's conversations, latest message first; a new message moves its conversation to the top. */
export class ConversationList extends PagedList<Conversation> {
  constructor(fetchPage: (before: Conversation | null, limit: number) => Promise<Conversation[]>) {
    super(fetchPage, (c) => c.chatGroupId, 20);
  }

  messageArrived(message: ChatMessage): void {
    const known = this.value.items.find((c) => c.chatGroupId === message.chatGroupId);
    this.prepend({
      fromProfileId: message.fromProfileId,
      fromProfileUsername: message.fromProfileUsername,
      content: message.content,
      createdAt: message.createdAt,
      chatGroupId: message.chatGroupId,
      chatGroupName: known?.chatGroupName ?? null,
      readAt: null,
      messageId: message.id,
    });
  }

  listen(source: PushSource): Subscription {
    return source.on<ChatMessage>('chat_message').subscribe((message) => this.messageArrived(message));
  }
}

/** Who a conversation is with: its name, else the friend it is shared with, else whoever wrote last. */
export function conversationTitle(conversation: Conversation, friendName: string | undefined): string {
  return conversation.chatGroupName ?? friendName ?? conversation.fromProfileUsername;
}
