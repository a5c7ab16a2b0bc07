import { useEffect, useState } from 'react';
import { Observable } from 'rxjs';

/**
 * The latest value of an observable, re-rendering on every new one. Stores are BehaviorSubjects, so their first
 * value arrives synchronously on subscribe; `initial` is only seen for observables that start empty.
 * Pass a stable observable (a store field, or one made with useMemo), or it is subscribed to on every render.
 */
export function useObservable<T>(source: Observable<T>, initial: T): T {
  const [value, setValue] = useState<T>(() => {
    let first = initial;
    source.subscribe((v) => (first = v)).unsubscribe();
    return first;
  });
  useEffect(() => {
    const subscription = source.subscribe(setValue);
    return () => subscription.unsubscribe();
  }, [source]);
  return value;
}
