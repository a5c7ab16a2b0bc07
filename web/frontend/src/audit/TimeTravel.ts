import { Store } from '../lib/store';
import { LatestAsk } from '../lib/LatestAsk';
import { ApiError, describe } from '../api/ApiError';
import type { AggregateState, AuditedEvent } from './auditApi';

export interface TimeTravelState {
  /** The events read so far, a page at a time from the first. */
  history: AuditedEvent[];
  /** The last page read was full: later events may follow. */
  hasMore: boolean;
  /** The sequence number looked at (the slider's value); null before the history is read. */
  sequence: number | null;
  state: AggregateState | null;
  loading: boolean;
  /** 404: the aggregate has no events; 409: its history no longer replays (altered). */
  status: number | null;
  error: string | null;
}

export interface TimeTravelApi {
  history(aggregateId: string, after?: number, limit?: number): Promise<AuditedEvent[]>;
  state(aggregateId: string, at: { sequence?: number; at?: string }): Promise<AggregateState>;
}

export const HISTORY_PAGE = 500;

/**
 * Walks one aggregate's history: its events, and its state as replayed by the server after any of them (by sequence
 * number, or at an instant). The history is read a page at a time (a busy conversation has many thousands of events);
 * it starts at the latest event read, and `loadMore` reads the next page. An answer to a point already left is dropped.
 */
export class TimeTravel extends Store<TimeTravelState> {
  private readonly points = new LatestAsk();

  constructor(private readonly aggregateId: string, private readonly api: TimeTravelApi,
              private readonly pageSize = HISTORY_PAGE) {
    super({ history: [], hasMore: false, sequence: null, state: null, loading: false, status: null, error: null });
  }

  async open(): Promise<void> {
    await this.read(undefined);
  }

  /** The next page of the history; the state follows to its last event. */
  async loadMore(): Promise<void> {
    if (this.value.hasMore) await this.read(this.last ?? undefined);
  }

  private async read(after: number | undefined): Promise<void> {
    this.update((s) => ({ ...s, loading: true, status: null, error: null }));
    try {
      const page = await this.api.history(this.aggregateId, after, this.pageSize);
      this.update((s) => ({ ...s, history: [...s.history, ...page], hasMore: page.length === this.pageSize }));
      await this.goTo(this.last ?? 0);
    } catch (e) {
      this.failed(e);
    }
  }

  get first(): number | null {
    return this.value.history[0]?.sequence ?? null;
  }

  get last(): number | null {
    return this.value.history.at(-1)?.sequence ?? null;
  }

  /** The state after the event numbered `sequence`, held within the history's bounds. */
  async goTo(sequence: number): Promise<void> {
    const { first, last } = this;
    if (first === null || last === null) return;
    const bounded = Math.min(last, Math.max(first, sequence));
    this.update((s) => ({ ...s, sequence: bounded }));
    await this.ask({ sequence: bounded });
  }

  canGoBack(): boolean {
    return this.value.sequence !== null && this.value.sequence > (this.first ?? 0);
  }

  canGoOn(): boolean {
    return this.value.sequence !== null && this.value.sequence < (this.last ?? 0);
  }

  previous(): Promise<void> {
    return this.canGoBack() ? this.goTo(this.value.sequence! - 1) : Promise.resolve();
  }

  next(): Promise<void> {
    return this.canGoOn() ? this.goTo(this.value.sequence! + 1) : Promise.resolve();
  }

  /** The state at an instant (ISO): the slider follows to the last event up to it. */
  async goToTime(at: string): Promise<void> {
    const state = await this.ask({ at });
    if (state) this.update((s) => ({ ...s, sequence: state.sequence ?? this.first }));
  }

  private async ask(at: { sequence?: number; at?: string }): Promise<AggregateState | undefined> {
    const wanted = this.points.ask();
    this.update((s) => ({ ...s, loading: true, status: null, error: null }));
    try {
      const state = await this.api.state(this.aggregateId, at);
      if (!wanted()) return undefined;
      this.update((s) => ({ ...s, state, loading: false }));
      return state;
    } catch (e) {
      if (wanted()) this.failed(e);
      return undefined;
    }
  }

  private failed(e: unknown): void {
    const status = e instanceof ApiError ? e.status : null;
    this.update((s) => ({ ...s, state: null, loading: false, status, error: explain(status, e) }));
  }
}

function explain(status: number | null, e: unknown): string {
  if (status === 404) return 'No such aggregate: no event was ever stored for it.';
  if (status === 409) return `Its history cannot be replayed: an event was altered. ${describe(e)}`;
  return describe(e);
}
