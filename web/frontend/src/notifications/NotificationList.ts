import type { Observable, Subscription } from 'rxjs';
import { PagedList } from '../lib/PagedList';
import type { Notification } from '../api/types';

/** What the list asks of the server (SPEC §3), passed in so tests need none. */
export interface NotificationApi {
  /** Newest first, strictly older than `last` (by time, then id). */
  page(last: Notification | null, limit: number): Promise<Notification[]>;
  /** Sets read (and visited, if asked) on the given ids; answers the notifications as they now are. */
  mark(ids: string[], visited: boolean): Promise<Notification[]>;
}

/** The server takes at most this many ids per marking. */
const MARK_BATCH = 100;

/**
 * The member's notifications, newest first: paged, with live ones inserted on top. Marking them read tells
 * `onRead` how many went from unread to read, which is what the navbar badge must count down.
 */
export class NotificationList extends PagedList<Notification> {
  constructor(
    private readonly api: NotificationApi,
    private readonly onRead: (count: number) => void,
    limit = 10,
  ) {
    super((last, size) => api.page(last, size), (notification) => notification.id, limit);
  }

  /** Inserts pushed notifications on top; one already listed stays as it is. */
  listen(pushes: Observable<Notification>): Subscription {
    return pushes.subscribe((notification) => {
      if (!this.value.items.some((item) => item.id === notification.id)) this.prepend(notification);
    });
  }

  /** The member opens one: it becomes read and visited. */
  open(id: string): Promise<void> {
    return this.mark([id], true);
  }

  markAllRead(): Promise<void> {
    const unread = this.value.items.filter((item) => !item.read).map((item) => item.id);
    const batches = [];
    for (let i = 0; i < unread.length; i += MARK_BATCH) batches.push(this.mark(unread.slice(i, i + MARK_BATCH), false));
    return Promise.all(batches).then(() => undefined);
  }

  private async mark(ids: string[], visited: boolean): Promise<void> {
    if (ids.length === 0) return;
    const marked = new Map((await this.api.mark(ids, visited)).map((notification) => [notification.id, notification]));
    // counted against the list as it is now, so two markings of one notification count it once
    let nowRead = 0;
    this.update((page) => ({
      ...page,
      items: page.items.map((item) => {
        const next = marked.get(item.id);
        if (!next) return item;
        if (!item.read && next.read) nowRead++;
        return next;
      }),
    }));
    if (nowRead > 0) this.onRead(nowRead);
  }
}
