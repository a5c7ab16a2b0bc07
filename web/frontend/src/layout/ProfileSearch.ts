import { Observable, Subject, catchError, debounceTime, distinctUntilChanged, from, map, of, startWith, switchMap } from 'rxjs';
import type { Profile } from '../api/types';

export interface SearchResult {
  query: string;
  profiles: Profile[];
  searching: boolean;
  error: string | null;
}

/** A query as typed; `attempt` tells a retry of the same query from the query typed again, which is not asked twice. */
interface Ask {
  query: string;
  attempt: number;
}

/**
 * Member search as one types: asks the server at most once per pause in typing (`waitMs`), drops answers to queries
 * already replaced by newer ones, never asks for an empty query, and asks again only when told to `retry`.
 */
export class ProfileSearch {
  private readonly asks = new Subject<Ask>();
  private last: Ask = { query: '', attempt: 0 };
  readonly results$: Observable<SearchResult>;

  constructor(find: (query: string) => Promise<Profile[]>, waitMs = 250) {
    this.results$ = this.asks.pipe(
      debounceTime(waitMs),
      distinctUntilChanged((a, b) => a.query === b.query && a.attempt === b.attempt),
      map((ask) => ask.query),
      switchMap((query) =>
        query === ''
          ? of(idle(query))
          : from(find(query)).pipe(
              map((profiles): SearchResult => ({ query, profiles, searching: false, error: null })),
              catchError(() => of<SearchResult>({ query, profiles: [], searching: false, error: 'Search failed: try again.' })),
              startWith<SearchResult>({ query, profiles: [], searching: true, error: null }),
            ),
      ),
      startWith(idle('')),
    );
  }

  type(query: string): void {
    this.last = { query: query.trim(), attempt: this.last.attempt };
    this.asks.next(this.last);
  }

  /** Asks again for the query shown, e.g. after "Search failed". */
  retry(): void {
    this.last = { ...this.last, attempt: this.last.attempt + 1 };
    this.asks.next(this.last);
  }
}

const idle = (query: string): SearchResult => ({ query, profiles: [], searching: false, error: null });
