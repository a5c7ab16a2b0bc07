import { Observable, combineLatest, map } from 'rxjs';
import { Store } from '../lib/store';
import { PagedList } from '../lib/PagedList';
import type { ChatMessage } from '../api/types';

/** A message the member sent that the server has not echoed back yet. */
export interface PendingMessage {
  clientMessageId: string;
  content: string;
  /**
   * Not sent: `offline` when the socket was down (nothing went), `unconfirmed` when no echo came in time, `refused`
   * when the server said why it did not store it (`reason`).
   */
  status: 'sending' | 'offline' | 'unconfirmed' | 'refused';
  reason?: string;
}

export interface HistoryView {
  /** Stored messages, oldest first (as a chat reads). */
  messages: ChatMessage[];
  /** Sent after all of them, shown below. */
  pending: PendingMessage[];
  loading: boolean;
  exhausted: boolean;
  error: string | null;
}

export interface HistoryDeps {
  fetchPage: (before: ChatMessage | null, limit: number) => Promise<ChatMessage[]>;
  /** False when the frame could not go out: nothing is queued, the member retries. */
  post: (message: string, clientMessageId: string) => boolean;
  newId: () => string;
}

export const MAX_MESSAGE_LENGTH = 4096;
/** How long a sent message waits for its echo before it is shown as not sent. */
export const ECHO_TIMEOUT_MS = 10_000;
const PAGE = 20;

/** Why a message cannot be sent as typed, or null when it can. */
export function messageProblem(text: string): string | null {
  const length = text.trim().length;
  if (length === 0) return 'Write something first.';
  if (length > MAX_MESSAGE_LENGTH) return `Too long: ${length} of at most ${MAX_MESSAGE_LENGTH} characters.`;
  return null;
}

/** Newest first, in the conversation's own order (pushes from two servers may arrive out of it). */
const newestFirst = (a: ChatMessage, b: ChatMessage) => b.seq - a.seq;

/**
 * One conversation's messages: the stored ones paged back in time, plus the member's own messages on their way. The
 * server's echo of a sent message (same `clientMessageId`) replaces it; a refusal (an `error` naming it), no echo in
 * time, or no socket to send it on, marks it as not sent until the member sends it again, under the same
 * `clientMessageId`: one whose echo was lost is stored once, and echoed again.
 *
 * Messages go out one at a time, each once the one before it was answered (echoed, refused or timed out): the server
 * may handle one socket's frames side by side, and a burst must be stored in the order it was written.
 */
export class ConversationHistory {
  readonly view$: Observable<HistoryView>;
  private readonly stored: PagedList<ChatMessage>;
  private readonly pending = new Store<PendingMessage[]>([]);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Ours waiting for their turn, oldest first; and the one sent and not answered yet. */
  private queue: string[] = [];
  private inFlight: string | null = null;

  constructor(private readonly deps: HistoryDeps) {
    this.stored = new PagedList(deps.fetchPage, (m) => m.id, PAGE);
    this.view$ = combineLatest([this.stored.state$, this.pending.state$]).pipe(
      map(([page, pending]) => ({
        messages: [...page.items].reverse(),
        pending,
        loading: page.loading,
        exhausted: page.exhausted,
        error: page.error,
      })),
    );
  }

  loadOlder(): Promise<void> {
    return this.stored.loadMore();
  }

  /** The newest stored message. */
  latest(): ChatMessage | undefined {
    return this.stored.value.items[0];
  }

  send(text: string): void {
    if (messageProblem(text)) return;
    const pending: PendingMessage = { clientMessageId: this.deps.newId(), content: text.trim(), status: 'sending' };
    this.pending.update((list) => [...list, pending]);
    this.enqueue(pending.clientMessageId);
  }

  retry(clientMessageId: string): void {
    const pending = this.pending.value.find((p) => p.clientMessageId === clientMessageId);
    if (!pending || pending.status === 'sending') return;
    this.setStatus(clientMessageId, 'sending');
    this.enqueue(clientMessageId);
  }

  /** A stored message pushed by the server: someone's new message, or the echo of one of ours. */
  receive(message: ChatMessage): void {
    this.stored.prepend(message, newestFirst);
    if (message.clientMessageId && this.timers.has(message.clientMessageId)) {
      clearTimeout(this.timers.get(message.clientMessageId));
      this.timers.delete(message.clientMessageId);
    }
    this.pending.update((list) => list.filter((p) => p.clientMessageId !== message.clientMessageId));
    this.answered(message.clientMessageId);
  }

  /** The server refused one of ours (an `error` naming its `clientMessageId`); false if it is not ours. */
  refused(clientMessageId: string, reason: string): boolean {
    if (!this.pending.value.some((p) => p.clientMessageId === clientMessageId)) return false;
    clearTimeout(this.timers.get(clientMessageId));
    this.timers.delete(clientMessageId);
    this.pending.update((list) => list.map((p) => (p.clientMessageId === clientMessageId
      ? { ...p, status: 'refused' as const, reason } : p)));
    this.queue = this.queue.filter((id) => id !== clientMessageId);
    this.answered(clientMessageId);
    return true;
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.queue = [];
    this.inFlight = null;
  }

  private enqueue(clientMessageId: string): void {
    this.queue.push(clientMessageId);
    this.sendNext();
  }

  /** The message in flight was answered: the next may go. */
  private answered(clientMessageId: string | null): void {
    if (clientMessageId === null || clientMessageId !== this.inFlight) return;
    this.inFlight = null;
    this.sendNext();
  }

  private sendNext(): void {
    while (this.inFlight === null && this.queue.length > 0) {
      const id = this.queue.shift()!;
      const pending = this.pending.value.find((p) => p.clientMessageId === id);
      if (!pending) continue;
      if (!this.deps.post(pending.content, id)) {
        this.setStatus(id, 'offline');
        continue;
      }
      this.inFlight = id;
      this.timers.set(id, setTimeout(() => {
        this.timers.delete(id);
        this.setStatus(id, 'unconfirmed');
        this.answered(id);
      }, ECHO_TIMEOUT_MS));
    }
  }

  private setStatus(clientMessageId: string, status: PendingMessage['status']): void {
    this.pending.update((list) => list.map((p) => (p.clientMessageId === clientMessageId
      ? { ...p, status, reason: undefined } : p)));
  }
}
