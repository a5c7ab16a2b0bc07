import { Store } from '../lib/store';
import { LatestAsk } from '../lib/LatestAsk';
import { ApiError, describe } from '../api/ApiError';
import type { AuditedEvent } from './auditApi';

/**
 * The event browser's filters, named as the API's query parameters so the page's URL is the query itself (shared,
 * reloaded, exported). `from` and `to` are ISO-8601 UTC instants; empty means "no filter". `after` is the position
 * the auditor chose to start from, never the page being looked at: that is the cursor, kept apart (see PAGE_AFTER)
 * so an export of the filters is never cut to the current page.
 */
export interface EventFilters {
  aggregate_id: string;
  aggregate_type: string;
  type: string;
  actor: string;
  from: string;
  to: string;
  after: string;
}

const NAMES: (keyof EventFilters)[] = ['aggregate_id', 'aggregate_type', 'type', 'actor', 'from', 'to', 'after'];

/** The URL parameter of the paging cursor: the last position of the previous page. */
export const PAGE_AFTER = 'page_after';

export const noFilters: EventFilters = Object.fromEntries(NAMES.map((name) => [name, ''])) as unknown as EventFilters;

export function filtersFromQuery(search: URLSearchParams): EventFilters {
  return Object.fromEntries(NAMES.map((name) => [name, search.get(name)?.trim() ?? ''])) as unknown as EventFilters;
}

/** The paging cursor in the URL, '' on the first page. */
export function cursorFromQuery(search: URLSearchParams): string {
  return search.get(PAGE_AFTER)?.trim() ?? '';
}

/** Only the filters that are set, in a stable order, then the cursor if the page is not the first. */
export function filtersToQuery(filters: EventFilters, cursor = ''): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of NAMES) {
    const value = filters[name].trim();
    if (value) query.set(name, value);
  }
  if (cursor) query.set(PAGE_AFTER, cursor);
  return query;
}

/** A datetime-local value (the auditor's own time zone) as an ISO UTC instant; '' stays ''. */
export function localToIso(local: string): string {
  if (!local) return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

/** An ISO instant as a datetime-local value in the auditor's time zone, to the second; '' if it is not a date. */
export function isoToLocal(iso: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}

export interface EventPage {
  filters: EventFilters;
  /** The paging cursor: this page starts after it ('' for the first page, which starts at the `after` filter). */
  cursor: string;
  events: AuditedEvent[];
  loading: boolean;
  /** A full page came back: there may be more after its last position. */
  hasNext: boolean;
  error: string | null;
  /** 422: what is wrong with each filter, by its query name. */
  fieldErrors: Record<string, string>;
}

/**
 * One page of the event browser. Pages are keyset pages: the next one is the same filters with the cursor at the
 * last position shown, so every page has its own URL. The API has a single `after`: the cursor when paging, else the
 * auditor's filter (the cursor is always past it). An answer to a page already replaced is dropped.
 */
export class EventQuery extends Store<EventPage> {
  private readonly pages = new LatestAsk();

  constructor(
    private readonly fetchEvents: (query: Record<string, string | number>) => Promise<AuditedEvent[]>,
    private readonly limit = 50,
  ) {
    super({ filters: noFilters, cursor: '', events: [], loading: false, hasNext: false, error: null, fieldErrors: {} });
  }

  async load(filters: EventFilters, cursor = ''): Promise<void> {
    const wanted = this.pages.ask();
    this.update((page) => ({ ...page, filters, cursor, loading: true, error: null, fieldErrors: {} }));
    try {
      const query = { ...Object.fromEntries(filtersToQuery({ ...filters, after: cursor || filters.after })), limit: this.limit };
      const events = await this.fetchEvents(query);
      if (!wanted()) return;
      this.set({ filters, cursor, events, loading: false, hasNext: events.length === this.limit, error: null, fieldErrors: {} });
    } catch (e) {
      if (!wanted()) return;
      const fieldErrors = e instanceof ApiError ? e.fields : {};
      this.set({ filters, cursor, events: [], loading: false, hasNext: false, error: describe(e), fieldErrors });
    }
  }

  /** The cursor of the page after this one, or null if this one is the last. */
  nextCursor(): string | null {
    const { events, hasNext } = this.value;
    const last = events.at(-1);
    return hasNext && last ? String(last.globalPosition) : null;
  }
}
