import { Store } from '../lib/store';
import { LatestAsk } from '../lib/LatestAsk';
import { ApiError, describe } from '../api/ApiError';
import type { Connection } from '../api/types';
import type { friendship } from '../friends/friendship';

export type ConnectionApi = Pick<typeof friendship, 'connection'>;

export type ConnectionState =
  | { status: 'loading' }
  | { status: 'connected'; connection: Connection }
  /** No chain of at most four friendships (the server's 404). */
  | { status: 'distant' }
  | { status: 'error'; error: string };

/** How the member is connected to the profile shown: the degree and the chain of friends between them. */
export class ConnectionStore extends Store<ConnectionState> {
  /** A read answered after a later one is dropped, so a stale chain never replaces the newer. */
  private readonly reads = new LatestAsk();

  constructor(
    private readonly api: ConnectionApi,
    private readonly me: string,
    private readonly other: string,
  ) {
    super({ status: 'loading' });
  }

  /** Reads the connection; what is shown stays until the new answer comes, so a reload does not flicker. */
  async load(): Promise<void> {
    const wanted = this.reads.ask();
    try {
      const connection = await this.api.connection(this.me, this.other);
      if (wanted()) this.set({ status: 'connected', connection });
    } catch (e) {
      if (!wanted()) return;
      this.set(e instanceof ApiError && e.status === 404 ? { status: 'distant' } : { status: 'error', error: describe(e) });
    }
  }
}

/** "1st", "2nd", "3rd", "4th": how professional networks name a degree of connection. */
export function ordinal(degree: number): string {
  const tens = degree % 100;
  if (tens >= 11 && tens <= 13) return `${degree}th`;
  return `${degree}${{ 1: 'st', 2: 'nd', 3: 'rd' }[degree % 10] ?? 'th'}`;
}
