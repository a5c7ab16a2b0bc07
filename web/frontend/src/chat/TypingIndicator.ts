import { Store } from '../lib/store';
import type { TypingEvent } from './ChatSocket';

/** The indicator stays this long after the last `is_typing` (docs/realtime.md). */
export const TYPING_SHOWN_MS = 4_000;
/** The member's own typing is told at most this often. */
export const TYPING_SENT_EVERY_MS = 3_000;

/**
 * Typing in one conversation, both ways: who else is typing (shown until 4 s after their last `is_typing`, or until
 * their message arrives), and the member's own keystrokes, told to the server at most every 3 s. A keystroke that
 * cannot be told (socket down) is skipped, so the next one tries again.
 */
export class TypingIndicator extends Store<TypingEvent | null> {
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private lastSent = -Infinity;

  constructor(
    /** False when the socket is down. */
    private readonly sendTyping: () => boolean,
    private readonly now: () => number = () => Date.now(),
  ) {
    super(null);
  }

  othersTyping(event: TypingEvent): void {
    clearTimeout(this.hideTimer);
    this.set(event);
    this.hideTimer = setTimeout(() => this.set(null), TYPING_SHOWN_MS);
  }

  /** A message arrived from this member: they have stopped typing it. */
  messageFrom(profileId: string): void {
    if (this.value?.profileId !== profileId) return;
    clearTimeout(this.hideTimer);
    this.set(null);
  }

  iAmTyping(): void {
    if (this.now() - this.lastSent < TYPING_SENT_EVERY_MS) return;
    if (this.sendTyping()) this.lastSent = this.now();
  }

  dispose(): void {
    clearTimeout(this.hideTimer);
  }
}
