import { BehaviorSubject, Observable, Subject } from 'rxjs';
import type { ChatMessage } from '../api/types';
import type { ConnectionState } from '../realtime/RealtimeService';
import type { ChatSocket } from './ChatSocket';

/** A socket the tests drive by hand: `pushes.emit('chat_message', message)`, `pushes.state$.next('offline')`. */
export class FakePushes implements ChatSocket {
  readonly state$ = new BehaviorSubject<ConnectionState>('online');
  private readonly subjects = new Map<string, Subject<unknown>>();

  on<T>(event: string) {
    return this.subject(event).asObservable() as Observable<T>;
  }

  emit(event: string, data: unknown): void {
    this.subject(event).next(data);
  }

  private subject(event: string): Subject<unknown> {
    if (!this.subjects.has(event)) this.subjects.set(event, new Subject());
    return this.subjects.get(event)!;
  }
}

let seq = 0;

export function message(fields: Partial<ChatMessage> = {}): ChatMessage {
  seq++;
  return {
    id: `m${seq}`,
    content: `hello ${seq}`,
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString(),
    chatGroupId: 'g1',
    fromProfileId: 'friend',
    fromProfileUsername: 'clover',
    clientMessageId: null,
    seq,
    ...fields,
  };
}
