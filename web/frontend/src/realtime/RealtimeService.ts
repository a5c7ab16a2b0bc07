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
 * The member's socket: one STOMP connection per tab to `/ws`, authenticated by the session cookie on the handshake.
 * It subscribes to the member's own queue, pings every 5 s while connected (that is what keeps the member online),
 * reconnects by itself, and lets features listen to one event by name or send to `/app/<name>`.
 *
 * Each login gets a client of its own, and nothing is queued while disconnected: a frame written by one member must
 * never go out later on another member's connection, nor twice because the member retried it meanwhile.
 */
export class RealtimeService implements PushSource {
  private readonly incoming = new Subject<ServerEvent>();
  private readonly state = new BehaviorSubject<ConnectionState>('offline');
  private client: StompClient | null = null;
  private connection = new Subscription();
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
    this.connection.add(client.connectionState$.pipe(map(toConnectionState)).subscribe((state) => this.state.next(state)));
    this.connection.add(
      client.watch({ destination: '/user/queue/events' }).subscribe((frame) => {
        try {
          this.incoming.next(JSON.parse(frame.body) as ServerEvent);
        } catch {
          // not ours to read: ignore
        }
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

  /** Sends at once if connected; false if not, for the caller to show that it did not go (and offer to retry). */
  send(name: string, body: unknown): boolean {
    if (!this.client || this.state.value !== 'online') return false;
    try {
      this.client.publish({ destination: `/app/${name}`, body: JSON.stringify(body), retryIfDisconnected: false });
      return true;
    } catch {
      return false; // the connection dropped a moment ago
    }
  }
}

function toConnectionState(state: RxStompState): ConnectionState {
  if (state === RxStompState.OPEN) return 'online';
  return state === RxStompState.CONNECTING ? 'connecting' : 'offline';
}
