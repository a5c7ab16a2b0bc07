import { Subscription, filter } from 'rxjs';
import { Store } from '../lib/store';
import type { ChatMessage } from '../api/types';
import type { ChatRoom } from './ChatRoom';
import type { ChatSocket, FriendChange, TypingEvent } from './ChatSocket';

/** An `error` push: why a frame was refused, and which chat message it was, if it was one. */
export interface Refusal {
  message: string;
  clientMessageId?: string;
  retryAfterMillis?: number;
}

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
  /** How many boxes fit side by side: a box that does not fit closes rather than hides, as it would mark read. */
  capacity: number;
}

const NARROW_MAX_WIDTH = 640;
const MAX_SIDE_BY_SIDE = 3;
/** A box and its gap, and the friends panel with its margins (as in ChatDock.module.css). */
const BOX_WIDTH = 312;
const PANEL_WIDTH = 272;

/**
 * The open chat boxes and their rooms. Boxes open on a click, or by themselves when a friend's message arrives
 * (not on a narrow screen, where that would take the whole screen away: the unread badges tell instead). Past what
 * fits on the screen, the oldest box closes.
 */
export class ChatBoxes extends Store<BoxesState> {
  private readonly rooms = new Map<string, ChatRoom>();

  constructor(
    private readonly makeRoom: (chatGroupId: string) => ChatRoom,
    private readonly me: () => string | null,
  ) {
    super({ open: [], narrow: false, capacity: MAX_SIDE_BY_SIDE });
  }

  open(chatGroupId: string, name: string): ChatRoom {
    const existing = this.rooms.get(chatGroupId);
    if (existing) return existing;
    const room = this.makeRoom(chatGroupId);
    this.rooms.set(chatGroupId, room);
    this.keep([...this.value.open, { chatGroupId, name }]);
    void room.open();
    return room;
  }

  close(chatGroupId: string): void {
    this.keep(this.value.open.filter((box) => box.chatGroupId !== chatGroupId));
  }

  closeAll(): void {
    this.keep([]);
  }

  room(chatGroupId: string): ChatRoom | undefined {
    return this.rooms.get(chatGroupId);
  }

  /** The window's width in CSS pixels. */
  setWidth(width: number): void {
    const narrow = width <= NARROW_MAX_WIDTH;
    const capacity = narrow ? 1 : Math.min(MAX_SIDE_BY_SIDE, Math.max(1, Math.floor((width - PANEL_WIDTH) / BOX_WIDTH)));
    if (narrow !== this.value.narrow || capacity !== this.value.capacity) this.keep(this.value.open, narrow, capacity);
  }

  received(message: ChatMessage): void {
    const room = this.rooms.get(message.chatGroupId);
    if (room) {
      room.receive(message);
    } else if (message.fromProfileId !== this.me() && !this.value.narrow) {
      this.open(message.chatGroupId, message.fromProfileUsername).receive(message);
    }
  }

  /** An `error` push naming one of our messages: the room that sent it shows it refused; false if none did. */
  refused(refusal: Refusal): boolean {
    if (!refusal.clientMessageId) return false;
    for (const room of this.rooms.values()) {
      if (room.history.refused(refusal.clientMessageId, refusal.message)) return true;
    }
    return false;
  }

  listen(source: ChatSocket): Subscription {
    const subscription = new Subscription();
    // a read mark that found the socket down is sent once it is back
    subscription.add(source.state$.pipe(filter((state) => state === 'online')).subscribe(() => this.markSeen()));
    subscription.add(source.on<ChatMessage>('chat_message').subscribe((m) => this.received(m)));
    subscription.add(source.on<TypingEvent>('is_typing')
      .subscribe((event) => this.rooms.get(event.chatGroupId)?.typing.othersTyping(event)));
    subscription.add(source.on<FriendChange>('remove_friend').subscribe((change) => this.close(change.chatGroupId)));
    return subscription;
  }

  /** Marks read what the open boxes show: called when they come into sight, and when the socket is back. */
  markSeen(): void {
    this.rooms.forEach((room) => room.markLatestRead());
  }

  /** Trims to what fits and lets go of the rooms of the boxes that closed. */
  private keep(open: OpenBox[], narrow = this.value.narrow, capacity = this.value.capacity): void {
    const kept = open.slice(-capacity);
    const keptIds = new Set(kept.map((box) => box.chatGroupId));
    for (const [id, room] of this.rooms) {
      if (!keptIds.has(id)) {
        room.dispose();
        this.rooms.delete(id);
      }
    }
    this.set({ open: kept, narrow, capacity });
  }
}
