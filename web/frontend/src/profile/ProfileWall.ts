import { filter, merge, type Observable, type Subscription } from 'rxjs';
import { Store } from '../lib/store';
import { ApiError, describe } from '../api/ApiError';
import type { Profile } from '../api/types';
import { PostList } from '../posts/PostList';
import type { PostsApi } from '../posts/postsApi';
import { RelationshipStore, type FriendshipApi } from './RelationshipStore';
import { ConnectionStore, type ConnectionApi } from './ConnectionStore';

export type ProfileState =
  | { status: 'loading' }
  | { status: 'found'; profile: Profile }
  | { status: 'missing' }
  | { status: 'error'; error: string };

export interface ProfileWallApi {
  findProfile: (id: string) => Promise<Profile>;
  friendship: FriendshipApi & ConnectionApi;
  posts: Pick<PostsApi, 'wall' | 'create' | 'like' | 'unlike' | 'delete' | 'edit'>;
  /** Pushed when a friendship of the member's is made or ended (`add_friend`, `remove_friend`), e.g. in another tab. */
  friendshipPushes: Observable<FriendshipPush>;
}

export interface FriendshipPush {
  profileId: string;
  friends: boolean;
}

/** A profile page: who it is, how the member stands with them and is connected to them, and their wall. */
export class ProfileWall {
  readonly profile = new Store<ProfileState>({ status: 'loading' });
  readonly relationship: RelationshipStore;
  /** Read only on another member's profile. */
  readonly connection: ConnectionStore;
  readonly posts: PostList;
  /** One's own wall and friends' walls take posts. */
  readonly mayPost$;

  constructor(private readonly api: ProfileWallApi, private readonly me: string, readonly id: string) {
    this.relationship = new RelationshipStore(api.friendship, me, id);
    this.connection = new ConnectionStore(api.friendship, me, id);
    this.posts = new PostList((after, limit) => api.posts.wall(id, after, limit), api.posts);
    this.mayPost$ = this.relationship.select((s) => s.relationship === 'SELF' || s.relationship === 'FRIEND');
  }

  /**
   * Reads the profile, the relationship and, on another member's profile, the connection; until unsubscribed, a push
   * saying the friendship was made or ended elsewhere is taken as the relationship (reading it again could come
   * before the social graph has heard of it), and a friendship made or ended reloads the wall and the connection (the
   * connection also after each action of the member's).
   */
  start(): Subscription {
    const other = this.id !== this.me;
    void this.loadProfile();
    void this.relationship.load();
    if (other) void this.connection.load();
    const subscription = this.relationship.friendshipChanged$.subscribe(() => void this.posts.reload());
    if (other) {
      // after the member's own action too: a push about it may have come first, before the graph had it
      subscription.add(merge(this.relationship.friendshipChanged$, this.relationship.acted$)
        .subscribe(() => void this.connection.load()));
    }
    subscription.add(
      this.api.friendshipPushes
        .pipe(filter((push) => push.profileId === this.id))
        .subscribe((push) => this.relationship.heard(push.friends ? 'FRIEND' : 'NONE')),
    );
    return subscription;
  }

  async loadProfile(): Promise<void> {
    this.profile.set({ status: 'loading' });
    try {
      const profile = await this.api.findProfile(this.id);
      this.profile.set({ status: 'found', profile });
    } catch (e) {
      const missing = e instanceof ApiError && e.status === 404;
      this.profile.set(missing ? { status: 'missing' } : { status: 'error', error: describe(e) });
    }
  }
}
