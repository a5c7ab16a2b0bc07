import type { ChatMessage } from '../api/types';
import { ConversationHistory } from './ConversationHistory';
import { TypingIndicator } from './TypingIndicator';

export interface RoomDeps {
  /** The member's profile id. */
  me: string;
  fetchPage: (chatGroupId: string, before: ChatMessage | null, limit: number) => Promise<ChatMessage[]>;
  /** A frame to the server, `/app/<name>`; false when the socket is down (nothing is queued). */
  send: (name: string, body: unknown) => boolean;
  newId: () => string;
  /** Whether the member can see the box now (the tab is not hidden): only then is a message read. */
  inSight: () => boolean;
}

/**
 * One open chat box's conversation: its history, who is typing, and the read pointer, which it moves to the latest
 * message from someone else when the box opens and whenever such a message arrives while it is open and in sight;
 * `markLatestRead` again once the box comes into sight, or once a mark that found the socket down can be sent.
 */
export class ChatRoom {
  readonly history: ConversationHistory;
  readonly typing: TypingIndicator;
  private lastMarked: string | null = null;
  private disposed = false;

  constructor(
    readonly chatGroupId: string,
    private readonly deps: RoomDeps,
  ) {
    this.history = new ConversationHistory({
      fetchPage: (before, limit) => deps.fetchPage(chatGroupId, before, limit),
      post: (message, clientMessageId) => deps.send('chat_message', { message, to: chatGroupId, clientMessageId }),
      newId: deps.newId,
    });
    this.typing = new TypingIndicator(() => deps.send('is_typing', { chatGroupId }));
  }

  async open(): Promise<void> {
    await this.history.loadOlder();
    this.markLatestRead();
  }

  receive(message: ChatMessage): void {
    this.history.receive(message);
    if (message.fromProfileId === this.deps.me) return;
    this.typing.messageFrom(message.fromProfileId);
    this.markLatestRead();
  }

  send(text: string): void {
    this.history.send(text);
  }

  isMine(message: ChatMessage): boolean {
    return message.fromProfileId === this.deps.me;
  }

  dispose(): void {
    this.disposed = true;
    this.history.dispose();
    this.typing.dispose();
  }

  /** One's own messages already move one's pointer (sending marks read), so only others' need marking. */
  markLatestRead(): void {
    if (this.disposed || !this.deps.inSight()) return;
    const latest = this.history.latest();
    if (!latest || latest.fromProfileId === this.deps.me || latest.id === this.lastMarked) return;
    if (this.deps.send('mark_chat_as_read', { chatGroupId: this.chatGroupId, chatMessageId: latest.id })) this.lastMarked = latest.id;
  }
}
