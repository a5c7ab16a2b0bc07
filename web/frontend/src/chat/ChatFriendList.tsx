import { useObservable } from '../lib/useObservable';
import { session } from '../session/session';
import { Avatar } from '../ui/Avatar';
import { ErrorNote } from '../ui/ErrorNote';
import { chatBoxes, chatFriends } from './chat';
import { OnlineDot } from './OnlineDot';
import styles from './ChatDock.module.css';

/** The friends to chat with, online first; a name opens the chat box. */
export function ChatFriendList() {
  const friends = useObservable(chatFriends.list$, []);
  const state = useObservable(chatFriends.state$, chatFriends.value);
  const online = friends.filter((f) => f.online).length;

  if (state.error) {
    return (
      <div className={styles.note}>
        <ErrorNote error={`Could not load your friends: ${state.error}`} />
        <button type="button" className="secondary" onClick={() => void chatFriends.load(session.me!.id)}>Try again</button>
      </div>
    );
  }
  if (state.loading && friends.length === 0) return <p className={`${styles.note} hint`}>Loading friends…</p>;
  if (friends.length === 0) return <p className={`${styles.note} hint`}>No friends yet: befriend some bunnies to chat with them.</p>;
  return (
    <>
      <p className={`${styles.note} hint`}>{online} online</p>
      <ul className={styles.friends}>
        {friends.map((friend) => (
          <li key={friend.id} data-testid="chat-friend" data-online={friend.online} className={styles.friend}>
            <span className={styles.portrait}>
              <Avatar username={friend.username} size={32} />
              <OnlineDot online={friend.online} />
            </span>
            <button type="button" className={`link ${friend.unread ? styles.unread : ''}`}
              onClick={() => chatBoxes.open(friend.chatGroupId, friend.username)}>
              {friend.username}
            </button>
            {friend.unread && <span className="badge" data-testid="chat-unread">new</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
