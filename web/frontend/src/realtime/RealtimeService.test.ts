import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BehaviorSubject, Subject } from 'rxjs';
import { RxStompState } from '@stomp/rx-stomp';
import type { IMessage } from '@stomp/stompjs';
import { FRAMES_PER_SECOND, RealtimeService, type StompClient } from './RealtimeService';

/** A STOMP client that connects when told and records what is published. */
class FakeClient {
  readonly connectionState$ = new BehaviorSubject(RxStompState.CLOSED);
  readonly frames = new Subject<IMessage>();
  readonly published: { destination: string; body: string }[] = [];
  configure = vi.fn();
  activate = vi.fn(() => this.connectionState$.next(RxStompState.CONNECTING));
  deactivate = vi.fn(async () => this.connectionState$.next(RxStompState.CLOSED));
  watch = vi.fn(() => this.frames.asObservable());
  publish = vi.fn((params: { destination: string; body?: string }) => {
    if (this.connectionState$.value !== RxStompState.OPEN) throw new Error('not connected');
    this.published.push({ destination: params.destination, body: params.body ?? '' });
  });

  open() {
    this.connectionState$.next(RxStompState.OPEN);
  }

  push(event: string, data: unknown) {
    this.frames.next({ body: JSON.stringify({ event, data }) } as IMessage);
  }
}

describe('RealtimeService', () => {
  let clients: FakeClient[];
  let service: RealtimeService;
  beforeEach(() => {
    vi.useFakeTimers();
    clients = [];
    service = new RealtimeService(() => {
      const client = new FakeClient();
      clients.push(client);
      return client as unknown as StompClient;
    }, 'ws://test/ws');
  });
  afterEach(() => vi.useRealTimers());

  it('listens to the member queue and pings at once and then every 5 s while connected', async () => {
    service.connect();
    expect(clients[0].watch).toHaveBeenCalledWith({ destination: '/user/queue/events' });
    expect(clients[0].published).toEqual([]);
    clients[0].open();
    expect(clients[0].published.map((f) => f.destination)).toEqual(['/app/ping']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clients[0].published.filter((f) => f.destination === '/app/ping')).toHaveLength(3);
  });

  it('hands each event to those listening for its name only', () => {
    service.connect();
    const online: string[][] = [];
    service.on<string[]>('online_friends').subscribe((ids) => online.push(ids));
    clients[0].push('online_friends', ['f1']);
    clients[0].push('is_typing', { chatGroupId: 'c' });
    clients[0].frames.next({ body: 'not json' } as IMessage);
    expect(online).toEqual([['f1']]);
  });

  it('sends nothing while disconnected and says so, instead of queueing it for later', () => {
    service.connect();
    expect(service.send('chat_message', { message: 'hi' })).toBe(false);
    clients[0].open();
    expect(service.send('chat_message', { message: 'hi' })).toBe(true);
    expect(clients[0].published.at(-1)).toEqual({ destination: '/app/chat_message', body: '{"message":"hi"}' });
  });

  it('gives every login a client of its own, so nothing of one member reaches the next', async () => {
    service.connect();
    clients[0].open();
    await service.disconnect();
    expect(clients[0].deactivate).toHaveBeenCalled();
    expect(service.send('chat_message', { message: 'late' })).toBe(false);

    service.connect();
    expect(clients).toHaveLength(2);
    const states: string[] = [];
    service.state$.subscribe((s) => states.push(s));
    clients[1].open();
    expect(states.at(-1)).toBe('online');
    expect(clients[1].published.map((f) => f.body)).not.toContain('{"message":"late"}');
  });

  it('sends a burst at most 15 frames a second, in order, instead of having the server refuse some', async () => {
    service.connect();
    clients[0].open();
    clients[0].published.length = 0;
    for (let i = 0; i < 20; i++) expect(service.send('is_typing', { i })).toBe(true);
    expect(clients[0].published).toHaveLength(FRAMES_PER_SECOND - 1); // the first ping took one
    await vi.advanceTimersByTimeAsync(1_000);
    expect(clients[0].published.map((f) => JSON.parse(f.body).i)).toEqual([...Array(20).keys()]);
  });

  it('hands each stored push on once, and resumes from the newest one after a reconnect', () => {
    service.connect();
    clients[0].open();
    const messages: string[] = [];
    service.on<{ id: string }>('chat_message').subscribe((m) => messages.push(m.id));
    clients[0].push('chat_message', { id: 'm1', createdAt: '2026-12-03T10:00:00.120Z' });
    clients[0].push('chat_message', { id: 'm2', createdAt: '2026-12-03T10:00:00Z' });
    clients[0].push('chat_message', { id: 'm1', createdAt: '2026-12-03T10:00:00.120Z' });
    expect(messages).toEqual(['m1', 'm2']);
    expect(clients[0].published.map((f) => f.destination)).not.toContain('/app/resume');

    clients[0].connectionState$.next(RxStompState.CONNECTING);
    clients[0].open();
    const resume = clients[0].published.find((f) => f.destination === '/app/resume');
    expect(JSON.parse(resume!.body)).toEqual({ since: '2026-12-03T10:00:00.120Z' });
  });
});
