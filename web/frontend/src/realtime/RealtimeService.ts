import { RxStompState, type RxStomp } from '@stomp/rx-stomp';
import { BehaviorSubject, EMPTY, Observable, Subject, Subscription, filter, interval, map, startWith, switchMap } from 'rxjs';
import type { PushSource } from './PushSource';

/** Every server → client message arrives on the member's queue as {event, data}. */
export interface ServerEvent {
  event: string;
  data: unknown;
}

export type ConnectionState = 'offline' | 'connecting' | 'online';

/** What the service needs of a STOMP client: RxStomp, or a fake one in tests. */
export type StompClient = Pick<RxStomp, 'configure' | 'activate' | 'deactivate' | 'watch' | 'publish' | 'connectionState$'>;

const PING_EVERY_MS = 5_000;
/**
 * Frames this tab sends in any one second, at most: the server takes 20 a second from a session and refuses the rest
 * (docs/realtime.md); a few to spare for clocks that do not tick alike.
 */
export const FRAMES_PER_SECOND = 15;
/** Pushes that carry something stored, each with an `id` and a `createdAt`: delivered once, resumed after a drop. */
const STORED = new Set(['chat_message', 'new_unread_notification']);
/** How many ids of stored pushes are remembered to drop their repeats. */
const REMEMBERED = 2_000;

/**
 * The member's socket: one STOMP connection per tab to `/ws`, authenticated by the session cookie on the handshake.
 * It subscribes to the member's own queue, pings every 5 s while connected (that is what keeps the member online),
 * reconnects by itself, and lets features listen to one event by name or send to `/app/<name>`.
 *
 * Frames go out at most FRAMES_PER_SECOND a second, in the order sent: a burst waits its turn rather than being
 * refused. After a reconnect it asks the server to `resume` from the newest stored push it saw, so the messages and
 * notifications that came meanwhile arrive too; a stored push it has already seen (by id) is not handed on again.
 *
 * Each login gets a client of its own, and nothing is queued while disconnected: a frame written by one member must
 * never go out later on another member's connection, nor twice because the member retried it meanwhile.
 */
export class RealtimeService implements PushSource {
  private readonly incoming = new Subject<ServerEvent>();
  private readonly state = new BehaviorSubject<ConnectionState>('offline');
  private client: StompClient | null = null;
  private connection = new Subscription();
  /** When each of the frames of the last second went out, oldest first. */
  private sentAt: number[] = [];
  private waiting: { destination: string; body: string }[] = [];
  private drain: ReturnType<typeof setTimeout> | null = null;
  private readonly seen = new Set<string>();
  /** The `createdAt` of the newest stored push seen by this login, where a resume starts. */
  private lastSeen: string | null = null;
  readonly state$: Observable<ConnectionState> = this.state.asObservable();

  constructor(
    private readonly newClient: () => StompClient,
    private readonly brokerURL: string,
  ) {}

  connect(): void {
    const client = this.newClient();
    this.client = client;
    client.configure({ brokerURL: this.brokerURL, reconnectDelay: 2_000, heartbeatIncoming: 10_000, heartbeatOutgoing: 10_000 });
    client.activate();
    this.connection = new Subscription();
    this.seen.clear();
    this.lastSeen = null;
    this.connection.add(client.connectionState$.pipe(map(toConnectionState)).subscribe((state) => {
      if (state !== 'online') this.forgetWaiting();
      this.state.next(state);
    }));
    this.connection.add(
      client.watch({ destination: '/user/queue/events' }).subscribe((frame) => {
        let message: ServerEvent;
        try {
          message = JSON.parse(frame.body) as ServerEvent;
        } catch {
          return; // not ours to read: ignore
        }
        if (this.firstTime(message)) this.incoming.next(message);
      }),
    );
    this.connection.add(
      client.connectionState$
        .pipe(filter((state) => state === RxStompState.OPEN))
        .subscribe(() => {
          if (this.lastSeen) this.send('resume', { since: this.lastSeen });
        }),
    );
    this.connection.add(
      client.connectionState$
        .pipe(switchMap((state) => (state === RxStompState.OPEN ? interval(PING_EVERY_MS).pipe(startWith(0)) : EMPTY)))
        .subscribe(() => this.send('ping', {})),
    );
  }

  async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.connection.unsubscribe();
    this.forgetWaiting();
    this.state.next('offline');
    await client?.deactivate();
  }

  /** The payloads of one server event, e.g. `on<string[]>('online_friends')`. */
  on<T>(event: string): Observable<T> {
    return this.incoming.pipe(
      filter((message) => message.event === event),
      map((message) => message.data as T),
    );
  }

  /**
   * Sends if connected (at once, or after the frames before it when the second's budget is spent); false if not, for
   * the caller to show that it did not go (and offer to retry).
   */
  send(name: string, body: unknown): boolean {
    if (!this.client || this.state.value !== 'online') return false;
    this.waiting.push({ destination: `/app/${name}`, body: JSON.stringify(body) });
    return this.sendWaiting();
  }

  private sendWaiting(): boolean {
    const client = this.client;
    while (client && this.waiting.length > 0) {
      const now = Date.now();
      this.sentAt = this.sentAt.filter((at) => now - at < 1_000);
      if (this.sentAt.length >= FRAMES_PER_SECOND) {
        this.drain ??= setTimeout(() => {
          this.drain = null;
          this.sendWaiting();
        }, 1_000 - (now - this.sentAt[0]));
        return true;
      }
      const frame = this.waiting.shift()!;
      try {
        client.publish({ ...frame, retryIfDisconnected: false });
        this.sentAt.push(now);
      } catch {
        this.forgetWaiting();
        return false; // the connection dropped a moment ago
      }
    }
    return true;
  }

  /** Frames not sent when the connection goes are dropped: their senders see them unconfirmed and retry. */
  private forgetWaiting(): void {
    this.waiting = [];
    if (this.drain) clearTimeout(this.drain);
    this.drain = null;
  }

  /** Whether a push is new: a stored one seen before (live and again in a resume) is not. */
  private firstTime(message: ServerEvent): boolean {
    if (!STORED.has(message.event)) return true;
    const stored = message.data as { id?: string; createdAt?: string };
    if (!stored?.id) return true;
    if (this.seen.has(stored.id)) return false;
    this.seen.add(stored.id);
    if (this.seen.size > REMEMBERED) this.seen.delete(this.seen.values().next().value as string);
    if (stored.createdAt && (!this.lastSeen || Date.parse(stored.createdAt) > Date.parse(this.lastSeen))) {
      this.lastSeen = stored.createdAt;
    }
    return true;
  }
}

function toConnectionState(state: RxStompState): ConnectionState {
  if (state === RxStompState.OPEN) return 'online';
  return state === RxStompState.CONNECTING ? 'connecting' : 'offline';
}
