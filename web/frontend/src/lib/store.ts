import { BehaviorSubject, Observable, distinctUntilChanged, map } from 'rxjs';

/**
 * The state of one part of the UI, held in a BehaviorSubject: components subscribe to `state$` (or a `select`ed
 * slice of it) and services change it with `set`/`update`. Every store in the app is one of these, so they all
 * read and test the same way.
 */
export class Store<T> {
  private readonly subject: BehaviorSubject<T>;
  readonly state$: Observable<T>;

  constructor(initial: T) {
    this.subject = new BehaviorSubject(initial);
    this.state$ = this.subject.asObservable();
  }

  get value(): T {
    return this.subject.value;
  }

  set(next: T): void {
    this.subject.next(next);
  }

  update(change: (current: T) => T): void {
    this.subject.next(change(this.subject.value));
  }

  select<R>(project: (state: T) => R): Observable<R> {
    return this.state$.pipe(map(project), distinctUntilChanged());
  }
}
