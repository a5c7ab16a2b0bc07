import { Observable, Subscription, combineLatest, map } from 'rxjs';
import { Store } from '../lib/store';
import type { PushSource } from '../realtime/PushSource';

export interface Badges {
  unreadNotifications: number;
  unreadConversationIds: string[];
}

/**
 * The navbar's counters and the tab title. The server pushes both counts when the socket connects and whenever they
 * change (a marking of notifications included), and each new notification, counted up here.
 */
export class BadgeStore extends Store<Badges> {
  readonly title$: Observable<string>;

  constructor() {
    super({ unreadNotifications: 0, unreadConversationIds: [] });
    this.title$ = combineLatest([this.select((b) => b.unreadNotifications), this.select((b) => b.unreadConversationIds.length)])
      .pipe(map(([notifications, conversations]) => titleFor(notifications + conversations)));
  }

  listen(source: PushSource): Subscription {
    const subscription = new Subscription();
    subscription.add(source.on<number>('unread_notifications_count')
      .subscribe((count) => this.update((b) => ({ ...b, unreadNotifications: count }))));
    subscription.add(source.on<unknown>('new_unread_notification')
      .subscribe(() => this.update((b) => ({ ...b, unreadNotifications: b.unreadNotifications + 1 }))));
    subscription.add(source.on<string[]>('unread_conversations_ids')
      .subscribe((ids) => this.update((b) => ({ ...b, unreadConversationIds: ids }))));
    return subscription;
  }

  reset(): void {
    this.set({ unreadNotifications: 0, unreadConversationIds: [] });
  }
}

export function titleFor(unread: number): string {
  return unread > 0 ? `(${unread}) Bunnybook` : 'Bunnybook';
}
