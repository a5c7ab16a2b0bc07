import { RxStomp, RxStompState } from '@stomp/rx-stomp';
import { Observable, Subject, Subscription, filter, interval, map, share, startWith, switchMap, EMPTY } from 'rxjs';

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
 */
export class RealtimeService {
  private readonly incoming = new Subject<ServerEvent>();
  private connection = new Subscription();
  readonly state$: Observable<ConnectionState>;

  constructor(
    private readonly stomp: StompClient,
    private readonly brokerURL: string,
  ) {
    this.state$ = stomp.connectionState$.pipe(
      map((state) =>
        state === RxStompState.OPEN ? 'online' : state === RxStompState.CONNECTING ? 'connecting' : 'offline',
      ),
      share(),
    );
  }

  connect(): void {
    this.stomp.configure({ brokerURL: this.brokerURL, reconnectDelay: 2_000, heartbeatIncoming: 10_000, heartbeatOutgoing: 10_000 });
    this.stomp.activate();
    this.connection = new Subscription();
    this.connection.add(
      this.stomp.watch({ destination: '/user/queue/events' }).subscribe((frame) => {
        try {
          this.incoming.next(JSON.parse(frame.body) as ServerEvent);
        } catch {
          // not ours to read: ignore
        }
      }),
    );
    this.connection.add(
      this.stomp.connectionState$
        .pipe(switchMap((state) => (state === RxStompState.OPEN ? interval(PING_EVERY_MS).pipe(startWith(0)) : EMPTY)))
        .subscribe(() => this.send('ping', {})),
    );
  }

  async disconnect(): Promise<void> {
    this.connection.unsubscribe();
    await this.stomp.deactivate();
  }

  /** The payloads of one server event, e.g. `on<string[]>('online_friends')`. */
  on<T>(event: string): Observable<T> {
    return this.incoming.pipe(
      filter((message) => message.event === event),
      map((message) => message.data as T),
    );
  }

  send(name: string, body: unknown): void {
    this.stomp.publish({ destination: `/app/${name}`, body: JSON.stringify(body) });
  }
}
