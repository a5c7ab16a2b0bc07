import { useState } from 'react';
import { useObservable } from '../lib/useObservable';
import { badges } from '../badges/badges';
import { ErrorNote } from '../ui/ErrorNote';
import { chatBoxes, chatError, chatFriends } from './chat';
import { ChatBox } from './ChatBox';
import { ChatFriendList } from './ChatFriendList';
import styles from './ChatDock.module.css';

/**
 * The chat on every member page: the friends panel (bottom right, collapsible; behind a floating button on a phone)
 * and the open chat boxes beside it (one at a time, full screen, on a phone). Open on a desktop by default, on every
 * page: the page keeps clear of the open panel (ChatDock.module.css) rather than the panel closing on wide pages.
 */
export function ChatDock() {
  const boxes = useObservable(chatBoxes.state$, chatBoxes.value);
  const friends = useObservable(chatFriends.list$, []);
  const unread = useObservable(badges.state$, badges.value).unreadConversationIds.length;
  const [expanded, setExpanded] = useState<boolean | null>(null);
  const shown = expanded ?? !boxes.narrow;
  const mode = boxes.narrow ? styles.narrow : styles.wide;

  return (
    <>
      <div className={`${styles.boxes} ${mode}`}>
        {/* newest first, which the row lays out rightmost, next to the panel */}
        {[...boxes.open].reverse().map((box) => {
          const room = chatBoxes.room(box.chatGroupId);
          return room && (
            <ChatBox key={box.chatGroupId} box={box} room={room} fullScreen={boxes.narrow}
              online={friends.some((f) => f.chatGroupId === box.chatGroupId && f.online)}
              onClose={() => chatBoxes.close(box.chatGroupId)} />
          );
        })}
      </div>
      <aside aria-label="Chat" className={`${styles.dock} ${mode} ${shown ? styles.expanded : ''}`}>
        <button type="button" className={styles.toggle} aria-expanded={shown} onClick={() => setExpanded(!shown)}>
          Chat
          {unread > 0 && <span className="badge" data-testid="chat-unread-count">{unread}</span>}
          <span aria-hidden="true" className={styles.chevron}>{shown ? (boxes.narrow ? '×' : '▾') : '▴'}</span>
        </button>
        {shown && <ChatFriendList />}
      </aside>
    </>
  );
}

/**
 * What the server said of a chat frame it refused (`error` push), until dismissed. The shell shows it in its top bar,
 * with the other notices.
 */
export function RefusedFrameNote() {
  const error = useObservable(chatError.state$, chatError.value);
  if (!error) return null;
  return (
    <div className={styles.toast}>
      <ErrorNote error={`Chat: ${error}`} />
      <button type="button" className="link" onClick={() => chatError.set(null)}>Dismiss</button>
    </div>
  );
}
