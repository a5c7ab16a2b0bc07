import type { Observable } from 'rxjs';

/** The server's pushes by event name: the RealtimeService, or Subjects in tests. */
export interface PushSource {
  on<T>(event: string): Observable<T>;
}
