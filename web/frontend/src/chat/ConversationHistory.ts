import { Observable, combineLatest, map } from 'rxjs';
import { Store } from '../lib/store';
import { PagedList } from '../lib/PagedList';
import type { ChatMessage } from '../api/types';

/** A message the member sent that the server has not echoed back yet. */
export interface PendingMessage {
  clientMessageId: string;
  content: string;
  /** Not sent: `offline` when the socket was down (nothing went), `unconfirmed` when no echo came in time. */
  status: 'sending' | 'offline' | 'unconfirmed';
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

/**
 * One conversation's messages: the stored ones paged back in time, plus the member's own messages on their way. The
 * server's echo of a sent message (same `clientMessageId`) replaces it; no echo in time, or no socket to send it on,
 * marks it as not sent until the member retries it.
 */
export class ConversationHistory {
  readonly view$: Observable<HistoryView>;
  private readonly stored: PagedList<ChatMessage>;
  private readonly pending = new Store<PendingMessage[]>([]);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

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
    this.post(pending);
  }

  retry(clientMessageId: string): void {
    const pending = this.pending.value.find((p) => p.clientMessageId === clientMessageId);
    if (!pending) return;
    this.setStatus(clientMessageId, 'sending');
    this.post(pending);
  }

  /** A stored message pushed by the server: someone's new message, or the echo of one of ours. */
  receive(message: ChatMessage): void {
    this.stored.prepend(message);
    if (message.clientMessageId && this.timers.has(message.clientMessageId)) {
      clearTimeout(this.timers.get(message.clientMessageId));
      this.timers.delete(message.clientMessageId);
    }
    this.pending.update((list) => list.filter((p) => p.clientMessageId !== message.clientMessageId));
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }

  private post(pending: PendingMessage): void {
    clearTimeout(this.timers.get(pending.clientMessageId));
    this.timers.delete(pending.clientMessageId);
    if (!this.deps.post(pending.content, pending.clientMessageId)) {
      this.setStatus(pending.clientMessageId, 'offline');
      return;
    }
    this.timers.set(pending.clientMessageId, setTimeout(() => {
      this.timers.delete(pending.clientMessageId);
      this.setStatus(pending.clientMessageId, 'unconfirmed');
    }, ECHO_TIMEOUT_MS));
  }

  private setStatus(clientMessageId: string, status: PendingMessage['status']): void {
    this.pending.update((list) => list.map((p) => (p.clientMessageId === clientMessageId ? { ...p, status } : p)));
  }
}
