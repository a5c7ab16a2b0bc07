import { useEffect, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { session } from '../session/session';
import { realtime } from '../realtime/realtime';
import { badges } from '../badges/badges';
import { useObservable } from '../lib/useObservable';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { Avatar } from '../ui/Avatar';
import { Time } from '../ui/Time';
import { PagedListFooter } from '../ui/PagedListFooter';
import type { Notification } from '../api/types';
import { NotificationList } from './NotificationList';
import { notificationApi } from './notificationApi';
import { notificationText } from './notificationText';
import styles from './Notifications.module.css';

/** `/notifications`: newest first, live, each one a sentence that leads to what it is about. */
export function NotificationsPage() {
  const me = session.me!.id;
  const list = useMemo(() => new NotificationList(notificationApi(me)), [me]);
  const page = useObservable(list.state$, list.value);
  useEffect(() => {
    const live = list.listen(realtime.on<Notification>('new_unread_notification'));
    void list.reload();
    return () => live.unsubscribe();
  }, [list]);
  const markAll = useAction(() => list.markAllRead());
  // the badge also counts the unread ones on pages not loaded yet
  const unreadCount = useObservable(badges.state$, badges.value).unreadNotifications;
  const anyUnread = unreadCount > 0 || page.items.some((notification) => !notification.read);

  return (
    <section className="card">
      <div className={styles.heading}>
        <h1>Notifications</h1>
        <button type="button" className="secondary" disabled={!anyUnread || markAll.busy} onClick={() => markAll.run()}>
          Mark all as read
        </button>
      </div>
      <ErrorNote error={markAll.error} />
      {page.items.length > 0 && (
        <ul className={styles.list} aria-label="Notifications">
          {page.items.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} me={me} list={list} />
          ))}
        </ul>
      )}
      <PagedListFooter page={page} loadMore={() => void list.loadMore()}
        empty="Nothing here yet. When bunnies post on your wall, comment, like your posts or befriend you, you will read it here." />
    </section>
  );
}

/**
 * Opening one marks it read and visited first, so the badge is right on the page it leads to; if that fails, the
 * member goes there all the same and the notification simply stays unread. One never opened stands out.
 */
function NotificationItem({ notification, me, list }: { notification: Notification; me: string; list: NotificationList }) {
  const navigate = useNavigate();
  const { actor, text, href } = notificationText(notification, me);
  const open = useAction(async () => {
    await list.open(notification.id).catch(() => undefined);
    navigate(href);
  });
  return (
    <li data-testid="notification" data-read={String(notification.read)} data-visited={String(notification.visited)}
      className={notification.visited ? styles.item : `${styles.item} ${styles.unvisited}`}>
      <Link to={href} className={styles.link} aria-busy={open.busy}
        onClick={(event) => {
          event.preventDefault();
          if (!open.busy) void open.run();
        }}>
        <Avatar username={actor} />
        <span className={styles.sentence}>
          <strong>{actor}</strong> {text}
          <span className={styles.when}><Time at={notification.createdAt} /></span>
        </span>
        {!notification.read && <span className={styles.dot} role="img" aria-label="unread" />}
      </Link>
    </li>
  );
}
