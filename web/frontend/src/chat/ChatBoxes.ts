import { Subscription } from 'rxjs';
import { Store } from '../lib/store';
import type { ChatMessage } from '../api/types';
import type { ChatRoom } from './ChatRoom';
import type { FriendChange, PushSource, TypingEvent } from './PushSource';

export interface OpenBox {
  chatGroupId: string;
  /** Who the conversation is with, as the box's title. */
  name: string;
}

interface BoxesState {
  /** In the order they were opened; the last one is the newest. */
  open: OpenBox[];
  /** A phone-sized screen: one box at a time, full screen, and nothing opens by itself. */
  narrow: boolean;
}

const MAX_SIDE_BY_SIDE = 3;

/**
 * The open chat boxes and their rooms. Boxes open on a click, or by themselves when a friend's message arrives
 * (not on a narrow screen, where that would take the whole screen away: the unread badges tell instead). Past the
 * limit, the oldest box closes.
 */
export class ChatBoxes extends Store<BoxesState> {
  private readonly rooms = new Map<string, ChatRoom>();

  constructor(
    private readonly makeRoom: (chatGroupId: string) => ChatRoom,
    private readonly me: () => string | null,
  ) {
    super({ open: [], narrow: false });
  }

  open(chatGroupId: string, name: string): ChatRoom {
    const existing = this.rooms.get(chatGroupId);
    if (existing) return existing;
    const room = this.makeRoom(chatGroupId);
    this.rooms.set(chatGroupId, room);
    this.keep([...this.value.open, { chatGroupId, name }], this.value.narrow);
    void room.open();
    return room;
  }

  close(chatGroupId: string): void {
    this.keep(this.value.open.filter((box) => box.chatGroupId !== chatGroupId), this.value.narrow);
  }

  closeAll(): void {
    this.keep([], this.value.narrow);
  }

  room(chatGroupId: string): ChatRoom | undefined {
    return this.rooms.get(chatGroupId);
  }

  setNarrow(narrow: boolean): void {
    this.keep(this.value.open, narrow);
  }

  received(message: ChatMessage): void {
    const room = this.rooms.get(message.chatGroupId);
    if (room) {
      room.receive(message);
    } else if (message.fromProfileId !== this.me() && !this.value.narrow) {
      this.open(message.chatGroupId, message.fromProfileUsername).receive(message);
    }
  }

  listen(source: PushSource): Subscription {
    const subscription = new Subscription();
    subscription.add(source.on<ChatMessage>('chat_message').subscribe((m) => this.received(m)));
    subscription.add(source.on<TypingEvent>('is_typing')
      .subscribe((event) => this.rooms.get(event.chatGroupId)?.typing.othersTyping(event)));
    subscription.add(source.on<FriendChange>('remove_friend').subscribe((change) => this.close(change.chatGroupId)));
    return subscription;
  }

  /** Trims to what fits and lets go of the rooms of the boxes that closed. */
  private keep(open: OpenBox[], narrow: boolean): void {
    const kept = open.slice(-(narrow ? 1 : MAX_SIDE_BY_SIDE));
    const keptIds = new Set(kept.map((box) => box.chatGroupId));
    for (const [id, room] of this.rooms) {
      if (!keptIds.has(id)) {
        room.dispose();
        this.rooms.delete(id);
      }
    }
    this.set({ open: kept, narrow });
  }
}
