import { Store } from '../lib/store';
import { ApiError, describe } from '../api/ApiError';
import type { AuditedEvent } from './auditApi';

/**
 * The event browser's filters, named as the API's query parameters so the page's URL is the query itself (shared,
 * reloaded, exported). `from` and `to` are ISO-8601 UTC instants; empty means "no filter".
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

export const noFilters: EventFilters = Object.fromEntries(NAMES.map((name) => [name, ''])) as unknown as EventFilters;

export function filtersFromQuery(search: URLSearchParams): EventFilters {
  return Object.fromEntries(NAMES.map((name) => [name, search.get(name)?.trim() ?? ''])) as unknown as EventFilters;
}

/** Only the filters that are set, in a stable order. */
export function filtersToQuery(filters: EventFilters): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of NAMES) {
    const value = filters[name].trim();
    if (value) query.set(name, value);
  }
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
  events: AuditedEvent[];
  loading: boolean;
  /** A full page came back: there may be more after its last position. */
  hasNext: boolean;
  error: string | null;
  /** 422: what is wrong with each filter, by its query name. */
  fieldErrors: Record<string, string>;
}

/**
 * One page of the event browser. Pages are keyset pages: the next one is the same filters with `after` set to the
 * last position shown, so every page has its own URL. An answer to filters already replaced is dropped.
 */
export class EventQuery extends Store<EventPage> {
  private asked = 0;

  constructor(
    private readonly fetchEvents: (query: Record<string, string | number>) => Promise<AuditedEvent[]>,
    private readonly limit = 50,
  ) {
    super({ filters: noFilters, events: [], loading: false, hasNext: false, error: null, fieldErrors: {} });
  }

  async load(filters: EventFilters): Promise<void> {
    const asked = ++this.asked;
    this.update((page) => ({ ...page, filters, loading: true, error: null, fieldErrors: {} }));
    try {
      const query = { ...Object.fromEntries(filtersToQuery(filters)), limit: this.limit };
      const events = await this.fetchEvents(query);
      if (asked !== this.asked) return;
      this.set({ filters, events, loading: false, hasNext: events.length === this.limit, error: null, fieldErrors: {} });
    } catch (e) {
      if (asked !== this.asked) return;
      const fieldErrors = e instanceof ApiError ? e.fields : {};
      this.set({ filters, events: [], loading: false, hasNext: false, error: describe(e), fieldErrors });
    }
  }

  /** The filters of the page after this one, or null if this one is the last. */
  nextFilters(): EventFilters | null {
    const { filters, events, hasNext } = this.value;
    const last = events.at(-1);
    return hasNext && last ? { ...filters, after: String(last.globalPosition) } : null;
  }
}
