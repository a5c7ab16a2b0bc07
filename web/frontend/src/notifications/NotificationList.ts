import type { Observable, Subscription } from 'rxjs';
import { PagedList } from '../lib/PagedList';
import type { Notification } from '../api/types';

/** What the list asks of the server (docs/http-api.md), passed in so tests need none. */
export interface NotificationApi {
  /** Newest first, strictly older than `last` (by time, then id). */
  page(last: Notification | null, limit: number): Promise<Notification[]>;
  /** Sets read and visited on one; answers the notifications as they now are. */
  open(id: string): Promise<Notification[]>;
  /** Sets read on every unread one, pages never loaded included. */
  markAllRead(): Promise<void>;
}

/**
 * The member's notifications, newest first: paged, with live ones inserted on top. The navbar badge needs no help:
 * the server pushes the new unread count to every tab after each marking.
 */
export class NotificationList extends PagedList<Notification> {
  constructor(private readonly api: NotificationApi, limit = 10) {
    super((last, size) => api.page(last, size), (notification) => notification.id, limit);
  }

  /** Inserts pushed notifications on top; one already listed stays as it is. */
  listen(pushes: Observable<Notification>): Subscription {
    return pushes.subscribe((notification) => {
      if (!this.value.items.some((item) => item.id === notification.id)) this.prepend(notification);
    });
  }

  /** The member opens one: it becomes read and visited. */
  async open(id: string): Promise<void> {
    const marked = new Map((await this.api.open(id)).map((notification) => [notification.id, notification]));
    this.update((page) => ({ ...page, items: page.items.map((item) => marked.get(item.id) ?? item) }));
  }

  async markAllRead(): Promise<void> {
    await this.api.markAllRead();
    this.update((page) => ({ ...page, items: page.items.map((item) => (item.read ? item : { ...item, read: true })) }));
  }
}
