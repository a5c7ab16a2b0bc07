import { Observable, Subscription, combineLatest, map } from 'rxjs';
import { Store } from '../lib/store';
import { LatestAsk } from '../lib/LatestAsk';
import { describe } from '../api/ApiError';
import type { Profile } from '../api/types';
import type { PushSource } from '../realtime/PushSource';
import type { FriendChange } from './ChatSocket';

/** A friend as the chat dock lists them. */
export interface ChatFriend {
  id: string;
  username: string;
  chatGroupId: string;
  online: boolean;
  unread: boolean;
}

interface FriendsState {
  friends: Profile[];
  onlineIds: string[];
  loading: boolean;
  error: string | null;
}

export type FriendsPage = (memberId: string, usernameGt: string | null, limit: number) => Promise<Profile[]>;

const PAGE = 50;

/**
 * The member's friends for chatting: the whole list (paged until exhausted), who of them is online, and which
 * conversations are unread; kept live by the `online_friends`, `add_friend` and `remove_friend` pushes.
 */
export class ChatFriends extends Store<FriendsState> {
  /** Online first, then A→Z. */
  readonly list$: Observable<ChatFriend[]>;
  private readonly loads = new LatestAsk();

  constructor(
    private readonly fetchPage: FriendsPage,
    unreadIds$: Observable<string[]>,
  ) {
    super({ friends: [], onlineIds: [], loading: false, error: null });
    this.list$ = combineLatest([this.state$, unreadIds$]).pipe(map(([state, unread]) => sorted(state, unread)));
  }

  async load(memberId: string): Promise<void> {
    const wanted = this.loads.ask();
    this.update((s) => ({ ...s, friends: [], loading: true, error: null }));
    try {
      const loaded: Profile[] = [];
      let page: Profile[];
      do {
        page = await this.fetchPage(memberId, loaded.at(-1)?.username ?? null, PAGE);
        loaded.push(...page);
      } while (page.length === PAGE);
      // friends pushed while loading are kept
      if (wanted()) this.update((s) => ({ ...s, friends: unique([...loaded, ...s.friends]), loading: false }));
    } catch (e) {
      if (wanted()) this.update((s) => ({ ...s, loading: false, error: describe(e) }));
    }
  }

  listen(source: PushSource): Subscription {
    const subscription = new Subscription();
    subscription.add(source.on<string[]>('online_friends').subscribe((ids) => this.update((s) => ({ ...s, onlineIds: ids }))));
    subscription.add(source.on<FriendChange>('add_friend').subscribe((change) => this.add(change)));
    subscription.add(source.on<FriendChange>('remove_friend').subscribe((change) => this.remove(change)));
    return subscription;
  }

  add(change: FriendChange): void {
    const friend = { id: change.profileId, username: change.username, chatGroupId: change.chatGroupId };
    this.update((s) => ({ ...s, friends: unique([friend, ...s.friends]) }));
  }

  remove(change: FriendChange): void {
    this.update((s) => ({ ...s, friends: s.friends.filter((f) => f.id !== change.profileId) }));
  }

  reset(): void {
    this.loads.forget();
    this.set({ friends: [], onlineIds: [], loading: false, error: null });
  }
}

function unique(friends: Profile[]): Profile[] {
  return [...new Map(friends.map((f) => [f.id, f])).values()];
}

function sorted(state: FriendsState, unreadIds: string[]): ChatFriend[] {
  const online = new Set(state.onlineIds);
  const unread = new Set(unreadIds);
  return state.friends
    .filter((f) => f.chatGroupId)
    .map((f) => ({
      id: f.id,
      username: f.username,
      chatGroupId: f.chatGroupId!,
      online: online.has(f.id),
      unread: unread.has(f.chatGroupId!),
    }))
    .sort((a, b) => Number(b.online) - Number(a.online) || a.username.localeCompare(b.username, undefined, { sensitivity: 'base' }));
}
