import { Observable, Subject, distinctUntilChanged, filter, map, skip } from 'rxjs';
import { Store } from '../lib/store';
import { LatestAsk } from '../lib/LatestAsk';
import { describe } from '../api/ApiError';
import type { Relationship } from '../api/types';
import type { friendship } from '../friends/friendship';

export type FriendshipAction = 'sendRequest' | 'cancelRequest' | 'accept' | 'reject' | 'unfriend';
export type FriendshipApi = Pick<typeof friendship, 'relationship' | FriendshipAction>;

export interface RelationshipState {
  /** Null until first read. */
  relationship: Relationship | null;
  error: string | null;
}

/** How the member stands with the profile shown, and the friendship actions from there. */
export class RelationshipStore extends Store<RelationshipState> {
  /** Emits when the two become friends or stop being friends (not on the first reading): the wall shows other posts. */
  readonly friendshipChanged$: Observable<boolean>;
  /**
   * Emits once an action of the member's has been answered and the relationship read again: by then the server's
   * read models show it, which a push saying the same (it may come first) does not promise.
   */
  readonly acted$: Observable<void>;
  private readonly acted = new Subject<void>();
  /** A read answered after a later read or a push is dropped instead of undoing them. */
  private readonly reads = new LatestAsk();

  constructor(
    private readonly api: FriendshipApi,
    private readonly me: string,
    private readonly other: string,
  ) {
    super({ relationship: null, error: null });
    this.friendshipChanged$ = this.select((s) => s.relationship).pipe(
      filter((relationship) => relationship !== null),
      map((relationship) => relationship === 'FRIEND'),
      distinctUntilChanged(),
      skip(1),
    );
    this.acted$ = this.acted.asObservable();
  }

  async load(): Promise<void> {
    const wanted = this.reads.ask();
    try {
      const relationship = await this.api.relationship(this.me, this.other);
      if (!wanted()) return;
      this.set({ relationship, error: null });
    } catch (e) {
      if (!wanted()) return;
      this.update((state) => ({ ...state, error: describe(e) }));
    }
  }

  /** The relationship as a push told it. */
  heard(relationship: Relationship): void {
    this.reads.forget();
    this.set({ relationship, error: null });
  }

  /**
   * Runs the action, then reads the relationship again whether it worked or not: one refused because it changed
   * meanwhile (UnexpectedRelationshipState) then shows as it is now. The refusal is rethrown for the caller to show.
   */
  async act(action: FriendshipAction): Promise<void> {
    try {
      await this.api[action](this.me, this.other);
    } finally {
      await this.load();
      this.acted.next();
    }
  }
}
