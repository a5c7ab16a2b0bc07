import { Observable, Subject, catchError, debounceTime, distinctUntilChanged, from, map, of, startWith, switchMap } from 'rxjs';
import type { Profile } from '../api/types';

export interface SearchResult {
  query: string;
  profiles: Profile[];
  searching: boolean;
  error: string | null;
}

/**
 * Member search as one types: asks the server at most once per pause in typing (`waitMs`), drops answers to queries
 * already replaced by newer ones, and never asks for an empty query.
 */
export class ProfileSearch {
  private readonly queries = new Subject<string>();
  readonly results$: Observable<SearchResult>;

  constructor(find: (query: string) => Promise<Profile[]>, waitMs = 250) {
    this.results$ = this.queries.pipe(
      map((query) => query.trim()),
      debounceTime(waitMs),
      distinctUntilChanged(),
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
    this.queries.next(query);
  }
}

const idle = (query: string): SearchResult => ({ query, profiles: [], searching: false, error: null });
